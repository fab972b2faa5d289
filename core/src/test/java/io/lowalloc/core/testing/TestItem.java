package io.lowalloc.core.testing;

import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.Poolable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Poolable} for pool tests: counts its resets and acquisitions, remembers the slot state
 * each hook saw, carries a marker a holder writes (0 after reset), can be told to run code or
 * throw in {@link #reset()} and {@link #onAcquire()}, can veto a plain release while
 * {@link #handedOff} ({@link #checkReleasable()}), and detects two holders at once through
 * {@link #enter()} and {@link #leave()}.
 *
 * <p>The marker is volatile and the holder claim atomic, for concurrency tests; the other fields
 * are for single-threaded tests.
 */
public final class TestItem implements Poolable {

    private final PoolSlot slot = new PoolSlot();
    private final AtomicInteger holders = new AtomicInteger();

    /** Written by the holder; 0 after reset. Volatile so that a second holder's write is seen. */
    public volatile long marker;
    /** Calls of {@link #reset()} so far. */
    public int resets;
    /** Calls of {@link #onAcquire()} so far. */
    public int acquires;
    /** The slot state during the last {@link #onAcquire()}. */
    public PoolSlot.State stateSeenByOnAcquire;
    /** The slot state during the last {@link #reset()}. */
    public PoolSlot.State stateSeenByReset;
    /** Run by {@link #reset()} after it cleared the marker, if set. */
    public Runnable onReset;
    /** Thrown by {@link #reset()} after it ran, if set. */
    public RuntimeException resetFailure;
    /** Thrown by {@link #onAcquire()} after it counted, if set. */
    public RuntimeException acquireFailure;
    /** While true, {@link #checkReleasable()} vetoes a plain release; cleared by {@link #reset()}. */
    public boolean handedOff;
    /** Calls of {@link #checkReleasable()} so far. */
    public int releasableChecks;

    @Override
    public PoolSlot poolSlot() {
        return slot;
    }

    @Override
    public void reset() {
        stateSeenByReset = slot.state();
        resets++;
        marker = 0;
        handedOff = false;
        if (onReset != null) {
            onReset.run();
        }
        if (resetFailure != null) {
            throw resetFailure;
        }
    }

    @Override
    public void onAcquire() {
        stateSeenByOnAcquire = slot.state();
        acquires++;
        if (acquireFailure != null) {
            throw acquireFailure;
        }
    }

    @Override
    public void checkReleasable() {
        releasableChecks++;
        if (handedOff) {
            throw new IllegalStateException("test item is handed off");
        }
    }

    /**
     * Claims the item for the calling holder.
     *
     * @return false if someone else already holds it
     */
    public boolean enter() {
        return holders.compareAndSet(0, 1);
    }

    /**
     * Gives up the claim made by {@link #enter()}.
     *
     * @return false if it was not held
     */
    public boolean leave() {
        return holders.compareAndSet(1, 0);
    }
}
