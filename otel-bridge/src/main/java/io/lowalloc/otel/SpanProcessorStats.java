package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchStats;

/**
 * An immutable snapshot of a {@link BoundedBatchSpanProcessor}'s counters: its batch buffer's
 * ({@link BatchStats}: offered, exported, dropped by reason, failed, abandoned, pending), the spans
 * turned away before they reached the buffer, and the spans whose snapshot failed.
 *
 * <p>Every sampled span (every span, with {@code exportUnsampledSpans}) that reaches
 * {@code onEnd} is counted exactly once: in {@link #rejectedAfterShutdown()} or in
 * {@code batch().offered()}. At a quiescent point {@code batch().isBalanced()} holds
 * ({@code offered = exported + dropped + failed + abandoned + pending}), and after shutdown
 * {@code batch().pending() == 0}.
 */
public final class SpanProcessorStats {

    private final BatchStats batch;
    private final long rejectedAfterShutdown;
    private final long invalidSpans;

    SpanProcessorStats(BatchStats batch, long rejectedAfterShutdown, long invalidSpans) {
        this.batch = batch;
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
     * Spans ended after {@code shutdown()} began that were turned away before being queued. Spans
     * that raced with the start of the shutdown are in {@code batch().rejectedAfterClose()} instead.
     *
     * @return the count
     */
    public long rejectedAfterShutdown() {
        return rejectedAfterShutdown;
    }

    /**
     * Spans whose {@code toSpanData()} threw or returned null on the exporter thread: left out of
     * their export and logged. Their batch counts as failed, so they are part of
     * {@code batch().failed()}.
     *
     * @return the count
     */
    public long invalidSpans() {
        return invalidSpans;
    }

    /**
     * Every span dropped before export: the buffer's drops (queue full, block timeout,
     * interrupted, after shutdown) plus {@link #rejectedAfterShutdown()}.
     *
     * @return the count
     */
    public long dropped() {
        return batch.dropped() + rejectedAfterShutdown;
    }

    /**
     * Lists every counter, for logs and assertion messages.
     *
     * @return a human-readable form
     */
    @Override
    public String toString() {
        return "SpanProcessorStats{batch=" + batch + ", rejectedAfterShutdown="
                + rejectedAfterShutdown + ", invalidSpans=" + invalidSpans + '}';
    }
}
