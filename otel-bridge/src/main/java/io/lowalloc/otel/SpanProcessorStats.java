package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.PoolStats;

/**
 * An immutable snapshot of a {@link PooledBatchSpanProcessor}'s counters: its batch buffer's
 * ({@link BatchStats}: offered, exported, dropped by reason, failed, abandoned, pending), its span
 * pool's ({@link PoolStats}) and the spans turned away before they reached the buffer.
 *
 * <p>Every sampled span (every span, with {@code exportUnsampledSpans}) that reaches
 * {@code onEnd} is counted exactly once: in {@link #rejectedAfterShutdown()}, in
 * {@link #invalidSpans()} or in {@code batch().offered()}. At a quiescent point
 * {@code batch().isBalanced()} holds, and after shutdown {@code batch().pending() == 0}.
 */
public final class SpanProcessorStats {

    private final BatchStats batch;
    private final PoolStats pool;
    private final long rejectedAfterShutdown;
    private final long invalidSpans;

    SpanProcessorStats(BatchStats batch, PoolStats pool, long rejectedAfterShutdown, long invalidSpans) {
        this.batch = batch;
        this.pool = pool;
        this.rejectedAfterShutdown = rejectedAfterShutdown;
        this.invalidSpans = invalidSpans;
    }

    /**
     * The batch buffer's counters (spans that reached it).
     *
     * @return the buffer snapshot
     */
    public BatchStats batch() {
        return batch;
    }

    /**
     * The span pool's counters. Spans abandoned by a timed-out export are never released, so they
     * show as {@code outstanding}.
     *
     * @return the pool snapshot
     */
    public PoolStats pool() {
        return pool;
    }

    /**
     * Spans ended after {@code shutdown()} began that were turned away before being copied. Spans
     * that raced with the start of the shutdown are in {@code batch().rejectedAfterClose()} instead.
     *
     * @return the count
     */
    public long rejectedAfterShutdown() {
        return rejectedAfterShutdown;
    }

    /**
     * Spans whose data the core rejected while copying (for example a negative timestamp); they are
     * dropped and logged.
     *
     * @return the count
     */
    public long invalidSpans() {
        return invalidSpans;
    }

    /**
     * Every span that was not, and will not be, handed to the exporter: the buffer's drops (queue
     * full, block timeout, interrupted, after shutdown) plus {@link #rejectedAfterShutdown()} and
     * {@link #invalidSpans()}.
     *
     * @return the count
     */
    public long dropped() {
        return batch.dropped() + rejectedAfterShutdown + invalidSpans;
    }

    /**
     * Lists every counter, for logs and assertion messages.
     *
     * @return a human-readable form
     */
    @Override
    public String toString() {
        return "SpanProcessorStats{batch=" + batch + ", pool=" + pool + ", rejectedAfterShutdown="
                + rejectedAfterShutdown + ", invalidSpans=" + invalidSpans + '}';
    }
}
