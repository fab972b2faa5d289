package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.GcStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the whole demo once in quick mode and checks every scenario's measured figures. */
class MemoryOptimizationDemoTest {

    private static MemoryOptimizationDemo.Results results;
    private static String output;
    private static long cpuNanos;

    @BeforeAll
    static void runQuickDemo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        results = MemoryOptimizationDemo.run(DemoOptions.quickRun(), out);
        cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsBannerEverySectionAndClosingLineInOrder() {
        assertThat(output).containsSubsequence(
                MemoryOptimizationDemo.BANNER,
                "--- Span Pool Demo ---", "📊 Without Pool:", "📊 With Pool:", "🚀 Improvement:",
                "--- Memory Preallocation Demo ---", "📊 Without Prealloc:", "📊 With Prealloc:", "🚀 Improvement:",
                "Pooled buffer with 100 attributes",
                "--- Zero-Allocation Demo ---", "📊 Fresh list per span:", "📊 FixedAttributeBuilder:",
                "🚀 Improvement:",
                "--- Batch Processing Demo ---", "📤 Exporting batch of 100 spans", "📤 Exporting batch of 42 spans",
                "max-delay timer", "✅ Batch processing completed",
                "--- GC Tuning Demo ---", "📊 Initial GC Stats", "📊 After Allocation", "📊 After Release",
                "without pool", "with pool", "GOGC", "GOMEMLIMIT", "UseEpsilonGC",
                "--- Pitfalls (examples/README.md) ---",
                MemoryOptimizationDemo.DONE);
    }

    @Test
    void spanPoolAllocatesLessThanNewSpans() {
        SpanPoolDemo.Result r = results.spanPool();

        assertThat(r.spans()).isEqualTo(DemoOptions.DEFAULT_QUICK_SPANS);
        assertThat(r.unpooledBytes()).isGreaterThan((long) r.spans() * 100); // a span is hundreds of bytes
        assertThat(r.pooledBytes()).isLessThan(r.unpooledBytes());
        assertThat(r.unpooledNanos()).isPositive();
        assertThat(r.pooledNanos()).isPositive();
        assertThat(output).contains("Alloc: " + r.unpooledBytes() + " bytes", "Alloc: " + r.pooledBytes() + " bytes");
    }

    @Test
    void preallocatedStoreAllocatesLessThanGrowingOneAndPooledBufferDoesNotGrow() {
        PreallocationDemo.Result r = results.preallocation();

        assertThat(r.preallocatedBytes()).isPositive().isLessThan(r.growingBytes());
        assertThat(r.pooledAttributes()).isEqualTo(PreallocationDemo.ATTRIBUTES);
        assertThat(r.pooledCapacityBefore()).isEqualTo(PreallocationDemo.ATTRIBUTES);
        assertThat(r.pooledCapacityAfter()).isEqualTo(PreallocationDemo.ATTRIBUTES);
        assertThat(r.pooledReuseBytes()).isZero();
        assertThat(output).contains("✅ Pooled buffer with 100 attributes");
    }

    @Test
    void fixedAttributeBuilderAllocatesZeroBytesAfterWarmUp() {
        ZeroAllocationDemo.Result r = results.zeroAllocation();

        assertThat(r.builderBytes()).isZero();
        assertThat(r.freshListBytes()).isGreaterThan((long) r.spans() * 50); // list + array + 3 pairs + a Long
        assertThat(output).contains("Inf less allocation (0 bytes)");
    }

