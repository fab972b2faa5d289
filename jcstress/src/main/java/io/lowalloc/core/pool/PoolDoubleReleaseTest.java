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
 * Two threads releasing the same acquired object at once ({@link ObjectPool#release(Poolable)}
 * and the {@link PoolSlot} CAS from ACQUIRED to RELEASING): exactly one release wins, the other
 * throws {@link IllegalStateException}, and the object is pooled once. The pool has room for two,
 * so a double release that got through would queue the object twice.
 *
 * <p>Results: each release, 1 if it returned and 0 if it threw {@code IllegalStateException};
 * then how often the object comes out of the drained pool (-1 if the pool found it queued twice).
 */
@JCStressTest
@Description("ObjectPool: two racing releases of one object")
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE, desc = "One release won, the other threw; the object is pooled once.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both releases won.")
@Outcome(expect = FORBIDDEN, desc = "No release won, or the object is pooled twice or not at all.")
@State
public class PoolDoubleReleaseTest {

    private final ObjectPool<PooledItem> pool = ObjectPool.create(PooledItem::new, 2);
    private final PooledItem item;

    /** Creates the state: an object acquired from an empty pool with room for two. */
    public PoolDoubleReleaseTest() {
        item = pool.acquire();
        item.a = 7;
    }

    /**
     * The holder releases.
     *
     * @param r result holder
     */
    @Actor
    public void holder(III_Result r) {
        r.r1 = PooledItem.release(pool, item);
    }

    /**
     * A stale holder releases the same object.
     *
     * @param r result holder
     */
    @Actor
    public void staleHolder(III_Result r) {
        r.r2 = PooledItem.release(pool, item);
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
