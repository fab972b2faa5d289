package io.lowalloc.core.testing;

/**
 * What {@link EpsilonMain} read around the measured spans of an {@link EpsilonWorkload}.
 *
 * @param startNanos {@link System#nanoTime()} when the main started, before the workload was made
 * @param warmUpSpans the spans of the warm-up
 * @param measuredSpans the spans between the two heap readings
 * @param heapUsedAfterWarmUp the heap used after the warm-up and its flush, in bytes
 * @param heapUsedAfterRun the heap used after the measured spans and {@link EpsilonWorkload#endRun()}, in bytes
 * @param measuredNanos the time from the first chunk of measured spans to the end of
 *     {@link EpsilonWorkload#endRun()}, in nanoseconds
 */
public record EpsilonRun(long startNanos, long warmUpSpans, long measuredSpans, long heapUsedAfterWarmUp,
        long heapUsedAfterRun, long measuredNanos) {
}
