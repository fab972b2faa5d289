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
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * The per-thread magazines of {@link ObjectPool} against a racing stale release. The pool is large
 * enough for magazines (capacity 64). An object acquired by the state's constructor is released by
 * a thread that did not acquire it (so to the shared queue), acquired again by that thread (from
 * the queue into its own magazine) and released by it again (into its magazine, with no atomic
 * operation but the state CAS), while a second thread releases the same object as a stale holder
 * (to the shared queue). No lease may be released twice, and the pool's counters must add up:
 * an object put into a magazine and the queue at once would count as pooled twice.
 *
 * <p>Results: the first actor's release, 1 if it returned and 0 if it threw
 * {@code IllegalStateException}; 1 if its acquire returned the object (0 if a new one); its second
 * release (of what it acquired); the stale holder's release; and
 * {@code created - pooled - outstanding - discarded} afterwards (0 when consistent).
 */
@JCStressTest
@Description("ObjectPool: release into a magazine vs a stale release into the shared queue")
@Outcome(id = {"1, 1, 1, 0, 0", "1, 0, 1, 0, 0"}, expect = ACCEPTABLE,
        desc = "The first actor's releases won; the stale release was refused.")
@Outcome(id = {"0, 1, 1, 1, 0", "0, 0, 1, 1, 0"}, expect = ACCEPTABLE,
        desc = "The stale release won first; the first actor's release of that lease was refused.")
@Outcome(id = "1, 1, 0, 1, 0", expect = ACCEPTABLE_INTERESTING,
        desc = "Not a race: the stale holder released the object after it was acquired again (documented).")
@Outcome(expect = FORBIDDEN, desc = "A lease released twice, or the counters do not add up.")
@State
public class PoolMagazineStaleReleaseTest {

    private final ObjectPool<PooledItem> pool = ObjectPool.create(PooledItem::new, 64);
    private final PooledItem item;

    /** Creates the state: an object acquired by the constructing thread. */
    public PoolMagazineStaleReleaseTest() {
        item = pool.acquire();
    }

    /**
     * Releases the object it did not acquire, acquires, releases what it got.
     *
     * @param r result holder
     */
    @Actor
    public void releaseAcquireRelease(IIIII_Result r) {
        r.r1 = PooledItem.release(pool, item);
        PooledItem got = pool.acquire();
        r.r2 = got == item ? 1 : 0;
        r.r3 = PooledItem.release(pool, got);
    }

    /**
     * A stale holder releases the object.
     *
     * @param r result holder
     */
    @Actor
    public void staleHolder(IIIII_Result r) {
        r.r4 = PooledItem.release(pool, item);
    }

    /**
     * Checks that the counters add up.
     *
     * @param r result holder
     */
    @Arbiter
    public void counters(IIIII_Result r) {
        PoolStats stats = pool.stats();
        r.r5 = (int) (stats.created() - stats.pooled() - stats.outstanding() - stats.discarded());
    }
}
