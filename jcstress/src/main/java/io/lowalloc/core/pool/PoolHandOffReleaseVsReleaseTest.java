package io.lowalloc.core.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A handed-off object (a submitted span): its new owner gives it back through the pool's
 * {@link HandOffReleaser} while a stale holder calls the plain {@link ObjectPool#release(Poolable)}.
 * The plain release never wins: it is vetoed by {@link Poolable#checkReleasable()} (read before
 * the slot CAS, from a plain field that the owner's {@code reset()} clears) or, if it reads the
 * cleared flag, loses the slot CAS to the owner. The object is pooled once.
 *
 * <p>Results: the owner's release, 1 if it returned and 0 if it threw; the plain release, 1 if it
 * returned, 0 if vetoed, 2 if refused as already released; how often the object comes out of the
 * drained pool (-1 if the pool found it queued twice).
 */
@JCStressTest
@Description("ObjectPool: the hand-off release of a handed-off object vs a plain release")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "The owner released it; the plain release was vetoed.")
@Outcome(id = "1, 2, 1", expect = ACCEPTABLE,
        desc = "The owner released it; the plain release saw the reset flag but lost the slot to the owner.")
@Outcome(id = ".*, 1, .*", expect = FORBIDDEN, desc = "The plain release of a handed-off object won.")
@Outcome(expect = FORBIDDEN, desc = "The owner's release failed, or the object is pooled twice or not at all.")
@State
public class PoolHandOffReleaseVsReleaseTest {

    private final ObjectPool<PooledItem> pool = ObjectPool.create(PooledItem::new, 2);
    private final HandOffReleaser<PooledItem> releaser = pool.claimHandOffReleaser();
    private final PooledItem item;

    /** Creates the state: an object acquired, written and handed off, the pool empty with room for two. */
    public PoolHandOffReleaseVsReleaseTest() {
        item = pool.acquire();
        item.a = 7;
        item.handedOff = true;
    }

    /**
     * The owner of the handed-off object gives it back.
     *
     * @param r result holder
     */
    @Actor
    public void owner(III_Result r) {
        try {
            releaser.release(item);
            r.r1 = 1;
        } catch (IllegalStateException refused) {
            r.r1 = 0;
        }
    }

    /**
     * A stale holder releases it the plain way.
     *
     * @param r result holder
     */
    @Actor
    public void staleHolder(III_Result r) {
        try {
            pool.release(item);
            r.r2 = 1;
        } catch (IllegalStateException refused) {
            r.r2 = PooledItem.VETOED.equals(refused.getMessage()) ? 0 : 2;
        }
    }

    /**
     * Drains the pool after both.
     *
     * @param r result holder
     */
    @Arbiter
    public void pooled(III_Result r) {
        r.r3 = PooledItem.drainAndCount(pool, item);
    }
}
