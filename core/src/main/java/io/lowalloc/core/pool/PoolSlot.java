package io.lowalloc.core.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bookkeeping an {@link ObjectPool} keeps inside each {@link Poolable}: the pool that created
 * it (bound once, never changed) and its {@link State}. A {@code Poolable} creates exactly one slot
 * with itself and returns it from {@link Poolable#poolSlot()}.
 *
 * <p>Thread-safe: every transition two threads could race for is a compare-and-set, so two
 * releases of one object cannot both succeed. The public accessors never allocate and serve
 * diagnostics, tests and objects that guard their own writes ("only an {@link State#ACQUIRED}
 * object's holder may write"); only the pool changes a slot.
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
        /** Being given back: a release won it and is running {@link Poolable#reset()}. */
        RELEASING,
        /** Released but not pooled (pool full, or reset/onAcquire threw); terminal. */
        DISCARDED
    }

    // Ordinal-indexed, so reading the state allocates nothing.
    private static final State[] STATES = State.values();
    private static final int POOLED = State.POOLED.ordinal();
    private static final VarHandle STATE;
    private static final VarHandle OWNER;
    private static final VarHandle LEASES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(PoolSlot.class, "state", int.class);
            OWNER = lookup.findVarHandle(PoolSlot.class, "owner", ObjectPool.class);
            LEASES = lookup.findVarHandle(PoolSlot.class, "leases", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Plain fields, accessed through the VarHandles above: state and owner with acquire/release or
    // CAS; the initial values need no fence because a fresh slot reaches other threads only through
    // the pool's queue or the application's own hand-off, both of which order them.
    // The State's ordinal: an int, not the enum reference, so that the three transitions of every
    // acquire+release store no reference (no GC write barrier on a tenured object).
    private int state = State.NEW.ordinal();
    private ObjectPool<?> owner;
    // Written only by the thread that just acquired the object (setRelease), read with getAcquire
    // so any thread sees an untorn value.
    private long leases;
    // The magazine of the thread that acquired the object (null if none), written by that thread
    // at acquire, plain: the release that reads it on another thread comes after the hand-off that
    // brought it there, and a stale value only sends the object to the shared queue instead.
    private Magazine acquiredInto;

    /** Creates an unbound slot; the first pool that hands out the object binds it. */
    public PoolSlot() {
    }

    /**
     * Returns the current state; to a thread that does not hold the object it may be outdated by
     * the time it is used.
     *
     * @return the current state, never {@code null}
     */
    public State state() {
        return STATES[(int) STATE.getAcquire(this)];
    }

    /**
     * Returns how many times {@link ObjectPool#acquire()} handed the object out (0 when new or
     * prefilled). A holder that remembers the value seen right after acquiring can later tell
     * whether the object was released and handed to someone else in between.
     *
     * @return the number of acquisitions so far, {@code >= 0}
     */
    public long leaseCount() {
        return (long) LEASES.getAcquire(this);
    }

    /** {@return a new description, e.g. {@code PoolSlot[state=ACQUIRED, leases=3, pool=spans]}} */
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

    /** Binds the slot to the pool that just created its object; a slot is bound at most once. */
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

    /** {@return whether the state is POOLED; one acquire load and an int compare} */
    boolean isPooled() {
        return (int) STATE.getAcquire(this) == POOLED;
    }

    /** Atomically moves from {@code expected} to {@code next}; false if the state was not {@code expected}. */
    boolean compareAndSetState(State expected, State next) {
        return STATE.compareAndSet(this, expected.ordinal(), next.ordinal());
    }

    /** Only for transitions no other thread can race for (the caller owns the object). */
    void setState(State next) {
        STATE.setRelease(this, next.ordinal());
    }

    void recordLease(Magazine magazine) {
        LEASES.setRelease(this, leases + 1L);
        // Stored only when it changes: a reference store into a tenured object costs a GC barrier.
        if (acquiredInto != magazine) {
            acquiredInto = magazine;
        }
    }

    /** {@return the magazine of the thread that last acquired the object, or null} */
    Magazine acquiredInto() {
        return acquiredInto;
    }
}
