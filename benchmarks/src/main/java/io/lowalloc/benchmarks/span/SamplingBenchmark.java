package io.lowalloc.benchmarks.span;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SamplerConfig;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.PooledSpanPipeline;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The producer's cost of a table-2 span ({@link SpanShape}: name and 8 attributes, parent from the
 * current OpenTelemetry context) through a {@link PooledSpanPipeline}, sampled
 * ({@code always_on}) against unsampled ({@code always_off}), one producer thread, exporter
 * {@link ReadingSpanExporter}, {@code BatchSpanProcessor} defaults. Sampled spans are queued and
 * exported (or dropped when the worker falls behind: the trial's end prints the pipeline's
 * counters); unsampled spans go back to the pool at {@code end}, never queued.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SamplingBenchmark extends StandardRun {

    /** The pipeline under test. */
    @State(Scope.Benchmark)
    public static class Pipeline {
        /** The sampler, by its {@code otel.traces.sampler} name. */
        @Param({"always_on", "always_off"})
        public String sampler;

        PooledSpanPipeline pipeline;

        /** Builds the pipeline. */
        @Setup(Level.Trial)
        public void setUp() {
            pipeline = PooledSpanPipeline.builder(new ReadingSpanExporter()).setShutdownHook(false)
                    .setSampler(SamplerConfig.from(Map.of(SamplerConfig.SAMPLER_PROPERTY, sampler)::get, k -> null))
                    .build();
        }

        /** Prints the counters and closes the pipeline. */
        @TearDown(Level.Trial)
        public void tearDown() {
            pipeline.close();
            RecorderStats stats = pipeline.stats();
            System.out.println("[sampling] " + sampler + ": exported " + stats.batch().exported() + ", dropped "
                    + stats.batch().dropped() + ", not sampled " + stats.notSampled());
        }
    }

    /** The span number, per producer. */
    @State(Scope.Thread)
    public static class Sequence {
        long next;
    }

    /**
     * Records one table-2 span.
     *
     * @param p the pipeline
     * @param s this producer's sequence
     * @return whether the span was queued
     */
    @Benchmark
    @Threads(1)
    public boolean recordSpan(Pipeline p, Sequence s) {
        long n = s.next++;
        SpanData span = p.pipeline.startSpan(SpanShape.NAME, SpanKind.INTERNAL);
        SpanShape.putAttributes(span, n);
        return p.pipeline.end(span);
    }
}
