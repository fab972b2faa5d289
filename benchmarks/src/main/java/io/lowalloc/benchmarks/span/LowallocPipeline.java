package io.lowalloc.benchmarks.span;

import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.PooledSpanPipeline;

/**
 * (c) The lowalloc hot path: pooled core {@link SpanData} from a {@link PooledSpanPipeline} (parent
 * from the current OpenTelemetry context, like the SDK tracer), attributes stored as primitives or
 * by reference, a {@code BatchBuffer} and the bridge's reusable views for the exporter — all with
 * the {@code BatchSpanProcessor} defaults.
 */
public final class LowallocPipeline implements SpanPipeline {

    private final ReadingSpanExporter exporter = new ReadingSpanExporter();
    private final PooledSpanPipeline pipeline = PooledSpanPipeline.builder(exporter).build();

    @Override
    public void recordSpan(long n) {
        recordSpan(pipeline, n);
    }

    /**
     * Records the {@link SpanShape} span number {@code n} through a {@link PooledSpanPipeline}:
     * start, 8 attributes, end — the code every pipeline row of every harness runs.
     *
     * @param pipeline the pipeline
     * @param n the span's sequence number, from which the varying attribute values derive
     */
    public static void recordSpan(PooledSpanPipeline pipeline, long n) {
        SpanData span = pipeline.startSpan(SpanShape.NAME, SpanKind.INTERNAL);
        SpanShape.putAttributes(span, n);
        pipeline.end(span);
    }

    @Override
    public boolean flush() {
        return pipeline.flush();
    }

    @Override
    public ReadingSpanExporter exporter() {
        return exporter;
    }

    /**
     * Returns the pipeline's own counters (pool and batch), a cross-check of the exporter's count.
     *
     * @return a snapshot
     */
    public RecorderStats stats() {
        return pipeline.stats();
    }

    @Override
    public long pooledSpansCreated() {
        return stats().pool().created();
    }

    @Override
    public long pooledSpansIdle() {
        return stats().pool().pooled();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
