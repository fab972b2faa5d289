package io.lowalloc.core.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Release against acquire against a racing second release, on two threads: the holder releases;
 * a stale holder releases the same object, then acquires. Exactly one release wins and the other
 * throws {@link IllegalStateException}; the object then ends up either held by the acquirer or
 * pooled, never twice.
 *
 * <p>One interleaving is not a race of two releases: the stale holder's release completes and it
 * acquires the object again before the holder's release runs. The object is then legitimately
 * acquired, so the holder's release succeeds and takes it from its new holder, the misuse that
 * {@link ObjectPool} documents as undetectable ({@link PoolSlot#leaseCount()} lets a holder check).
 * Even then the object is pooled once.
 *
 * <p>Results: each release, 1 if it returned and 0 if it threw {@code IllegalStateException};
 * 1 if the acquire returned the object (0 if another, -1 if it found the pool corrupted); how often the object comes out of the drained pool
 * afterwards (-1 if the pool found it queued twice).
 */
@JCStressTest
@Description("ObjectPool: release vs a racing second release followed by an acquire")
@Outcome(id = {"1, 0, 1, 0", "0, 1, 1, 0"}, expect = ACCEPTABLE, desc = "One release won; the acquire took the object.")
@Outcome(id = {"1, 0, 0, 1", "0, 1, 0, 1"}, expect = ACCEPTABLE,
        desc = "One release won; the acquire missed it (still being released) and the object is pooled.")
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "Not a race: the object was released, re-acquired, then released by the stale holder (documented).")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both releases of one lease won.")
@Outcome(expect = FORBIDDEN, desc = "No release won, or the object is pooled twice or lost.")
@State
public class PoolReleaseRaceAcquireTest {

    private final ObjectPool<PooledItem> pool = ObjectPool.create(PooledItem::new, 2);
    private final PooledItem item;

    /** Creates the state: an object acquired from an empty pool with room for two. */
    public PoolReleaseRaceAcquireTest() {
        item = pool.acquire();
    }

    /**
     * The holder releases.
     *
     * @param r result holder
     */
    @Actor
    public void holder(IIII_Result r) {
        r.r1 = PooledItem.release(pool, item);
    }

    /**
     * A stale holder releases the same object, then acquires.
     *
     * @param r result holder
     */
    @Actor
    public void staleHolderThenAcquire(IIII_Result r) {
        r.r2 = PooledItem.release(pool, item);
        try {
            r.r3 = pool.acquire() == item ? 1 : 0;
        } catch (IllegalStateException corrupted) {
            r.r3 = -1; // the pool found a queued object not POOLED: queued twice
        }
    }

    /**
     * Drains the pool after both.
     *
     * @param r result holder
     */
    @Arbiter
    public void pooled(IIII_Result r) {
        r.r4 = PooledItem.drainAndCount(pool, item);
    }
}
