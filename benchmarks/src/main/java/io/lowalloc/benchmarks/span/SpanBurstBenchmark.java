package io.lowalloc.benchmarks.span;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.gc.AllocationMeter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Table 2 (a), the producer's cost <b>with the export worker keeping up</b>: one producer records a
 * burst of {@value #BURST} {@link SpanShape} spans; JMH times the burst only (score: ns per span,
 * {@code @OperationsPerInvocation}); before the next burst, outside the timed section (a JMH
 * {@code Level.Invocation} setup), the producer waits until the exporter has received every span
 * recorded so far. Each burst therefore starts with an empty queue, and since {@value #BURST} is
 * half the queue (2048, every pipeline's default) no span can be dropped: the counters prove it
 * ({@code dropped} = recorded − exported after each iteration's drain, expected 0).
 *
 * <p>Design choice: a burst rather than a paced rate, because a burst lets JMH time only the
 * recording calls while the wait for the worker stays outside the score, and a burst that is a
 * multiple of the export batch (512) is exported without waiting for the schedule delay. If the
 * exporter has not received everything within {@value #DRAIN_WAIT_MILLIS} ms, the wait calls the
 * pipeline's flush (counted in {@code flushes}; expected 0).
 *
 * <p>Rows (same exporter work on both sides: every field read, nothing sent): {@code sdkBatch} SDK +
 * {@code BatchSpanProcessor} + {@link ReadingSpanExporter}, {@code lowalloc} {@code PooledSpanPipeline}
 * + {@link ReadingSpanExporter} through the views, {@code recorder} core {@code SpanRecorder} +
 * {@link CoreReadingExporter}. {@code gc.alloc.rate.norm} divides the bytes of <em>all</em> threads
 * over the whole iteration (the producer, the export worker's drain and export, the waits) by the
 * spans recorded: with 0 drops it is every span's whole cost. {@code producerBytes / spans} is the
 * producer thread's share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBurstBenchmark extends StandardRun {

    /** Spans per burst: a multiple of the export batch (512), half the queue (2048). */
    public static final int BURST = 1024;
    /** How long the drain wait spins before it asks the pipeline to flush. */
    public static final long DRAIN_WAIT_MILLIS = 50;

    /**
     * Waits until {@code pipeline} has exported {@code recorded} spans in all (spinning, then
     * yielding), flushing once after {@code waitMillis}; returns the number of flushes (0 or 1).
     *
     * @param pipeline the pipeline
     * @param recorded spans recorded through it so far
     * @param waitMillis how long to wait before flushing
     * @return 1 if a flush was needed, else 0
     */
    static int drain(SpanPipeline pipeline, long recorded, long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        int spins = 0;
        while (pipeline.exportedSpans() < recorded) {
            if (System.nanoTime() > deadline) {
                pipeline.flush();
                return 1;
            }
            if (++spins > 100) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        return 0;
    }

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
        /** Drain waits that had to flush (expected 0). */
        public long flushes;
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
            flushes = 0;
            bytesBefore = meter.currentThreadAllocatedBytes();
        }

        /**
         * Untimed, before every burst: waits until every span recorded so far has been exported.
         *
         * @param p the pipeline
         */
        @Setup(Level.Invocation)
        public void waitForTheWorker(PipelineUnderTest p) {
            flushes += drain(p.spans, next, DRAIN_WAIT_MILLIS);
        }

        /**
         * Drains, then counts what the iteration recorded, exported and dropped.
         *
         * @param p the pipeline
         */
        @TearDown(Level.Iteration)
        public void finish(PipelineUnderTest p) {
            producerBytes = meter.currentThreadAllocatedBytes() - bytesBefore;
            flushes += drain(p.spans, next, DRAIN_WAIT_MILLIS);
            exported = p.spans.exportedSpans() - exportedBefore;
            dropped = spans - exported;
        }
    }

    /**
     * One burst of {@value #BURST} spans on one producer thread, timed.
     *
     * @param p the pipeline
     * @param c the counters (their per-invocation setup is the untimed wait for the worker)
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BURST)
    public void burst(PipelineUnderTest p, Counts c) {
        SpanPipeline spans = p.spans;
        long n = c.next;
        for (int i = 0; i < BURST; i++) {
            spans.recordSpan(n + i);
        }
        c.next = n + BURST;
        c.spans += BURST;
    }
}