    @Test
    void batchScenarioExportsTenFullBatchesThenTheTimerFlushedPartialOne() {
        BatchProcessingDemo.Result r = results.batch();

        List<Integer> expected = new ArrayList<>(Collections.nCopies(10, BatchProcessingDemo.BATCH_SIZE));
        expected.add(BatchProcessingDemo.PARTIAL_SPANS);
        assertThat(r.batchSizes()).isEqualTo(expected);
        assertThat(r.stats().offered()).isEqualTo(BatchProcessingDemo.SPANS + BatchProcessingDemo.PARTIAL_SPANS);
        assertThat(r.stats().exported()).isEqualTo(BatchProcessingDemo.SPANS + BatchProcessingDemo.PARTIAL_SPANS);
        assertThat(r.stats().exportCalls()).isEqualTo(11);
        assertThat(r.stats().dropped()).isZero();
        assertThat(r.stats().failed()).isZero();
        assertThat(r.stats().pending()).isZero();
        assertThat(r.validSpansSeen()).isEqualTo(BatchProcessingDemo.SPANS + BatchProcessingDemo.PARTIAL_SPANS);
        // Only the timer could have exported the partial batch, and not before the delay had passed.
        assertThat(r.timerFlushNanos()).isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(BatchProcessingDemo.MAX_DELAY_MILLIS));
        assertThat(r.pool().pooled()).isEqualTo(BatchProcessingDemo.SPANS + BatchProcessingDemo.PARTIAL_SPANS);
        assertThat(r.otlpEndpoint()).isNull();
    }

    @Test
    void gcCountsNeverDecreaseAndPoolingAllocatesLessUnderTheSameWorkload() {
        GcTuningDemo.Result r = results.gcTuning();
        GcStats initial = r.initial();
        GcStats afterAllocation = r.afterAllocation();
        GcStats afterRelease = r.afterRelease();

        assertThat(afterAllocation.collectionCount()).isGreaterThanOrEqualTo(initial.collectionCount());
        assertThat(afterRelease.collectionCount()).isGreaterThanOrEqualTo(afterAllocation.collectionCount());
        assertThat(afterAllocation.collectionTimeMillis()).isGreaterThanOrEqualTo(initial.collectionTimeMillis());
        assertThat(afterRelease.collectionTimeMillis()).isGreaterThanOrEqualTo(afterAllocation.collectionTimeMillis());
        assertThat(r.poolAfterRelease().pooled()).isEqualTo(GcTuningDemo.POOL_CAPACITY);
        assertThat(r.poolAfterRelease().discarded()).isEqualTo(r.retainedSpans() - GcTuningDemo.POOL_CAPACITY);

        assertThat(r.unpooled().spans()).isEqualTo(r.pooled().spans()).isPositive();
        assertThat(r.pooled().allocatedBytes()).isLessThan(r.unpooled().allocatedBytes() / 100);
        assertThat(r.unpooled().pauses().pauseCount()).isNotNegative();
        assertThat(r.unpooled().gcsPerSecond()).isNotNegative();
    }

    @Test
    void pitfallsShowTheLibraryDetectingMisuse() {
        PitfallsDemo.Result r = results.pitfalls();

        assertThat(r.reuse().attributesSeen()).isZero();
        assertThat(r.useAfterRelease()).hasMessage("span is free (released to its pool)");
        assertThat(r.doubleRelease()).hasMessageStartingWith("object already released");
        assertThat(r.capacityVsLength().lengthIndex()).isEqualTo(PreallocationDemo.ATTRIBUTES);
        assertThat(r.escapeAnalysis().escapingBytesPerOp()).isPositive();
        assertThat(r.smallBatch().exportCalls()).isGreaterThan(r.largeBatch().exportCalls());
    }

    @Test
    void quickRunNeedsOnlyAFewSecondsOfCpu() {
        // CPU time of the demo thread, not wall time: the 2-core machine may be shared with other
        // builds, which stretches wall time but not the work quick mode asks for (about 2 s of it
        // on an idle machine, plus about 2 s of timer waits, for a wall time of about 4-5 s).
        assertThat(cpuNanos).isLessThan(TimeUnit.SECONDS.toNanos(6));
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = MemoryOptimizationDemo.execute(new String[] {"--help"}, utf8(out), utf8(err));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(DemoOptions.USAGE);
        assertThat(err.size()).isZero();
    }

    @Test
    void invalidOptionPrintsReasonAndUsageAndFails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = MemoryOptimizationDemo.execute(new String[] {"--spans", "10"}, utf8(out), utf8(err));

        assertThat(status).isEqualTo(MemoryOptimizationDemo.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("error: --spans must be in [1000, 250000], was: 10", DemoOptions.USAGE);
        assertThat(out.size()).isZero();
    }

    private static PrintStream utf8(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
