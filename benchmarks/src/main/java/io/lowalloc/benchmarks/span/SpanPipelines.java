package io.lowalloc.benchmarks.span;

/**
 * Names the pipelines of table 2 and makes them, so that the benchmark's {@code @Param} and the
 * load test's command line share one list.
 */
public final class SpanPipelines {

    /** (a) OpenTelemetry SDK tracer + stock {@code BatchSpanProcessor}. */
    public static final String SDK_BATCH = "sdkBatch";
    /** (b) OpenTelemetry SDK tracer + lowalloc {@code BoundedBatchSpanProcessor}. */
    public static final String SDK_POOLED = "sdkPooled";
    /** (c) lowalloc core pipeline ({@code PooledSpanPipeline}) through the OpenTelemetry bridge. */
    public static final String LOWALLOC = "lowalloc";
    /** (d) lowalloc core {@code SpanRecorder} + a core exporter reading every field ({@link RecorderPipeline}). */
    public static final String RECORDER = "recorder";

    private SpanPipelines() {
    }

    /**
     * Creates a pipeline by name.
     *
     * @param name one of the constants of this class
     * @return a new pipeline
     * @throws IllegalArgumentException if the name is unknown
     */
    public static SpanPipeline create(String name) {
        switch (name) {
            case SDK_BATCH:
                return SdkPipeline.withBatchSpanProcessor();
            case SDK_POOLED:
                return SdkPipeline.withBoundedBatchSpanProcessor();
            case LOWALLOC:
                return new LowallocPipeline();
            case RECORDER:
                return new RecorderPipeline();
            default:
                throw new IllegalArgumentException("pipeline must be one of [" + SDK_BATCH + ", " + SDK_POOLED + ", "
                        + LOWALLOC + ", " + RECORDER + "], was: " + name);
        }
    }
}
