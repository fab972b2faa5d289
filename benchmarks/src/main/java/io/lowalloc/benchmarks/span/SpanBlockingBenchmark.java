package io.lowalloc.benchmarks.span;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.gc.AllocationMeter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Table 2 (b), the sustained end-to-end rate <b>with blocking</b>: one producer records
 * {@link SpanShape} spans as fast as it can, but waits whenever {@value #QUEUE} spans it recorded
 * have not reached the exporter yet (the queue every pipeline is built with could then be full), so
 * the score — spans/s — is the export worker's throughput, and no span is ever dropped.
 *
 * <p>Why a harness-level block and not each processor's own: OpenTelemetry's
 * {@code BatchSpanProcessor} has no blocking policy, and the same definition must hold for every
 * row. The producer records span {@code k} only when {@code k - exported < }{@value #QUEUE}; spans
 * in a queue are a subset of those recorded and not yet exported, so no queue ever holds more than
 * its capacity and none can drop. The counters prove it: {@code dropped} = recorded − exported after
 * each iteration's drain, expected 0; {@code blockedWaits} counts the spans that had to wait. The
 * wait spins, then yields.
 *
 * <p>Rows as in {@link SpanBurstBenchmark}. {@code gc.alloc.rate.norm}: all threads' bytes over the
 * iteration per span recorded; {@code producerBytes / spans}: the producer's share.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpanBlockingBenchmark extends StandardRun {

    /** The queue capacity of every row (the {@code BatchSpanProcessor} default). */
    public static final int QUEUE = BatchOptions.DEFAULT_MAX_QUEUE_SIZE;

    /** The producer's counters, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        /** Spans recorded in the iteration. */
        public long spans;
        /** Spans exported in the iteration (after a final drain). */
        public long exported;
        /** Spans recorded but not exported at the end of the iteration (expected 0). */
        public long dropped;
        /** Spans that waited for the worker before being recorded. */
        public long blockedWaits;
        /** Bytes the producer thread allocated in the iteration. */
        public long producerBytes;

        private final AllocationMeter meter = AllocationMeter.create();
        // Spans recorded since the trial began (the next sequence number).
        long next;
        private long exportedBefore;
        private long bytesBefore;

        /**
         * Notes the counts at the start of the iteration.
         *
         * @param p the pipeline
         */
        @Setup(Level.Iteration)
        public void start(PipelineUnderTest p) {
            exportedBefore = p.spans.exportedSpans();
            blockedWaits = 0;
            bytesBefore = meter.currentThreadAllocatedBytes();
        }

        /**
         * Drains, then counts what the iteration recorded, exported and dropped.
         *
         * @param p the pipeline
         */
        @TearDown(Level.Iteration)
        public void finish(PipelineUnderTest p) {
            producerBytes = meter.currentThreadAllocatedBytes() - bytesBefore;
            SpanBurstBenchmark.drain(p.spans, next, SpanBurstBenchmark.DRAIN_WAIT_MILLIS);
            exported = p.spans.exportedSpans() - exportedBefore;
            dropped = spans - exported;
        }
    }

    /**
     * Records one span once fewer than {@value #QUEUE} are on their way to the exporter.
     *
     * @param p the pipeline
     * @param c the counters
     */
    @Benchmark
    @Threads(1)
    public void blockWhenFull(PipelineUnderTest p, Counts c) {
        SpanPipeline spans = p.spans;
        long n = c.next;
        if (n - spans.exportedSpans() >= QUEUE) {
            c.blockedWaits++;
            int waits = 0;
            do {
                if (++waits > 100) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            } while (n - spans.exportedSpans() >= QUEUE);
        }
        spans.recordSpan(n);
        c.next = n + 1;
        c.spans++;
    }
}
