package io.lowalloc.benchmarks.span;

import io.lowalloc.benchmarks.StandardRun;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Table 2 (c), overload: producers record {@link SpanShape} spans as fast as they can through one
 * {@link SpanPipeline}; a no-op exporter that reads every field receives them in batches
 * ({@link ReadingSpanExporter} through the OpenTelemetry {@code SpanData} interface, or
 * {@link CoreReadingExporter} for the {@code recorder} row). Every processor runs with its defaults
 * (queue 2048, batch 512, drop when full), so a producer faster than the export worker loses spans:
 * the auxiliary counters say how many. The figure to quote here is the drop share
 * ({@code 1 - exported / spans}); the producer's cost with the worker keeping up is
 * {@link SpanBurstBenchmark} (a), the rate with no drop at all {@link SpanBlockingBenchmark} (b).
 *
 * <p>Counters per iteration: {@code spans} recorded by all producers (including the few recorded
 * while JMH synchronises the end of the iteration) and {@code exported} (read by producer 0 after
 * a flush); spans dropped = {@code spans - exported}. {@code gc.alloc.rate.norm} divides the
 * allocation of <em>all</em> threads (producers and the export worker) by the spans recorded;
 * {@code producerBytes} is what the producer threads alone allocated (ThreadMXBean), so
 * {@code producerBytes / spans} is the recording path's share.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpanPipelineBenchmark extends StandardRun {

    /** Per-producer counters, reported by JMH as sums over producers. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        /** Spans this producer recorded in the iteration. */
        public long spans;
        /** Spans exported in the iteration (producer 0 only; 0 on the others). */
        public long exported;
        /** Bytes this producer thread allocated in the iteration. */
        public long producerBytes;

        private final AllocationMeter meter = AllocationMeter.create();
        private long exportedBefore;
        private long bytesBefore;
        private long next;

        /**
         * Notes the exporter's count at the start of the iteration.
         *
         * @param p the pipeline
         */
        @Setup(Level.Iteration)
        public void start(PipelineUnderTest p) {
            exportedBefore = p.spans.exportedSpans();
            bytesBefore = meter.currentThreadAllocatedBytes();
        }

        /**
         * Producer 0 flushes and counts what the iteration exported.
         *
         * @param p the pipeline
         * @param thread which producer this is
         */
        @TearDown(Level.Iteration)
        public void finish(PipelineUnderTest p, ThreadParams thread) {
            producerBytes = meter.currentThreadAllocatedBytes() - bytesBefore;
            if (thread.getThreadIndex() == 0) {
                p.spans.flush();
                exported = p.spans.exportedSpans() - exportedBefore;
            } else {
                exported = 0;
            }
        }
    }

    /**
     * One producer thread.
     *
     * @param p the pipeline
     * @param c this producer's counters
     */
    @Benchmark
    @Threads(1)
    public void oneProducer(PipelineUnderTest p, Counts c) {
        p.spans.recordSpan(c.next++);
        c.spans++;
    }

    /**
     * Two producer threads (on the 2-core machine, they compete with the export worker).
     *
     * @param p the pipeline
     * @param c this producer's counters
     */
    @Benchmark
    @Threads(2)
    public void twoProducers(PipelineUnderTest p, Counts c) {
        p.spans.recordSpan(c.next++);
        c.spans++;
    }
}
