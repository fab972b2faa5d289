package io.lowalloc.core.it;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.testing.EpsilonMain;
import io.lowalloc.core.testing.EpsilonRun;
import io.lowalloc.core.testing.EpsilonWorkload;
import java.lang.management.ManagementFactory;

/**
 * The core {@link SpanPipeline}'s producer cycles run by {@link EpsilonMain} for
 * {@link EpsilonGcTest}. The warm-up never injects; with injection each measured cycle also
 * allocates one escaping 16-byte object.
 *
 * <p>Prints a {@code WARMUP} line with the heap used after the warm-up and, after closing the
 * pipeline, a {@code RESULT} line of {@code key=value} pairs: the buffer's and pool's counters and
 * the heap readings. The test checks the counters, so {@link #finish} always returns 0.
 */
public final class CoreEpsilonWorkload implements EpsilonWorkload {

    private final SpanPipeline pipeline = new SpanPipeline();
    private final boolean injectAllocation;
    private PipelineCycle cycle;
    private long accepted;

    /**
     * Makes the pipeline.
     *
     * @param injectAllocation whether each measured cycle also allocates one 16-byte object
     */
    public CoreEpsilonWorkload(boolean injectAllocation) {
        this.injectAllocation = injectAllocation;
    }

    @Override
    public void warmUp(long spans) {
        // Both runs warm up without the injected allocation, so that they start the measured run
        // from the same footprint and differ in that allocation only.
        accepted += SpanPipeline.run(pipeline.cycle(false), spans);
        cycle = pipeline.cycle(injectAllocation);
    }

    @Override
    public void flush() {
        pipeline.flush();
    }

    @Override
    public void warmedUp(long heapUsed) {
        System.out.println("WARMUP spans=" + EpsilonMain.WARM_UP_SPANS + " heapUsed=" + heapUsed);
    }

    @Override
    public void run(long spans) {
        accepted += SpanPipeline.run(cycle, spans);
    }

    @Override
    public void endRun() {
        // No flush: the heap is read with the last spans still queued; close drains them.
    }

    @Override
    public int finish(EpsilonRun run) {
        pipeline.close();
        BatchStats stats = pipeline.stats();
        PoolStats pool = pipeline.poolStats();
        System.out.println("RESULT"
                + " epsilon=" + vmOption("UseEpsilonGC")
                + " maxHeap=" + Runtime.getRuntime().maxMemory()
                + " warmUpSpans=" + run.warmUpSpans()
                + " measuredSpans=" + run.measuredSpans()
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
                + " heapUsedAfterWarmUp=" + run.heapUsedAfterWarmUp()
                + " heapUsedAfterRun=" + run.heapUsedAfterRun()
                + " heapUsedAtEnd=" + EpsilonMain.heapUsed()
                + " measuredMillis=" + run.measuredNanos() / 1_000_000
                + " totalMillis=" + (System.nanoTime() - run.startNanos()) / 1_000_000);
        return 0;
    }

    private static String vmOption(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
    }
}
