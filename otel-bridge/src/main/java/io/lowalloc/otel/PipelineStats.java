package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.PoolStats;
import java.util.Objects;

/**
 * A snapshot of a {@link PooledSpanPipeline}: its batch buffer's counters (spans, by outcome)
 * and its span pool's counters, taken one after the other.
 *
 * <p><b>Accounting.</b> Every span the pipeline started was acquired from the pool; every ended
 * span was offered to the buffer. At a quiescent point (no span being started, ended or
 * exported):
 * <ul>
 *   <li>the buffer balances: {@code offered = exported + dropped + failed + abandoned + pending}
 *       ({@link BatchStats#isBalanced()});</li>
 *   <li>spans still out of the pool are exactly those being recorded, those pending in the
 *       buffer and those abandoned to a stuck exporter:
 *       {@code pool.outstanding = inProgress + pending + abandoned}, where
 *       {@code inProgress = pool.acquired - offered} ({@link #inProgress()}).</li>
 * </ul>
 * {@link #isBalanced()} checks both. Exported, failed and dropped spans went back to the pool;
 * abandoned ones never do.
 */
public final class PipelineStats {

    private final BatchStats batch;
    private final PoolStats pool;

    PipelineStats(BatchStats batch, PoolStats pool) {
        this.batch = Objects.requireNonNull(batch, "batch");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Returns the batch buffer's counters: spans offered, exported, dropped, failed, abandoned
     * and pending.
     *
     * @return the buffer snapshot
     */
    public BatchStats batch() {
        return batch;
    }

    /**
     * Returns the span pool's counters.
     *
     * @return the pool snapshot
     */
    public PoolStats pool() {
        return pool;
    }

    /**
     * Returns how many spans were started and not yet ended: {@code pool.acquired - offered}.
     *
     * @return spans being recorded
     */
    public long inProgress() {
        return pool.acquired() - batch.offered();
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
        return "PipelineStats{batch=" + batch + ", pool=" + pool + ", inProgress=" + inProgress()
                + ", balanced=" + isBalanced() + "}";
    }
}
