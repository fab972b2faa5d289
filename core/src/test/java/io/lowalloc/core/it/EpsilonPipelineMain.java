package io.lowalloc.core.it;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.testing.ForkedJvm;
import java.lang.management.ManagementFactory;

/**
 * Pushes millions of spans through the {@link SpanPipeline} in a JVM of its own, meant to run
 * under Epsilon GC (no collection at all: every allocated byte stays allocated), so that any
 * steady allocation per span runs the small heap out. {@link EpsilonGcTest} forks it with
 * {@link ForkedJvm}.
 *
 * <p>Arguments: {@code <spans> [--inject-allocation]}. It warms up (never injecting), prints a
 * {@code WARMUP} line with the heap used, runs {@code <spans>} producer cycles (each also
 * allocating one 16-byte object with {@code --inject-allocation}), closes the pipeline and prints a {@code RESULT} line
 * of {@code key=value} pairs: the buffer's and pool's counters and the heap used.
 */
public final class EpsilonPipelineMain {

    /** Producer cycles before the footprint is measured: the JIT has compiled the loop by then. */
    static final long WARM_UP_SPANS = 200_000;

    private EpsilonPipelineMain() {
    }

    /**
     * Runs the pipeline; see the class comment.
     *
     * @param args {@code <spans> [--inject-allocation]}
     */
    public static void main(String[] args) {
        long spans = Long.parseLong(args[0]);
        boolean inject = args.length > 1 && ForkedJvm.INJECT_ALLOCATION.equals(args[1]);
        long startNanos = System.nanoTime();
        SpanPipeline pipeline = new SpanPipeline();
        // Both runs warm up without the injected allocation, so that they start the measured run
        // from the same footprint and differ in that allocation only.
        long accepted = SpanPipeline.run(pipeline.cycle(false), WARM_UP_SPANS);
        PipelineCycle cycle = pipeline.cycle(inject);
        pipeline.flush();
        long warmUpUsed = heapUsed();
        System.out.println("WARMUP spans=" + WARM_UP_SPANS + " heapUsed=" + warmUpUsed);

        long measuredStart = System.nanoTime();
        accepted += SpanPipeline.run(cycle, spans);
        long measuredNanos = System.nanoTime() - measuredStart;
        long afterRunUsed = heapUsed();
        pipeline.close();

        BatchStats stats = pipeline.stats();
        PoolStats pool = pipeline.poolStats();
        System.out.println("RESULT"
                + " epsilon=" + vmOption("UseEpsilonGC")
                + " maxHeap=" + Runtime.getRuntime().maxMemory()
                + " warmUpSpans=" + WARM_UP_SPANS
                + " measuredSpans=" + spans
                + " accepted=" + accepted
                + " refused=" + cycle.refused()
                + " offered=" + stats.offered()
                + " exported=" + stats.exported()
                + " dropped=" + stats.dropped()
                + " failed=" + stats.failed()
                + " abandoned=" + stats.abandoned()
                + " pending=" + stats.pending()
                + " balanced=" + stats.isBalanced()
                + " exporterSpans=" + pipeline.exporter.spans()
                + " notSubmitted=" + pipeline.exporter.notSubmitted()
                + " poolOutstanding=" + pool.outstanding()
                + " poolMisses=" + pool.misses()
                + " heapUsedAfterWarmUp=" + warmUpUsed
                + " heapUsedAfterRun=" + afterRunUsed
                + " heapUsedAtEnd=" + heapUsed()
                + " measuredMillis=" + measuredNanos / 1_000_000
                + " totalMillis=" + (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String vmOption(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
    }
}
