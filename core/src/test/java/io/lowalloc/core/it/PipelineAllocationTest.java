package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.SpanParent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation contract end to end, measured with per-thread allocated-byte counters: a
 * warm {@link io.lowalloc.core.span.SpanRecorder} (startSpan → SpanData with 8 attributes → end →
 * BatchBuffer → exporter → back to the pool) allocates nothing on the producing thread and less
 * than one byte per span on the worker and exporter threads, the other two threads of the pipeline
 * (the exporter completes at once, on the exporter thread; the hand-off allocates nothing). The last
 * test injects one small allocation per span to show that the measurement catches it.
 */
class PipelineAllocationTest {

    private static final long WARM_UP_CYCLES = 300_000;
    private static final long MEASURED_CYCLES = 1_000_000;
    /** An allocation in every cycle shows in every round: the least of 3 rounds, so keep them short. */
    private static final long INJECTED_MEASURED_CYCLES = 100_000;

    private final AllocationMeter meter = AllocationMeter.create();
    private final SpanPipeline pipeline = new SpanPipeline();

    @AfterEach
    void closeAndCheckTheAccounting() {
        pipeline.close();
        BatchStats stats = pipeline.stats();
        PoolStats pool = pipeline.poolStats();
        assertThat(stats.pending()).as("pending after close: %s", stats).isZero();
        assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
        assertThat(stats.dropped() + stats.failed() + stats.abandoned()).as("lost: %s", stats).isZero();
        assertThat(pool.outstanding()).as("spans not back in the pool: %s", pool).isZero();
        assertThat(pipeline.exporter.notSubmitted()).as("spans exported in another state than SUBMITTED").isZero();
    }

    @Test
    void warmPipelineAllocatesNothingOnTheProducerAndUnderOneBytePerSpanOnTheWorker() {
        PipelineCycle cycle = pipeline.cycle(false);
        // Warm up both threads (JIT, pool, lazily initialised state) before the worker's baseline.
        SpanPipeline.run(cycle, WARM_UP_CYCLES);
        assertThat(pipeline.flush()).isTrue();
        Thread exporterThread = pipeline.exporter.caller();
        Thread worker = SpanPipeline.workerThread();
        long workerBefore = meter.threadAllocatedBytes(worker);
        long exporterBefore = meter.threadAllocatedBytes(exporterThread);
        long exportedBefore = pipeline.stats().exported();
        long exportCallsBefore = pipeline.stats().exportCalls();

        // The least of up to 3 rounds of MEASURED_CYCLES after warming up the very same operation.
        double producerBytesPerSpan = meter.bytesPerOp(WARM_UP_CYCLES, MEASURED_CYCLES, cycle);
        assertThat(pipeline.flush()).isTrue();

        long workerBytes = meter.threadAllocatedBytes(worker) - workerBefore;
        long exporterBytes = meter.threadAllocatedBytes(exporterThread) - exporterBefore;
        long spans = pipeline.stats().exported() - exportedBefore;
        long exports = pipeline.stats().exportCalls() - exportCallsBefore;
        double workerBytesPerSpan = (double) (workerBytes + exporterBytes) / spans;
        System.out.printf("[allocation] end-to-end pipeline: producer %.4f B/span (least round of %,d);"
                + " worker %,d B + exporter thread %,d B for %,d spans in %,d exports = %.4f B/span, %.1f B/export;"
                + " pipeline total %.4f B/span%n",
                producerBytesPerSpan, MEASURED_CYCLES, workerBytes, exporterBytes, spans, exports, workerBytesPerSpan,
                (double) (workerBytes + exporterBytes) / exports, producerBytesPerSpan + workerBytesPerSpan);

        assertThat(spans).as("spans exported in the worker's window")
                .isGreaterThanOrEqualTo(WARM_UP_CYCLES + MEASURED_CYCLES);
        assertThat(producerBytesPerSpan).as("producer bytes per span").isZero();
        assertThat(workerBytes).as("worker bytes (one completion object per export)").isPositive();
        // Nothing per export; a one-off C2 compile request made on this thread may resolve a class's
        // String constants (SpanData's, read by the exporter) once, inside the window.
        assertThat((double) exporterBytes / exports).as("exporter thread bytes per export").isLessThan(1.0);
        assertThat(exporterThread).as("the exporter runs on its own thread").isNotSameAs(worker);
        assertThat(workerBytesPerSpan).as("worker bytes per span").isLessThan(1.0);
        assertThat(producerBytesPerSpan + workerBytesPerSpan).as("pipeline bytes per span").isLessThan(1.0);
        assertThat(cycle.refused()).isZero();
        PoolStats pool = pipeline.poolStats();
        assertThat(pool.misses()).as("pool misses (each would allocate a span): %s", pool).isZero();
        assertThat(pool.created()).isEqualTo(SpanPipeline.POOL_CAPACITY);
    }

    @Test
    void childrenOfAParentValueAllocateNothingOnTheProducer() {
        // Made once, as per incoming request; each child then reads its fields.
        PipelineCycle cycle = pipeline.childCycle(new SpanParent(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L,
                0x00f067aa0ba902b7L, (byte) 1, true));

        double producerBytesPerSpan = meter.bytesPerOp(WARM_UP_CYCLES, MEASURED_CYCLES, cycle);
        System.out.printf("[allocation] recorder children of one SpanParent: producer %.4f B/span%n",
                producerBytesPerSpan);

        assertThat(producerBytesPerSpan).as("producer bytes per span").isZero();
        assertThat(pipeline.flush()).isTrue();
        assertThat(cycle.refused()).isZero();
    }

    @Test
    void oneInjectedAllocationPerSpanIsDetected() {
        PipelineCycle cycle = pipeline.cycle(true);

        double producerBytesPerSpan = meter.bytesPerOp(WARM_UP_CYCLES, INJECTED_MEASURED_CYCLES, cycle);
        System.out.printf("[allocation] end-to-end pipeline with one injected Object per span: producer %.4f B/span%n",
                producerBytesPerSpan);

        assertThat(producerBytesPerSpan).as("producer bytes per span").isGreaterThanOrEqualTo(16.0);
        assertThat(pipeline.flush()).isTrue();
    }
}
