package io.lowalloc.core.pool;

import io.lowalloc.core.pool.PoolSlot.State;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.util.PaddedAtomicLong;

/**
 * A bounded, lock-free pool of reusable {@link Poolable} objects. {@link #acquire()} returns a
 * pooled object or a new one from the factory: callers are never refused or blocked.
 * {@link #release(Poolable)} resets the object and pools it, or leaves it to the garbage collector
 * when {@link #capacity()} objects are pooled: the capacity bounds idle objects exactly, not
 * objects in use.
 *
 * <p>Misuse (releasing {@code null}, another pool's object, an object not acquired, or an object
 * whose {@link Poolable#checkReleasable()} vetoes it because its holder handed it off) throws and
 * changes nothing. A stale holder releasing an object acquired again since cannot be detected;
 * {@link PoolSlot#leaseCount()} lets holders check that themselves.
 *
 * <p><b>Hand-offs.</b> A holder may hand an object to another party that then owns it (a span
 * submitted to an export queue belongs to the queue until its export's result is known). While
 * handed off, the object vetoes {@link #release(Poolable)}; its new owner returns it through the
 * pool's one {@link HandOffReleaser}, claimed once with {@link #claimHandOffReleaser()} by the
 * component that does the hand-off, so no one else can give the object back early.
 *
 * <p>Thread-safe: any thread may acquire or release, and a release happens-before the next
 * acquire of the same object. With a warm pool, {@code acquire()} and {@code release()} allocate
 * nothing if {@link Poolable#reset()} and {@link Poolable#onAcquire()} do not; a miss allocates
 * what the factory does, the counters at most one cell per CPU once contended. Building a pool
 * allocates one reference and one {@code long} per queue slot (capacity rounded up to a power of
 * two).
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T extends Poolable> {

    /** Capacity used when {@link Builder#capacity(int)} is not called: {@value}. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** The largest capacity a pool accepts: {@value} (the queue's limit). */
    public static final int MAX_CAPACITY = 1 << 30;

    // Spins wait out a releasing thread a few instructions from filling the head slot; yields let
    // one preempted in that window run, which spinning cannot when threads outnumber cores.
    // Chosen with ObjectPoolContentionMissTest.
    private static final int ACQUIRE_SPINS = 16;
    private static final int ACQUIRE_YIELDS = 16;
    private static final int ACQUIRE_RETRIES = ACQUIRE_SPINS + ACQUIRE_YIELDS;

    private final Supplier<? extends T> factory;
    private final int capacity;
    private final String name;
    // Multi-producer multi-consumer (request threads acquire, exporter threads release) and a
    // preallocated array ring, so offer and poll never allocate.
    private final MpmcArrayQueue<T> queue;

    // Exact count of pooled objects (queued, or being added or removed): a release CASes it up
    // before offering, an acquire decrements it after polling, so it never exceeds capacity and the
    // larger queue is never full at offer. Padded against false sharing with the fields above.
    private final PaddedAtomicLong pooledCount = new PaddedAtomicLong();

    // Statistics only. LongAdder, not AtomicLong: all request threads bump these at once, and
    // "acquired" is hits + misses to keep one increment per operation.
    private final LongAdder created = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    // Set once by claimHandOffReleaser(): the first claim wins, so exactly one releaser exists.
    private final AtomicBoolean handOffReleaserClaimed = new AtomicBoolean();

    ObjectPool(Supplier<? extends T> factory, int capacity, String name) {
        this.factory = factory;
        this.capacity = capacity;
        this.name = name != null ? name : "ObjectPool@" + Integer.toHexString(System.identityHashCode(this));
        // JCTools requires at least 2; the pooled count enforces the exact (possibly smaller) capacity.
        this.queue = new MpmcArrayQueue<>(Math.max(2, capacity));
    }

    /**
     * Starts a builder with capacity {@link #DEFAULT_CAPACITY} and name {@code "ObjectPool@"} +
     * identity hash code in hex.
     *
     * @param factory makes a new, unpooled object per call; called on a miss and by
     *     {@link #prefill(int)}, possibly by several threads at once
     * @param <T> the pooled type
     * @return a new builder
     * @throws NullPointerException if {@code factory} is {@code null}
     */
    public static <T extends Poolable> Builder<T> builder(Supplier<? extends T> factory) {
        return new Builder<>(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Same as {@code builder(factory).capacity(capacity).build()}.
     *
     * @param factory makes a new, unpooled object per call
     * @param capacity the maximum number of pooled objects, in {@code [1, MAX_CAPACITY]}
     * @param <T> the pooled type
     * @return a new, empty pool
     * @throws NullPointerException if {@code factory} is {@code null}
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static <T extends Poolable> ObjectPool<T> create(Supplier<? extends T> factory, int capacity) {
        return ObjectPool.<T>builder(factory).capacity(capacity).build();
    }

    /**
     * Hands out a pooled object (a hit) or a new one from the factory (a miss), already
     * {@link State#ACQUIRED} when {@link Poolable#onAcquire()} runs. Never blocks: while the next
     * pooled object is still being added by a releaser it spins, then yields, a bounded number of
     * times before counting a miss. Allocates nothing on a hit. If {@code onAcquire()} throws, the
     * object is counted acquired, released and discarded; a factory exception changes no counter.
     *
     * @return an object that only the caller holds until it is released
     * @throws NullPointerException if the factory returned {@code null} or an object whose
     *     {@link Poolable#poolSlot()} is {@code null}
     * @throws IllegalArgumentException if the factory returned another pool's object
     * @throws IllegalStateException if the factory returned an object this pool created before
     */
    public T acquire() {
        T object = poll();
        if (object != null) {
            pooledCount.getAndDecrement();
            PoolSlot slot = object.poolSlot();
            if (!slot.compareAndSetState(State.POOLED, State.ACQUIRED)) {
                // Only this pool changes a pooled object's state, so this is a bug, not misuse.
                throw new IllegalStateException("pool corrupted: a pooled object was " + slot.state()
                        + " instead of POOLED in " + this);
            }
            slot.recordLease();
            hits.increment();
        } else {
            object = newObject();
            PoolSlot slot = object.poolSlot();
            // Just bound by this thread, so no other thread can have moved it from NEW.
            slot.setState(State.ACQUIRED);
            slot.recordLease();
            misses.increment();
        }
        try {
            object.onAcquire();
        } catch (Throwable t) {
            released.increment();
            discard(object.poolSlot());
            throw t;
        }
        return object;
    }

    /**
     * Gives an object back: {@link Poolable#reset()} runs before any other thread can acquire it,
     * then it is pooled, or discarded if the pool is full (a later release still throws).
     * Allocates nothing while there is room. If {@code reset()} throws, the object is counted
     * released and discarded; a call rejected with an exception below changes nothing.
     *
     * <p>An object that its holder handed off (its {@link Poolable#checkReleasable()} throws) is
     * refused: only the {@link HandOffReleaser} of this pool gives it back.
     *
     * @param object an object acquired from this pool, not yet released and not handed off
     * @throws NullPointerException if {@code object} is {@code null}
     * @throws IllegalArgumentException if this pool did not create {@code object}
     * @throws IllegalStateException if {@code object} is not currently acquired (already released),
     *     or, from {@code checkReleasable()}, if it is handed off (the message names its state)
     */
    public void release(T object) {
        release(object, true);
    }

    /**
     * Claims the one {@link HandOffReleaser} of this pool: the component that hands its objects
     * off (a span recorder, a span processor, whoever wires a queue's completion hook) claims it
     * once, when it is built, and keeps it private. Thread-safe; allocates the releaser.
     *
     * @return the releaser; only the first call returns
     * @throws IllegalStateException if the releaser was claimed before
     */
    public HandOffReleaser<T> claimHandOffReleaser() {
        if (!handOffReleaserClaimed.compareAndSet(false, true)) {
            throw new IllegalStateException("the hand-off releaser of " + this + " was already claimed:"
                    + " only the component that hands this pool's objects off may hold it");
        }
        return new HandOffReleaser<>(this);
    }

    /** The release of {@link HandOffReleaser}: {@link #release(Poolable)} without the veto. */
    void releaseHandedOff(T object) {
        release(object, false);
    }

    private void release(T object, boolean vetoable) {
        Objects.requireNonNull(object, "object");
        PoolSlot slot = object.poolSlot();
        if (slot == null || slot.owner() != this) {
            throw notCreatedHere(slot);
        }
        if (vetoable) {
            // Before the CAS, so a vetoed release changes nothing. The object reads its own state;
            // a plain-release race with the owner's release is settled by the CAS below anyway.
            object.checkReleasable();
        }
        // The CAS is what makes a racing second release fail: exactly one caller moves it out of ACQUIRED.
        if (!slot.compareAndSetState(State.ACQUIRED, State.RELEASING)) {
            throw new IllegalStateException("object already released (its state is " + slot.state()
                    + ") to " + this);
        }
        released.increment();
        try {
            object.reset();
        } catch (Throwable t) {
            discard(slot);
            throw t;
        }
        if (!reserveRoom(capacity)) {
            discard(slot);
            return;
        }
        slot.setState(State.POOLED);
        enqueue(object);
    }

    /**
     * Creates and pools objects until at least {@code count} are pooled. If the factory throws,
     * the objects created so far stay pooled.
     *
     * @param count how many objects to have pooled, in {@code [0, capacity()]}
     * @return how many objects were created (0 if {@code count} were already pooled)
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public int prefill(int count) {
        if (count < 0 || count > capacity) {
            throw new IllegalArgumentException("count must be in [0, " + capacity + "] (the capacity), was: " + count);
        }
        int createdHere = 0;
        while (reserveRoom(count)) {
            T object;
            try {
                object = newObject();
            } catch (Throwable t) {
                pooledCount.getAndDecrement();
                throw t;
            }
            object.poolSlot().setState(State.POOLED);
            enqueue(object);
            createdHere++;
        }
        return createdHere;
    }

    /**
     * Returns whether this pool created {@code object}, whatever its state now; one read of its
     * slot, allocation-free. Lets an owner reject another pool's object before it takes it over.
     *
     * @param object the object to check
     * @return true if this pool's factory made it
     * @throws NullPointerException if {@code object} is {@code null}
     */
    public boolean owns(T object) {
        PoolSlot slot = Objects.requireNonNull(object, "object").poolSlot();
        return slot != null && slot.owner() == this;
    }

    /** {@return the exact maximum number of pooled (idle) objects, in {@code [1, MAX_CAPACITY]}} */
    public int capacity() {
        return capacity;
    }

    /** {@return the name used by {@link #toString()} and in error messages, never {@code null}} */
    public String name() {
        return name;
    }

    /** {@return a new snapshot of the counters; see {@link PoolStats} for their consistency}. */
    public PoolStats stats() {
        // released before hits/misses: every counted release had its acquire counted earlier,
        // so the snapshot never shows more released than acquired objects.
        long releasedNow = released.sum();
        long discardedNow = discarded.sum();
        long pooledNow = pooledCount.get();
        long hitsNow = hits.sum();
        long missesNow = misses.sum();
        long createdNow = created.sum();
        return new PoolStats(createdNow, hitsNow, missesNow, releasedNow, discardedNow, pooledNow);
    }

    /** {@return a new description, e.g. {@code ObjectPool[spans, capacity=1024, pooled=12]}} */
    @Override
    public String toString() {
        return "ObjectPool[" + name + ", capacity=" + capacity + ", pooled=" + pooledCount.get() + "]";
    }

    // relaxedPoll() sees only the head slot, which a releaser may have claimed but not yet filled;
    // poll() would spin on it for as long as that releaser stays descheduled. So retry boundedly,
    // only while pooledCount > 0 (an object is queued or about to be), and accept a rare miss.
    private T poll() {
        T object = queue.relaxedPoll();
        for (int attempt = 0; object == null && attempt < ACQUIRE_RETRIES && pooledCount.get() > 0; attempt++) {
            if (attempt < ACQUIRE_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            object = queue.relaxedPoll();
        }
        return object;
    }

    private T newObject() {
        T object = factory.get();
        if (object == null) {
            throw new NullPointerException("factory returned null for " + this);
        }
        PoolSlot slot = object.poolSlot();
        if (slot == null) {
            throw new NullPointerException("poolSlot() returned null for an object of "
                    + object.getClass().getName() + " made by the factory of " + this);
        }
        slot.bind(this);
        created.increment();
        return object;
    }

    private boolean reserveRoom(int limit) {
        for (;;) {
            long pooled = pooledCount.get();
            if (pooled >= limit) {
                return false;
            }
            if (pooledCount.compareAndSet(pooled, pooled + 1)) {
                return true;
            }
        }
    }

    private void enqueue(T object) {
        // Cannot fail (see pooledCount). offer(), not relaxedOffer(): it waits the few instructions
        // a concurrent poll needs to vacate the slot, where relaxedOffer() would drop the object.
        if (!queue.offer(object)) {
            throw new IllegalStateException("pool corrupted: queue full below capacity in " + this);
        }
    }

    private void discard(PoolSlot slot) {
        slot.setState(State.DISCARDED);
        discarded.increment();
    }

    private IllegalArgumentException notCreatedHere(PoolSlot slot) {
        ObjectPool<?> owner = slot == null ? null : slot.owner();
        return new IllegalArgumentException("object was not created by this pool (" + this + "); "
                + (owner == null ? "it was never handed out by any pool" : "it belongs to " + owner));
    }

    /**
     * Configures an {@link ObjectPool}. Not thread-safe; each {@link #build()} returns a new,
     * independent, empty pool.
     *
     * @param <T> the pooled type
     */
    public static final class Builder<T extends Poolable> {
        private final Supplier<? extends T> factory;
        private int capacity = DEFAULT_CAPACITY;
        private String name;

        private Builder(Supplier<? extends T> factory) {
            this.factory = factory;
        }

        /**
         * Sets the exact maximum number of pooled (idle) objects; default
         * {@value ObjectPool#DEFAULT_CAPACITY}.
         *
         * @param capacity the capacity, in {@code [1, MAX_CAPACITY]}
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is out of range
         */
        public Builder<T> capacity(int capacity) {
            if (capacity < 1 || capacity > MAX_CAPACITY) {
                throw new IllegalArgumentException(
                        "capacity must be in [1, " + MAX_CAPACITY + "], was: " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Sets the name used by {@link ObjectPool#toString()} and in error messages.
         *
         * @param name a non-empty name, e.g. {@code "spans"}
         * @return this builder
         * @throws NullPointerException if {@code name} is {@code null}
         * @throws IllegalArgumentException if {@code name} is empty
         */
        public Builder<T> name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            this.name = name;
            return this;
        }

        /** {@return a new, empty pool; {@link ObjectPool#prefill(int)} warms it} */
        public ObjectPool<T> build() {
            return new ObjectPool<>(factory, capacity, name);
        }
    }
}
