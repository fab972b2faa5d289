package io.lowalloc.core.pool;

/**
 * The pooled object of the pool race tests: two plain fields a holder writes and
 * {@link #reset()} clears, and a plain hand-off flag (like a span's state) that vetoes a plain
 * release while set.
 */
final class PooledItem implements Poolable {

    /** The message of the veto. */
    static final String VETOED = "handed off";

    private final PoolSlot slot = new PoolSlot();
    int a;
    int b;
    boolean handedOff;

    @Override
    public PoolSlot poolSlot() {
        return slot;
    }

    @Override
    public void reset() {
        a = 0;
        b = 0;
        handedOff = false;
    }

    @Override
    public void checkReleasable() {
        if (handedOff) {
            throw new IllegalStateException(VETOED);
        }
    }

    /**
     * Releases {@code item} to {@code pool} the plain way, as a holder of it would.
     *
     * @return 1 if the release returned, 0 if it threw {@link IllegalStateException} (already
     *     released, or vetoed)
     */
    static int release(ObjectPool<PooledItem> pool, PooledItem item) {
        try {
            pool.release(item);
            return 1;
        } catch (IllegalStateException refused) {
            return 0;
        }
    }

    /**
     * Takes objects from {@code pool} until it is empty and counts how often {@code item} came out.
     *
     * @return that count, or -1 if an acquire found a pooled object in a state other than POOLED
     *     (the same object queued twice)
     */
    static int drainAndCount(ObjectPool<PooledItem> pool, PooledItem item) {
        int found = 0;
        try {
            for (int i = 0; i < pool.capacity(); i++) {
                if (pool.acquire() == item) {
                    found++;
                }
            }
        } catch (IllegalStateException corrupted) {
            return -1;
        }
        return found;
    }
}
