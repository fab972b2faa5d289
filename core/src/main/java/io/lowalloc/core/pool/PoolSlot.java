package io.lowalloc.core.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bookkeeping an {@link ObjectPool} keeps inside each {@link Poolable} object: the pool
 * that created it and whether it is pooled or handed out. A {@code Poolable} creates exactly
 * one slot together with itself and returns it from {@link Poolable#poolSlot()}.
 *
 * <p>The owning pool is bound once, by the pool whose factory created the object, and never
 * changes. The {@linkplain #state() state} moves through {@link State}; every transition that
 * two threads could race for is a compare-and-set, so two threads releasing the same object
 * cannot both succeed.
 *
 * <p>Thread-safe. The read-only accessors ({@link #state()}, {@link #leaseCount()}) are for
 * diagnostics, tests and for pooled objects that guard their own writes (for example "only the
 * holder of an {@link State#ACQUIRED} object may write"); they never allocate. Everything that
 * changes a slot is package-private: only the pool changes it.
 */
public final class PoolSlot {

    /** The lifecycle of a pooled object, as seen by its pool. */
    public enum State {
        /** Created, not yet handed out or pooled. */
        NEW,
        /** In the pool, available to {@link ObjectPool#acquire()}. */
        POOLED,
        /** Handed out by {@link ObjectPool#acquire()}; only its holder may use it. */
        ACQUIRED,
        /**
         * Being given back: {@link ObjectPool#release(Poolable)} won the race for it and is
         * running {@link Poolable#reset()}. Not yet visible to acquirers.
         */
        RELEASING,
        /**
         * Released but not pooled (the pool was full, or {@code reset()}/{@code onAcquire()}
         * threw); left to the garbage collector. Terminal.
         */
        DISCARDED
    }

    private static final VarHandle STATE;
    private static final VarHandle OWNER;
    private static final VarHandle LEASES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(PoolSlot.class, "state", State.class);
            OWNER = lookup.findVarHandle(PoolSlot.class, "owner", ObjectPool.class);
            LEASES = lookup.findVarHandle(PoolSlot.class, "leases", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Not volatile: a fresh slot is published to other threads only through the pool's queue or
    // the application's own hand-off, both of which order these initial values.
    private State state = State.NEW;
    private ObjectPool<?> owner;
    // Written only by the thread that just acquired the object; read with acquire semantics so
    // that any thread sees an untorn, reasonably fresh value.
    private long leases;

    /** Creates an unbound slot; the first pool that hands out the object binds it. */
    public PoolSlot() {
    }

    /**
     * Returns the current state. A value read by a thread that does not hold the object may be
     * outdated by the time it is used. Does not allocate.
     *
     * @return the current state, never {@code null}
     */
    public State state() {
        return (State) STATE.getAcquire(this);
    }

    /**
     * Returns how many times the object has been handed out by {@link ObjectPool#acquire()}
     * (0 for a new or prefilled object, 1 after the first acquire, ...). A holder that remembers
     * the value it saw right after acquiring can later tell whether the object was released and
     * handed to someone else in between. Does not allocate.
     *
     * @return the number of acquisitions so far, {@code >= 0}
     */
    public long leaseCount() {
        return (long) LEASES.getAcquire(this);
    }

    /**
     * Describes the slot for logs and error messages, e.g.
     * {@code PoolSlot[state=ACQUIRED, leases=3, pool=spans]}. Allocates.
     *
     * @return a description of the slot
     */
    @Override
    public String toString() {
        ObjectPool<?> pool = owner();
        return "PoolSlot[state=" + state() + ", leases=" + leaseCount()
                + ", pool=" + (pool == null ? "none" : pool.name()) + "]";
    }

    /** Returns the pool that created the object, or {@code null} if none has yet. */
    ObjectPool<?> owner() {
        return (ObjectPool<?>) OWNER.getAcquire(this);
    }

    /**
     * Binds the slot to the pool that just created its object. A slot is bound at most once.
     *
     * @throws IllegalArgumentException if the slot is already bound to another pool
     * @throws IllegalStateException if the slot is already bound to {@code pool}
     */
    void bind(ObjectPool<?> pool) {
        ObjectPool<?> current = (ObjectPool<?>) OWNER.compareAndExchange(this, null, pool);
        if (current == null) {
            return;
        }
        if (current != pool) {
            throw new IllegalArgumentException("slot is already bound to another pool (" + current
                    + "), cannot bind it to " + pool
                    + ": an object belongs to the one pool whose factory created it");
        }
        throw new IllegalStateException("slot is already bound to this pool (" + pool
                + "): the factory must return a new object on every call");
    }

    /** Atomically moves from {@code expected} to {@code next}; false if the state was not {@code expected}. */
    boolean compareAndSetState(State expected, State next) {
        return STATE.compareAndSet(this, expected, next);
    }

    /**
     * Sets the state with release semantics. Only for transitions no other thread can race for,
     * i.e. made by the thread that exclusively owns the object at that moment.
     */
    void setState(State next) {
        STATE.setRelease(this, next);
    }

    /** Counts one more acquisition; called only by the thread that just acquired the object. */
    void recordLease() {
        LEASES.setRelease(this, leases + 1L);
    }
}
