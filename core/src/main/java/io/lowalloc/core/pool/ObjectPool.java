package io.lowalloc.core.pool;

import io.lowalloc.core.pool.PoolSlot.State;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.util.PaddedAtomicLong;

/**
 * A bounded pool of reusable {@link Poolable} objects that takes no locks.
 *
 * <p>{@link #acquire()} takes a pooled object or, if the pool is empty, creates one with the
 * factory; it never blocks, and waits for another thread only a bounded, short time (see
 * "Queue" below). {@link #release(Poolable)} resets the object and pools it, or leaves it to the
 * garbage collector if the pool already holds {@link #capacity()} objects. The pool therefore bounds how many <em>idle</em> objects it keeps,
 * not how many exist: callers are never refused an object.
 *
 * <p>Misuse is detected and never corrupts the pool: releasing {@code null}, an object this pool
 * did not create, or an object that is not currently acquired (a double release) throws and
 * changes nothing. The one misuse that cannot be detected is a stale holder releasing an object
 * after it was released and handed to someone else (it is legitimately acquired again);
 * {@link PoolSlot#leaseCount()} lets a holder check for that.
 *
 * <h2>Queue</h2>
 * The idle objects live in a JCTools {@link MpmcArrayQueue}: the usual pattern is many request
 * threads acquiring (many consumers) and one or more exporter or request threads releasing (many
 * producers), so it has to be multi-producer multi-consumer. It is a preallocated array ring, so
 * offering and polling never allocate, unlike a linked or chunked queue.
 *
 * <p>Acquire takes from the queue with {@code relaxedPoll()}, which only ever looks at the head
 * slot and returns nothing if that slot has been claimed by a releasing thread that has not yet
 * filled it, however many objects are queued behind it. Such a slot is normally filled within a
 * few instructions, but a releasing thread preempted between claiming and filling it (common with
 * more runnable threads than cores) leaves the head empty for a whole scheduler time slice, and
 * every acquire in that time would miss and allocate: 4 threads on 2 cores cycling a pool that
 * always held over 1,000 objects missed on 2.5&nbsp;% of acquires, and the 4-producer shared
 * pipeline test on 0.3&ndash;1.2&nbsp;% (never for lack of objects: at least 1,500 were pooled at
 * every miss). So when {@code relaxedPoll()} finds nothing while the pooled count says objects
 * are there, acquire retries it a bounded number of times: up to 16 times after
 * {@link Thread#onSpinWait()}, then up to 16 times after {@link Thread#yield()}, which lets a
 * preempted releasing thread run and fill the slot. Only
 * then is it a miss. That cut the misses of the first test from about 25,000 to at most about 70
 * per million acquisitions (0 to 168 in 2.4 million), and of the pipeline test from 11,852 to
 * 46,476 to 0 to 186 in 4 million. The misses left need a releasing thread descheduled for
 * longer than all the retries; they cost an allocation each, never correctness. {@code poll()} is not used
 * instead because it would spin until the releasing thread fills the slot, for as long as that
 * thread stays descheduled: acquire waits a bounded, short time, never indefinitely for another
 * thread. An empty pool (pooled count 0) misses at once, without retrying.
 *
 * <p>Release uses {@code offer()}, which cannot fail below capacity (see below) but may spin
 * while a concurrent acquire finishes vacating the queue slot it needs, a window of a few
 * instructions; the alternative, {@code relaxedOffer()}, would instead discard the object and
 * cost a future allocation.
 *
 * <h2>Exact capacity</h2>
 * {@code MpmcArrayQueue} rounds its size up to a power of two (and to at least 2). The pool
 * enforces the exact capacity itself with a count of pooled objects that a releasing thread must
 * increment, with compare-and-set, before it may offer; an acquiring thread decrements it after
 * polling. The count therefore never exceeds {@link #capacity()}, and since the queue is at least
 * that large the offer cannot find it full.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called by any number of threads at once; an object may be acquired on one
 * thread and released on another. The release happens-before the next acquire of the same object.
 *
 * <h2>Allocation</h2>
 * With a warm pool (a pooled object is available on acquire, room in the pool on release),
 * {@code acquire()} and {@code release()} allocate nothing, provided {@link Poolable#reset()} and
 * {@link Poolable#onAcquire()} do not. A miss allocates whatever the factory allocates. The
 * statistics counters allocate only while their striping grows under contention, a bounded
 * one-time cost (at most one cell per CPU). {@link #stats()} and {@link #toString()}
 * allocate and are meant for monitoring, not hot paths. Building a pool allocates the queue:
 * about 12 bytes per element of the rounded-up capacity (with compressed references).
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T extends Poolable> {

    /** Capacity used when {@link Builder#capacity(int)} is not called: {@value}. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** The largest capacity a pool accepts: {@value} (the queue's limit). */
    public static final int MAX_CAPACITY = 1 << 30;

    // Bounded retry of an acquire that found the queue's head slot not yet filled although objects
    // are pooled (see "Queue" in the class javadoc). Spins cover a releasing thread that is
    // running and a few instructions from filling the slot; yields cover one that was preempted in
    // that window, which on a machine with more runnable threads than cores lasts a whole time
    // slice and which no amount of spinning waits out. Measured with ObjectPoolContentionMissTest
    // (2.4M acquisitions, 4 threads, 2 loaded cores): no retry 60,569 misses; 16 spins 52,027;
    // 16 spins + 4 yields 0 to 1,088; 16 spins + 16 yields 0 to 168.
    private static final int ACQUIRE_SPINS = 16;
    private static final int ACQUIRE_YIELDS = 16;
    private static final int ACQUIRE_RETRIES = ACQUIRE_SPINS + ACQUIRE_YIELDS;

    private final Supplier<? extends T> factory;
    private final int capacity;
    private final String name;
    private final MpmcArrayQueue<T> queue;

    // Exact number of pooled objects (in the queue, or being added or removed); it gates admission
    // into the queue, so it must be a single exact atomic. Padded so that CAS traffic on it does
    // not also evict the read-mostly fields above from other cores' caches.
    private final PaddedAtomicLong pooledCount = new PaddedAtomicLong();

    // Statistics only. LongAdder rather than AtomicLong: hits and misses are bumped by every
    // request thread, released often by an exporter thread at the same time, and one AtomicLong
    // per counter would be one more cache line all of them fight over. Uncontended, a LongAdder is
    // a single CAS on its base; under contention it stripes the count over cells, created as
    // contention is first seen (at most about one per CPU) and then reused for good, so steady
    // state allocates nothing.
    // "acquired" is hits + misses and not counted separately, to keep one increment per operation.
    private final LongAdder created = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder discarded = new LongAdder();

    ObjectPool(Supplier<? extends T> factory, int capacity, String name) {
        this.factory = factory;
        this.capacity = capacity;
        this.name = name != null ? name : "ObjectPool@" + Integer.toHexString(System.identityHashCode(this));
        // JCTools requires at least 2; the pooled count enforces the exact (possibly smaller) capacity.
        this.queue = new MpmcArrayQueue<>(Math.max(2, capacity));
    }

    /**
     * Starts a builder. The capacity defaults to {@link #DEFAULT_CAPACITY} and the name to
     * {@code "ObjectPool@"} followed by the pool's identity hash code in hex.
     *
     * @param factory makes a new, unpooled object on every call; called on a miss and by
     *     {@link #prefill(int)}, possibly by several threads at once
     * @param <T> the pooled type
     * @return a new builder
     * @throws NullPointerException if {@code factory} is {@code null}
     */
    public static <T extends Poolable> Builder<T> builder(Supplier<? extends T> factory) {
        return new Builder<>(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Creates an empty pool with the default name; same as
     * {@code builder(factory).capacity(capacity).build()}.
     *
     * @param factory makes a new, unpooled object on every call
     * @param capacity the maximum number of pooled (idle) objects, in {@code [1, MAX_CAPACITY]}
     * @param <T> the pooled type
     * @return the new pool
     * @throws NullPointerException if {@code factory} is {@code null}
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static <T extends Poolable> ObjectPool<T> create(Supplier<? extends T> factory, int capacity) {
        return ObjectPool.<T>builder(factory).capacity(capacity).build();
    }

    /**
     * Hands out an object: a pooled one (a hit) or, if the pool is empty, a new one from the
     * factory (a miss). The object is {@link State#ACQUIRED} when its
     * {@link Poolable#onAcquire()} is called. Never blocks: if objects are pooled but the next
     * one is still being added by a releasing thread, it retries a bounded number of times
     * (spinning, then yielding) before counting a miss. Allocates nothing on a hit.
     *
     * <p>If {@code onAcquire()} throws, the object is discarded (counted as acquired, released
     * and discarded) and the exception propagates. An exception from the factory propagates and
     * changes no counter.
     *
     * @return an object that only the caller holds until it is released
     * @throws NullPointerException if the factory returned {@code null}, or an object whose
     *     {@link Poolable#poolSlot()} is {@code null}
     * @throws IllegalArgumentException if the factory returned an object created by another pool
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
     * Gives an object back. The pool calls {@link Poolable#reset()} on it <em>before</em> any
     * other thread can acquire it, then pools it; if the pool already holds {@link #capacity()}
     * objects, the object is instead left to the garbage collector and counted as discarded (a
     * later release of it still throws). Takes no lock; allocates nothing while there is room.
     *
     * <p>If {@code reset()} throws, the object is discarded (not pooled), counted as released and
     * discarded, and the exception propagates to the caller.
     *
     * <p>A rejected call ({@code NullPointerException}, {@code IllegalArgumentException},
     * {@code IllegalStateException}) changes nothing: no counter, no pooled object.
     *
     * @param object an object acquired from this pool and not yet released
     * @throws NullPointerException if {@code object} is {@code null}
     * @throws IllegalArgumentException if this pool did not create {@code object}
     * @throws IllegalStateException if {@code object} is not currently acquired (already released)
     */
    public void release(T object) {
        Objects.requireNonNull(object, "object");
        PoolSlot slot = object.poolSlot();
        if (slot == null || slot.owner() != this) {
            throw notCreatedHere(slot);
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
     * Creates objects with the factory and pools them until at least {@code count} objects are
     * pooled, so that the next {@code count} acquisitions are hits. If the factory throws, the
     * objects created so far stay pooled and the exception propagates.
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
     * Returns the exact maximum number of pooled (idle) objects.
     *
     * @return the capacity, in {@code [1, MAX_CAPACITY]}
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns the pool's name, as used in {@link #toString()} and error messages.
     *
     * @return the name, never {@code null}
     */
    public String name() {
        return name;
    }

    /**
     * Takes a snapshot of the pool's counters (see {@link PoolStats} for how they relate and
     * how consistent they are under concurrency). Allocates the snapshot.
     *
     * @return a new snapshot
     */
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

    /**
     * Describes the pool for logs and error messages, e.g.
     * {@code ObjectPool[spans, capacity=1024, pooled=12]}. Allocates.
     *
     * @return a description of the pool
     */
    @Override
    public String toString() {
        return "ObjectPool[" + name + ", capacity=" + capacity + ", pooled=" + pooledCount.get() + "]";
    }

    /**
     * Takes a pooled object, retrying a bounded number of times while the pooled count says
     * objects are there (see "Queue" in the class javadoc); {@code null} if none could be taken.
     */
    private T poll() {
        T object = queue.relaxedPoll();
        // pooledCount > 0: an object is queued or about to be; at 0 the pool is empty, miss at once.
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

    /** Takes one unit of room in the pool if fewer than {@code limit} objects are pooled. */
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

    /** Offers an object for which room was reserved. */
    private void enqueue(T object) {
        // Cannot fail: every object in the queue, or being added or removed, holds one unit of
        // pooledCount <= capacity <= queue size. offer() (not relaxedOffer()) waits the few
        // instructions a concurrent poll may still need to free the slot rather than fail.
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
     * Configures and builds an {@link ObjectPool}. Not thread-safe; each {@link #build()} returns
     * a new, independent, empty pool.
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
         * {@link ObjectPool#DEFAULT_CAPACITY}.
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
         * Sets the name shown by {@link ObjectPool#toString()} and in error messages; default
         * {@code "ObjectPool@"} followed by the pool's identity hash code in hex.
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

        /**
         * Builds an empty pool with the current settings (use {@link ObjectPool#prefill(int)} to
         * warm it). Allocates the pool and its queue.
         *
         * @return a new pool
         */
        public ObjectPool<T> build() {
            return new ObjectPool<>(factory, capacity, name);
        }
    }
}
