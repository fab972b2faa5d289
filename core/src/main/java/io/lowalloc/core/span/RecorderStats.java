package io.lowalloc.core.span;

import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.PoolStats;
import java.util.Objects;

/**
 * A snapshot of a {@link SpanRecorder} (or of a pipeline built on one): its batch buffer's
 * counters (spans, by outcome) and its span pool's counters, taken one after the other.
 *
 * <p><b>Accounting.</b> Every span the recorder started was acquired from the pool; every ended
 * sampled span was offered to the buffer; every ended unsampled span went straight back to the
 * pool and is counted in {@link #notSampled()}, never offered (so never dropped). At a quiescent
 * point (no span being started, ended or exported):
 * <ul>
 *   <li>the buffer balances: {@code offered = exported + dropped + failed + abandoned + pending}
 *       ({@link BatchStats#isBalanced()});</li>
 *   <li>spans out of the pool are exactly those being recorded, pending in the buffer or
 *       abandoned to a stuck exporter: {@code pool.outstanding = inProgress + pending + abandoned},
 *       where {@code inProgress = pool.acquired - offered - notSampled} ({@link #inProgress()}).</li>
 * </ul>
 * Exported, failed, dropped and unsampled spans went back to the pool; abandoned ones never do.
 *
 * @param batch the buffer's counters: spans offered, exported, dropped, failed, abandoned, pending
 * @param pool the span pool's counters
 * @param notSampled spans the sampler dropped that have ended (returned to the pool, never offered)
 * @param invalidTraceparents incoming {@code traceparent} values that were invalid and ignored (each
 *     started a new trace)
 */
public record RecorderStats(BatchStats batch, PoolStats pool, long notSampled, long invalidTraceparents) {

    /**
     * Checks the snapshots.
     *
     * @param batch the buffer's counters
     * @param pool the span pool's counters
     * @param notSampled ended unsampled spans, {@code >= 0}
     * @param invalidTraceparents ignored invalid {@code traceparent} values, {@code >= 0}
     * @throws NullPointerException if {@code batch} or {@code pool} is null
     */
    public RecorderStats {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(pool, "pool");
    }

    /**
     * A snapshot without unsampled spans or invalid headers.
     *
     * @param batch the buffer's counters
     * @param pool the span pool's counters
     * @throws NullPointerException if an argument is null
     */
    public RecorderStats(BatchStats batch, PoolStats pool) {
        this(batch, pool, 0L, 0L);
    }

    /**
     * Returns how many spans were started and not yet ended:
     * {@code pool.acquired - offered - notSampled}.
     *
     * @return spans being recorded
     */
    public long inProgress() {
        return pool.acquired() - batch.offered() - notSampled;
    }

    /**
     * Checks both halves of the accounting invariant (see the class documentation). Exact only
     * for a snapshot taken at a quiescent point.
     *
     * @return true if the buffer balances and every span out of the pool is accounted for
     */
    public boolean isBalanced() {
        return batch.isBalanced()
                && pool.outstanding() == inProgress() + batch.pending() + batch.abandoned();
    }

    /**
     * Lists both snapshots and the invariant. Allocates.
     *
     * @return a human-readable form
     */
    @Override
    public String toString() {
        return "RecorderStats{batch=" + batch + ", pool=" + pool + ", notSampled=" + notSampled
                + ", invalidTraceparents=" + invalidTraceparents + ", inProgress=" + inProgress()
                + ", balanced=" + isBalanced() + "}";
    }
}
