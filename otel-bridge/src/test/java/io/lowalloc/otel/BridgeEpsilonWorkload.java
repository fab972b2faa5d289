package io.lowalloc.otel;

import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.testing.EpsilonMain;
import io.lowalloc.core.testing.EpsilonRun;
import io.lowalloc.core.testing.EpsilonWorkload;

/**
 * The whole bridge path (pipeline, adapter, views, a field-reading exporter that skips the hex
 * ids) driven by a {@link PipelineRig}, run by {@link EpsilonMain} for {@link EpsilonPipelineTest}.
 * With injection the exporter allocates one {@code long[2]} per span, from the warm-up on.
 *
 * <p>The measured run ends with a flush, so its heap reading and time include exporting every
 * span. {@link #finish} prints one {@code epsilon:} line with the throughput and the heap growth,
 * and returns 2 unless every span was exported and the accounting balances.
 */
public final class BridgeEpsilonWorkload implements EpsilonWorkload {

    private final PipelineRig rig;

    /**
     * Makes the rig, with the remote parent current on the calling thread.
     *
     * @param injectAllocation whether the exporter allocates one {@code long[2]} per span
     */
    public BridgeEpsilonWorkload(boolean injectAllocation) {
        this.rig = new PipelineRig(false, injectAllocation, false);
    }

    @Override
    public void warmUp(long spans) {
        rig.workload.run(spans);
    }

    @Override
    public void flush() {
        rig.pipeline.flush();
    }

    @Override
    public void warmedUp(long heapUsed) {
        // Prints nothing: the bridge's output is the one line that finish prints and the test echoes.
    }

    @Override
    public void run(long spans) {
        rig.workload.run(spans);
    }

    @Override
    public void endRun() {
        rig.pipeline.flush();
    }

    @Override
    public int finish(EpsilonRun run) {
        long spans = run.measuredSpans();
        long nanos = run.measuredNanos();
        long total = run.warmUpSpans() + spans;
        RecorderStats stats = rig.pipeline.stats();
        System.out.printf("epsilon: %,d spans in %.1f s (%,.0f spans/s); heap used %,d -> %,d bytes"
                + " (max %,d): %.4f B/span; exported=%d%n", spans, nanos / 1e9, spans * 1e9 / nanos,
                run.heapUsedAfterWarmUp(), run.heapUsedAfterRun(), Runtime.getRuntime().maxMemory(),
                (double) (run.heapUsedAfterRun() - run.heapUsedAfterWarmUp()) / spans, stats.batch().exported());
        if (stats.batch().exported() != total || rig.exporter.spans() != total || !stats.isBalanced()) {
            System.out.println("epsilon: accounting failed: " + stats);
            return 2;
        }
        rig.close();
        return 0;
    }
}
