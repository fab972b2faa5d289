package io.lowalloc.otel;

import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.testing.ForkedJvm;

/**
 * Runs spans through the whole path (pipeline, adapter, views, a field-reading exporter that
 * skips the hex ids) in a JVM started by {@link EpsilonPipelineTest} with the Epsilon collector,
 * which never reclaims memory: any steady allocation eventually exhausts the small heap. Prints
 * the heap used before and after the measured spans, and the accounting; exits 0 only if every
 * span was exported and the accounting balances.
 *
 * <p>Arguments: the number of measured spans, then optionally {@value ForkedJvm#INJECT_ALLOCATION}
 * to allocate a {@code long[2]} per span in the exporter (the run must then die).
 */
public final class EpsilonPipelineMain {

    static final long WARMUP_SPANS = 200_000;
    private static final long CHUNK = 100_000;

    private EpsilonPipelineMain() {
    }

    /**
     * Entry point.
     *
     * @param args the span count and an optional {@value ForkedJvm#INJECT_ALLOCATION}
     */
    public static void main(String[] args) {
        long spans = Long.parseLong(args[0]);
        boolean inject = args.length > 1 && ForkedJvm.INJECT_ALLOCATION.equals(args[1]);
        Runtime runtime = Runtime.getRuntime();
        long total = WARMUP_SPANS + spans;
        try (PipelineRig rig = new PipelineRig(false, inject, false)) {
            rig.workload.run(WARMUP_SPANS);
            rig.pipeline.flush();
            long usedBefore = runtime.totalMemory() - runtime.freeMemory();
            long start = System.nanoTime();
            for (long done = 0; done < spans; done += CHUNK) {
                rig.workload.run(Math.min(CHUNK, spans - done));
            }
            rig.pipeline.flush();
            long nanos = System.nanoTime() - start;
            long usedAfter = runtime.totalMemory() - runtime.freeMemory();
            RecorderStats stats = rig.pipeline.stats();
            System.out.printf("epsilon: %,d spans in %.1f s (%,.0f spans/s); heap used %,d -> %,d bytes"
                    + " (max %,d): %.4f B/span; exported=%d%n", spans, nanos / 1e9, spans * 1e9 / nanos,
                    usedBefore, usedAfter, runtime.maxMemory(), (double) (usedAfter - usedBefore) / spans,
                    stats.batch().exported());
            if (stats.batch().exported() != total || rig.exporter.spans() != total || !stats.isBalanced()) {
                System.out.println("epsilon: accounting failed: " + stats);
                System.exit(2);
            }
        }
    }
}
