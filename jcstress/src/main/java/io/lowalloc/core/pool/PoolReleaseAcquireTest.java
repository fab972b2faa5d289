package io.lowalloc.core.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A release racing an acquire of the same pool: the acquirer gets either the released object, in
 * state ACQUIRED and fully reset (the release, {@link Poolable#reset()} included, happens-before
 * the acquire that takes it), or a new object; the pool stays consistent.
 *
 * <p>Results: 1 if the acquirer got the released object, 0 if a new one; the sum of its two
 * fields as the acquirer reads them (0 = reset, the previous holder wrote 7 + 8); 1 if its state
 * was ACQUIRED; how often the released object comes out of the drained pool afterwards.
 */
@JCStressTest
@Description("ObjectPool: a release racing an acquire")
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "The acquirer got the released object, reset.")
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "The acquirer got a new object; the released one is pooled.")
@Outcome(id = "1, [1-9].*, .*", expect = FORBIDDEN, desc = "The acquirer saw the previous holder's data: reset not visible.")
@Outcome(expect = FORBIDDEN, desc = "Wrong state, or the object pooled twice, lost, or pooled while held.")
@State
public class PoolReleaseAcquireTest {

    private final ObjectPool<PooledItem> pool = ObjectPool.create(PooledItem::new, 2);
    private final PooledItem item;

    /** Creates the state: an object acquired and written by its holder, the pool empty. */
    public PoolReleaseAcquireTest() {
        item = pool.acquire();
        item.a = 7;
        item.b = 8;
    }

    /** The holder releases. */
    @Actor
    public void holder() {
        pool.release(item);
    }

    /**
     * Another thread acquires.
     *
     * @param r result holder
     */
    @Actor
    public void acquirer(IIII_Result r) {
        PooledItem got = pool.acquire();
        r.r1 = got == item ? 1 : 0;
        r.r2 = got.a + got.b;
        r.r3 = got.poolSlot().state() == PoolSlot.State.ACQUIRED ? 1 : 0;
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
