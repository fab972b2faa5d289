package io.lowalloc.core.pool;

import io.lowalloc.core.pool.PoolSlot.State;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

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
 * <p><b>Structure.</b> Pooled objects sit in a shared multi-producer multi-consumer queue and, in
 * front of it, in a fixed number of small per-thread <em>magazines</em> ({@link #MAX_MAGAZINES}
 * at most, {@link #MAX_MAGAZINE_ROOM} objects each, fewer for small capacities): a platform thread
 * that uses the pool claims a free magazine once and from then on acquires from it, and releases
 * the objects it acquired itself into it, with no atomic read-modify-write except the release's
 * one compare-and-set of the object's state; an object released by another thread than the one
 * that acquired it goes to the queue, where every thread finds it. A full magazine moves
 * half its objects to the queue in one step. A magazine's room is taken from the capacity one
 * object at a time as its thread gives objects back, and given back whole when the thread finds
 * its magazine empty, so magazines and queue together never hold more than {@link #capacity()}
 * objects, and a thread that acquires more than it gives back (a producer whose objects another
 * thread releases) holds no room; the objects of a terminated thread's magazine go back to the
 * queue on the next miss or prefill, or to the next thread that claims it. Virtual threads, and platform
 * threads beyond the number of magazines, use the queue directly: the pool keeps no state per
 * virtual thread. A thread's magazine keeps up to its room of idle objects for that thread.
 *
 * <p><b>Sizing.</b> Objects are created on demand (or by {@link #prefill(int)}) and pooled as they
 * are released, so a pool grows to the number of objects the workload has out at its peak and
 * keeps them, up to the capacity; with more objects out than the capacity, the excess is left to
 * the garbage collector on release and shows as {@link PoolStats#misses()} and
 * {@link PoolStats#discarded()}. Set the capacity to the most objects expected out at once (for a
 * span pool: spans being recorded + queued + being exported).
 *
 * <p>Thread-safe: any thread may acquire or release, and a release happens-before the next
 * acquire of the same object. With a warm pool, {@code acquire()} and {@code release()} allocate
 * nothing if {@link Poolable#reset()} and {@link Poolable#onAcquire()} do not; a miss allocates
 * what the factory does, the counters at most one cell per CPU once contended, and a thread's
 * first use of the pool one {@code ThreadLocal} entry. Building a pool allocates one reference and
 * one {@code long} per queue slot (capacity rounded up to a power of two) and the magazines.
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T extends Poolable> {

    /** Capacity used when {@link Builder#capacity(int)} is not called: {@value}. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** The largest capacity a pool accepts: {@value} (the queue's limit). */
    public static final int MAX_CAPACITY = 1 << 30;

    /**
     * The most objects one thread's magazine holds: {@value}; a pool gives each magazine
     * {@code min(MAX_MAGAZINE_ROOM, capacity / 4)} and none below 2.
     */
    public static final int MAX_MAGAZINE_ROOM = 32;

    /**
     * The most magazines a pool has, hence platform threads served by one at once: {@value};
     * a pool has {@code min(MAX_MAGAZINES, 4 * availableProcessors)}.
     */
    public static final int MAX_MAGAZINES = 64;

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
    // preallocated array ring, so offer and poll never allocate. The atomic (VarHandle-free of
    // sun.misc.Unsafe) JCTools variant: JDK 24+ warns about, and later JDKs refuse, Unsafe.
    private final MpmcAtomicArrayQueue<T> queue;

    // Objects in the queue (queued, or being added or removed) + the room of the magazines.
    // A release to the queue CASes it up before offering, an acquire decrements it after polling,
    // a magazine CASes it up to grow its room; so queue + magazines never exceed the capacity and
    // the larger queue is never full at offer.
    private final PaddedCount pooledCount = new PaddedCount();
    // Sum of the magazines' room (the part of pooledCount that is not queued objects); changes
    // when a magazine grows, spills, runs empty or is reclaimed, never on a magazine hit.
    private final AtomicLong magazineRoom = new AtomicLong();
    // Empty when the capacity is too small for magazines of 2.
    private final Magazine[] magazines;
    // The magazine a thread looks at first, indexed by its id: magazines[i % count] at i, a power
    // of two long (noMagazine alone when there are none). A thread that owns the magazine of its
    // index finds it with a few plain loads instead of the ThreadLocal probe (hash, table, weak
    // Reference loads) and, on JDK 21+, without the virtual-thread check (a virtual thread never
    // owns one); a thread whose index magazine another thread owns, or that has none, asks
    // threadMagazine. Read-only after construction.
    private final Magazine[] homeMagazines;
    private final int homeMask;
    // The calling platform thread's magazine, or NO_MAGAZINE; never read by a virtual thread.
    private final ThreadLocal<Magazine> threadMagazine = new ThreadLocal<>();
    private final Magazine noMagazine = new Magazine(0);

    // Statistics of the queue path and of rare events. LongAdder, not AtomicLong: threads without a
    // magazine bump these at once; threads with one count hits, misses and releases in it.
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
        this.queue = new MpmcAtomicArrayQueue<>(Math.max(2, capacity));
        int room = Math.min(MAX_MAGAZINE_ROOM, capacity / 4);
        int count = room < 2 ? 0 : Math.min(MAX_MAGAZINES, 4 * Runtime.getRuntime().availableProcessors());
        this.magazines = new Magazine[count];
        for (int i = 0; i < count; i++) {
            magazines[i] = new Magazine(room);
        }
        int homes = count == 0 ? 1 : Integer.highestOneBit(2 * count - 1);
        this.homeMagazines = new Magazine[homes];
        for (int i = 0; i < homes; i++) {
            homeMagazines[i] = count == 0 ? noMagazine : magazines[i % count];
        }
        this.homeMask = homes - 1;
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
        Magazine magazine = magazine();
        T object = magazine != null ? acquireFrom(magazine) : acquireShared();
        PoolSlot slot;
        if (object != null) {
            slot = object.poolSlot();
            // No compare-and-set: a pooled object is reachable only through this pool, and the
            // magazine pop or queue poll gave it to this thread alone. The check finds pool bugs.
            if (!slot.isPooled()) {
                throw new IllegalStateException("pool corrupted: a pooled object was " + slot.state()
                        + " instead of POOLED in " + this);
            }
            if (magazine != null) {
                magazine.countHit();
            } else {
                hits.increment();
            }
        } else {
            object = newObject();
            slot = object.poolSlot();
            if (magazine != null) {
                magazine.countMiss();
            } else {
                misses.increment();
            }
        }
        // A pooled object: only this thread holds it. A new one: just bound by this thread.
        slot.setState(State.ACQUIRED);
        slot.recordLease(magazine);
        try {
            object.onAcquire();
        } catch (Throwable t) {
            released.increment();
            discard(slot);
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
        if (beginRelease(object, vetoable)) {
            PoolSlot slot = object.poolSlot();
            if (reserveRoom(capacity)) {
                // Before the object becomes reachable to another thread: the queue's offer (a
                // release store) publishes the reset and this state.
                slot.setState(State.POOLED);
                enqueue(object);
            } else {
                discard(slot);
            }
        }
    }

    // Everything of a release up to the shared queue: the checks, the one compare-and-set that
    // makes a racing second release fail, the reset, and the way back into the releasing thread's
    // magazine when it acquired the object. True if the object, reset and counted as released, is
    // left RELEASING for the caller to queue (or discard when the pool is full); false if it went
    // into the magazine (or was discarded there).
    private boolean beginRelease(T object, boolean vetoable) {
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
        // The one atomic read-modify-write of a release, and what makes a racing second release
        // fail: exactly one caller moves the object out of ACQUIRED.
        if (!slot.compareAndSetState(State.ACQUIRED, State.RELEASING)) {
            throw new IllegalStateException("object already released (its state is " + slot.state()
                    + ") to " + this);
        }
        // Back into the magazine it came from only when its own thread releases it: an object
        // handed to another thread (a span to the export worker) goes to the shared queue, where
        // every thread finds it, instead of piling up in a releasing thread's magazine. The check
        // needs no ThreadLocal lookup.
        Magazine magazine = slot.acquiredInto();
        if (magazine != null && !magazine.isOwnedBy(Thread.currentThread())) {
            magazine = null;
        }
        if (magazine != null) {
            magazine.countRelease();
        } else {
            released.increment();
        }
        try {
            object.reset();
        } catch (Throwable t) {
            discard(slot);
            throw t;
        }
        if (magazine == null) {
            return true;
        }
        // The magazine's owner is this thread: nobody else sees the object until it is acquired.
        slot.setState(State.POOLED);
        if (!magazine.push(object) && !(makeRoom(magazine) && magazine.push(object))) {
            discard(slot);
        }
        return false;
    }

    /**
     * Releases every object of {@code objects}, in order, as {@link #release(Poolable)} does.
     * Stops at the first object that throws; the
     * objects before it are released, it and those after it are not. Allocates nothing while
     * there is room.
     *
     * @param objects objects acquired from this pool, none released yet or handed off; the list
     *     is only read
     * @throws NullPointerException if {@code objects} or one of its elements is {@code null}
     * @throws IllegalArgumentException if this pool did not create an element
     * @throws IllegalStateException if an element is not currently acquired, or is handed off
     */
    public void releaseAll(List<? extends T> objects) {
        releaseAll(Objects.requireNonNull(objects, "objects"), true);
    }

    /** The batch release of {@link HandOffReleaser}: {@link #releaseAll(List)} without the veto. */
    void releaseAllHandedOff(List<? extends T> objects) {
        releaseAll(objects, false);
    }

    // Two passes, so that a batch bound for the shared queue (the export worker's spans) reserves
    // its room with one compare-and-set instead of one per object: first every object is checked,
    // moved to RELEASING and reset (beginRelease); then the room for those left RELEASING is
    // reserved at once and they are queued. A failing object (double release, foreign, a throwing
    // reset) ends the first pass with its exception, and the objects before it still complete.
    private void releaseAll(List<? extends T> objects, boolean vetoable) {
        int n = objects.size();
        if (n == 1) {
            release(objects.get(0), vetoable);
            return;
        }
        int begun = 0;
        int toQueue = 0;
        try {
            // Indexed, not iterated: an iterator would allocate per call.
            for (; begun < n; begun++) {
                if (beginRelease(objects.get(begun), vetoable)) {
                    toQueue++;
                }
            }
        } finally {
            queueReleased(objects, begun, toQueue);
        }
    }

    // The second pass: the first `begun` objects went through beginRelease, and `toQueue` of them
    // are RELEASING (only this thread moves an object out of RELEASING). Those beyond the free
    // room are discarded, as a single release would discard them.
    private void queueReleased(List<? extends T> objects, int begun, int toQueue) {
        int granted = toQueue == 0 ? 0 : reserveRoomUpTo(toQueue);
        for (int i = 0; i < begun && toQueue > 0; i++) {
            T object = objects.get(i);
            PoolSlot slot = object.poolSlot();
            if (slot.state() != State.RELEASING) {
                continue;
            }
            toQueue--;
            if (granted > 0) {
                granted--;
                slot.setState(State.POOLED);
                enqueue(object);
            } else {
                discard(slot);
            }
        }
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
        reclaimTerminatedMagazines();
        int createdHere = 0;
        // Into the queue, where every thread finds them (a magazine takes its share when claimed).
        while (pooled() < count && reserveRoom(capacity)) {
            T object;
            try {
                object = newObject();
            } catch (Throwable t) {
                pooledCount.getAndAdd(-1L);
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
        // released before hits/misses: every counted release had its acquire counted earlier
        // (a magazine's release store of a count is ordered after the hand-off that brought the
        // object), so the snapshot never shows more released than acquired objects.
        long releasedNow = released.sum();
        for (Magazine magazine : magazines) {
            releasedNow += magazine.released();
        }
        long discardedNow = discarded.sum();
        long pooledNow = pooled();
        long hitsNow = hits.sum();
        long missesNow = misses.sum();
        for (Magazine magazine : magazines) {
            hitsNow += magazine.hits();
            missesNow += magazine.misses();
        }
        long createdNow = created.sum();
        return new PoolStats(createdNow, hitsNow, missesNow, releasedNow, discardedNow, pooledNow);
    }

    /** {@return a new description, e.g. {@code ObjectPool[spans, capacity=1024, pooled=12]}} */
    @Override
    public String toString() {
        return "ObjectPool[" + name + ", capacity=" + capacity + ", pooled=" + pooled() + "]";
    }

    /** Objects in the queue and the magazines; exact when no thread is using the pool. */
    private long pooled() {
        long pooled = pooledCount.get() - magazineRoom.get();
        for (Magazine magazine : magazines) {
            pooled += magazine.size();
        }
        return Math.max(0L, Math.min(capacity, pooled));
    }

    /**
     * The calling thread's magazine, claimed on its first call; null for a virtual thread, or when
     * every magazine was taken (then the thread uses the queue from then on).
     */
    private Magazine magazine() {
        Thread thread = Thread.currentThread();
        // Exact: only this thread gives its ownership up, and a virtual thread never owns one.
        Magazine home = homeMagazines[(int) thread.getId() & homeMask];
        return home.isOwnedBy(thread) ? home : magazineByThreadLocal(thread);
    }

    private Magazine magazineByThreadLocal(Thread thread) {
        // Before the ThreadLocal: its get() would create an entry for every virtual thread.
        if (magazines.length == 0 || VirtualThreads.isVirtual(thread)) {
            return null;
        }
        Magazine magazine = threadMagazine.get();
        if (magazine == null) {
            magazine = claimMagazine(thread);
            threadMagazine.set(magazine);
        }
        return magazine == noMagazine ? null : magazine;
    }

    // Once per platform thread: its home magazine if free, else a free magazine, or one whose owner
    // terminated (with its objects and its room), or none. A free magazine has no room yet: it
    // takes room as it fills.
    private Magazine claimMagazine(Thread thread) {
        Magazine home = homeMagazines[(int) thread.getId() & homeMask];
        if (home != noMagazine && home.tryClaim(thread)) {
            return home;
        }
        for (Magazine magazine : magazines) {
            if (magazine.tryClaim(thread)) {
                return magazine;
            }
        }
        return noMagazine;
    }

    // On a miss and before a prefill: the objects and room of magazines whose threads terminated
    // go back to the queue and the free capacity, so that terminated threads (a pool of request or
    // test threads that came and went) do not keep the capacity fragmented. Returns the objects moved.
    private int reclaimTerminatedMagazines() {
        Thread thread = Thread.currentThread();
        int moved = 0;
        for (Magazine magazine : magazines) {
            if (!magazine.tryClaimFromTerminated(thread)) {
                continue;
            }
            int room = magazine.room();
            int size = magazine.size();
            // Room first, then objects: meanwhile the objects count as being added to the queue.
            magazineRoom.getAndAdd(-room);
            pooledCount.getAndAdd(-(room - size));
            for (Object object; (object = magazine.pop()) != null; ) {
                enqueue(cast(object));
            }
            magazine.setRoom(0);
            magazine.unclaim();
            moved += size;
        }
        return moved;
    }

    // An empty magazine gives its room back first (empty room held by one thread would keep the
    // capacity from every other), then the acquire takes one object from the queue, with the
    // bounded wait of acquireShared; null is a miss.
    private T acquireFrom(Magazine magazine) {
        Object top = magazine.pop();
        if (top != null) {
            return cast(top);
        }
        giveBackRoom(magazine);
        // No refill of the magazine from the queue here: tried (half a magazine moved in after a
        // queue hit), it halved the recorder's throughput with the worker releasing into the
        // queue (SpanBlockingBenchmark recorder 2.2-2.4 M vs 5.3-6.3 M spans/s without it).
        return acquireShared();
    }

    // Called with the magazine empty.
    private void giveBackRoom(Magazine magazine) {
        int room = magazine.room();
        if (room > 0) {
            magazine.setRoom(0);
            magazineRoom.getAndAdd(-room);
            pooledCount.getAndAdd(-room);
        }
    }

    // A full magazine (push failed): at its most room, half its objects go to the queue with their
    // room (no change to pooledCount); then it reserves room for one more object, so that a
    // magazine's room follows the most objects its thread has given back and held at once. False
    // if the pool is full: the object being released is then discarded.
    private boolean makeRoom(Magazine magazine) {
        int room = magazine.room();
        if (room == magazine.maxRoom()) {
            int batch = room / 2;
            magazineRoom.getAndAdd(-batch);
            magazine.setRoom(room - batch);
            // Room first, then objects: meanwhile they count as being added to the queue.
            for (int i = 0; i < batch; i++) {
                enqueue(cast(magazine.pop()));
            }
            room -= batch;
        }
        if (!reserveRoom(capacity)) {
            return false;
        }
        magazineRoom.getAndAdd(1L);
        magazine.setRoom(room + 1);
        return true;
    }

    private T acquireShared() {
        T object = pollWithRetries();
        if (object == null && reclaimTerminatedMagazines() > 0) {
            object = queue.relaxedPoll();
        }
        if (object != null) {
            pooledCount.getAndAdd(-1L);
        }
        return object;
    }

    // relaxedPoll() sees only the head slot, which a releaser may have claimed but not yet filled;
    // poll() would spin on it for as long as that releaser stays descheduled. So retry boundedly,
    // only while the queue's share of pooledCount is > 0 (an object is queued or about to be), and
    // accept a rare miss.
    private T pollWithRetries() {
        T object = queue.relaxedPoll();
        for (int attempt = 0;
                object == null && attempt < ACQUIRE_RETRIES && pooledCount.get() - magazineRoom.get() > 0;
                attempt++) {
            if (attempt < ACQUIRE_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            object = queue.relaxedPoll();
        }
        return object;
    }

    // Only this pool's objects are ever put in the queue and the magazines.
    @SuppressWarnings("unchecked")
    private T cast(Object object) {
        return (T) object;
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

    // Reserves room for up to `count` objects with one compare-and-set; returns how many it got.
    private int reserveRoomUpTo(int count) {
        for (;;) {
            long pooled = pooledCount.get();
            long grant = Math.min(count, capacity - pooled);
            if (grant <= 0) {
                return 0;
            }
            if (pooledCount.compareAndSet(pooled, pooled + grant)) {
                return (int) grant;
            }
        }
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
