package io.lowalloc.core.pool;

import java.util.concurrent.atomic.AtomicInteger;

/** A pooled object for tests: records resets and acquisitions, carries a holder marker. */
final class TestItem implements Poolable {

    private final PoolSlot slot = new PoolSlot();
    private final AtomicInteger holders = new AtomicInteger();

    /** Written by the holder; 0 after reset. Volatile so that a second holder's write is seen. */
    volatile long marker;
    int resets;
    int acquires;
    PoolSlot.State stateSeenByOnAcquire;
    PoolSlot.State stateSeenByReset;
    Runnable onReset;
    RuntimeException resetFailure;
    RuntimeException acquireFailure;

    @Override
    public PoolSlot poolSlot() {
        return slot;
    }

    @Override
    public void reset() {
        stateSeenByReset = slot.state();
        resets++;
        marker = 0;
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

    /** Claims the item for the calling holder; false if someone else already holds it. */
    boolean enter() {
        return holders.compareAndSet(0, 1);
    }

    /** Gives up the claim made by {@link #enter()}; false if it was not held. */
    boolean leave() {
        return holders.compareAndSet(1, 0);
    }
}
