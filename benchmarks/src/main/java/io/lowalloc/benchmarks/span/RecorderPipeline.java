package io.lowalloc.benchmarks.span;

import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import java.util.concurrent.TimeUnit;

/**
 * (d) The lowalloc core alone: a {@link SpanRecorder} (pooled core {@link SpanData}, a
 * {@code BatchBuffer} with the {@code BatchSpanProcessor} defaults: queue 2048, batch 512, delay 5 s,
 * drop when full) exporting to a {@link CoreReadingExporter} that reads every field through the
 * core API — no OpenTelemetry class, no views. {@link #recordSpan(long)} is thread-safe.
 *
 * <p>{@link #exporter()} is not available: this pipeline has no OpenTelemetry exporter; its counts
 * come from {@link #coreExporter()}.
 */
public final class RecorderPipeline implements SpanPipeline {

    private final CoreReadingExporter exporter = new CoreReadingExporter();
    private final SpanRecorder recorder;

    /** Builds the recorder with its defaults (no shutdown hook: the harness closes it). */
    public RecorderPipeline() {
        recorder = SpanRecorder.builder().setShutdownHook(false).build(exporter);
    }

    @Override
    public void recordSpan(long n) {
        SpanData span = recorder.startSpan(SpanShape.NAME, SpanKind.INTERNAL);
        SpanShape.putAttributes(span, n);
        recorder.end(span);
    }

    @Override
    public boolean flush() {
        return recorder.flush(30, TimeUnit.SECONDS);
    }

    /**
     * Not supported: this pipeline exports to a {@link CoreReadingExporter}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public ReadingSpanExporter exporter() {
        throw new UnsupportedOperationException("RecorderPipeline has no OpenTelemetry exporter; use coreExporter()");
    }

    /**
     * Returns the core exporter at the end of the recorder.
     *
     * @return the exporter, the same for the pipeline's life
     */
    public CoreReadingExporter coreExporter() {
        return exporter;
    }

    @Override
    public long exportedSpans() {
        return exporter.exportedSpans();
    }

    @Override
    public long exportCalls() {
        return exporter.exportCalls();
    }

    /**
     * Returns the recorder's own counters (pool and batch).
     *
     * @return a snapshot
     */
    public RecorderStats stats() {
        return recorder.stats();
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
        recorder.close();
    }
}
