package io.lowalloc.benchmarks.span;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The table-2 pipeline a span benchmark drives ({@link SpanBurstBenchmark}, {@link SpanBlockingBenchmark},
 * {@link SpanPipelineBenchmark}): one instance per trial, shared by every producer thread and fixture
 * (benchmark scope). The rows are {@link SpanPipelines#SDK_BATCH}, {@link SpanPipelines#LOWALLOC} and
 * {@link SpanPipelines#RECORDER}; any other name {@link SpanPipelines#create} knows ({@code sdkPooled})
 * can be given with {@code -p pipeline=...}.
 */
@State(Scope.Benchmark)
public class PipelineUnderTest {

    /** Which pipeline; see {@link SpanPipelines}. */
    @Param({SpanPipelines.SDK_BATCH, SpanPipelines.LOWALLOC, SpanPipelines.RECORDER})
    public String pipeline;

    SpanPipeline spans;

    /** Builds the pipeline. */
    @Setup(Level.Trial)
    public void setUp() {
        spans = SpanPipelines.create(pipeline);
    }

    /** Shuts it down. */
    @TearDown(Level.Trial)
    public void tearDown() {
        spans.close();
    }
}
