package io.lowalloc.core.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

// Padding before the fields the owner writes on every operation, so that two magazines, used by
// two threads, never share a cache line (see PaddedCount for why a superclass).
abstract class MagazineLhs {
    long p00, p01, p02, p03, p04, p05, p06;
}

abstract class MagazineFields extends MagazineLhs {
    // Written only by the owning thread. size and the counters with release stores, so that
    // ObjectPool.stats() (another thread, acquire loads) reads untorn values that are never ahead
    // of the hand-offs that produced them.
    int size;
    int room;
    long hits;
    long misses;
    long released;
}

/**
 * A small stack of pooled objects owned by one platform thread at a time, in front of the pool's
 * shared queue: while a thread owns it, its acquire and release touch only this magazine, with no
 * atomic read-modify-write. It holds at most {@code room} objects, room that the pool takes from
 * its capacity as the magazine fills and gives back when it runs empty, so magazines and queue
 * together never exceed the capacity.
 *
 * <p>Ownership: {@link #tryClaim(Thread)} sets the owner with a compare-and-set, once per thread
 * (the pool remembers the magazine in a {@code ThreadLocal}); a later thread may take over a
 * magazine whose owner has terminated ({@link Thread#isAlive()} false orders the dead owner's
 * writes before the new owner's reads). Everything else is called by the owner only, except the
 * acquire loads of the statistics.
 */
final class Magazine extends MagazineFields {

    private static final VarHandle OWNER;
    private static final VarHandle SIZE;
    private static final VarHandle ROOM;
    private static final VarHandle HITS;
    private static final VarHandle MISSES;
    private static final VarHandle RELEASED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(Magazine.class, "owner", Thread.class);
            SIZE = lookup.findVarHandle(MagazineFields.class, "size", int.class);
            ROOM = lookup.findVarHandle(MagazineFields.class, "room", int.class);
            HITS = lookup.findVarHandle(MagazineFields.class, "hits", long.class);
            MISSES = lookup.findVarHandle(MagazineFields.class, "misses", long.class);
            RELEASED = lookup.findVarHandle(MagazineFields.class, "released", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p10, p11, p12, p13, p14, p15, p16;

    private final Object[] items;
    // CAS to claim; null while unclaimed. Kept after the owner terminates until a new thread takes over.
    private volatile Thread owner;

    Magazine(int maxRoom) {
        this.items = new Object[maxRoom];
    }

    /** {@return the most objects this magazine can ever hold} */
    int maxRoom() {
        return items.length;
    }

    /**
     * Claims the magazine for {@code thread} if it is unclaimed or its owner has terminated.
     *
     * @param thread the current thread
     * @return true if {@code thread} now owns the magazine
     */
    boolean tryClaim(Thread thread) {
        Thread current = owner;
        if (current != null && current.isAlive()) {
            return false;
        }
        return OWNER.compareAndSet(this, current, thread);
    }

    /**
     * Claims the magazine for {@code thread} only if its owner has terminated (not if unclaimed,
     * which a thread looking for its own magazine may be about to take).
     *
     * @param thread the current thread
     * @return true if {@code thread} now owns the magazine
     */
    boolean tryClaimFromTerminated(Thread thread) {
        Thread current = owner;
        return current != null && current != thread && !current.isAlive()
                && OWNER.compareAndSet(this, current, thread);
    }

    /**
     * Tells whether {@code thread} owns this magazine: exact when {@code thread} is the caller,
     * as only the owner gives ownership up and only a terminated owner loses it.
     *
     * @param thread the current thread
     * @return true if it owns the magazine
     */
    boolean isOwnedBy(Thread thread) {
        return owner == thread;
    }

    /** Gives up ownership (a magazine bound with no room is of no use). Owner only. */
    void unclaim() {
        owner = null;
    }

    /** {@return the pooled object on top, or null if empty; owner only} */
    Object pop() {
        int s = size;
        if (s == 0) {
            return null;
        }
        s--;
        // Left in its cell: a thread that releases what it acquired pushes the same object back
        // into the same cell, and skipping that reference store skips its GC write barrier. So a
        // magazine may keep up to its room of objects reachable after they left the pool.
        Object object = items[s];
        SIZE.setRelease(this, s);
        return object;
    }

    /**
     * Pushes an object if the magazine has room; owner only.
     *
     * @param object a pooled object
     * @return false if the magazine is full
     */
    boolean push(Object object) {
        int s = size;
        if (s >= room) {
            return false;
        }
        if (items[s] != object) {
            items[s] = object;
        }
        SIZE.setRelease(this, s + 1);
        return true;
    }

    /** Sets the room reserved from the pool's capacity; owner only, at binding. */
    void setRoom(int room) {
        ROOM.setRelease(this, room);
    }

    int room() {
        return (int) ROOM.getAcquire(this);
    }

    int size() {
        return (int) SIZE.getAcquire(this);
    }

    void countHit() {
        HITS.setRelease(this, hits + 1L);
    }

    void countMiss() {
        MISSES.setRelease(this, misses + 1L);
    }

    void countRelease() {
        RELEASED.setRelease(this, released + 1L);
    }

    long hits() {
        return (long) HITS.getAcquire(this);
    }

    long misses() {
        return (long) MISSES.getAcquire(this);
    }

    long released() {
        return (long) RELEASED.getAcquire(this);
    }
}
