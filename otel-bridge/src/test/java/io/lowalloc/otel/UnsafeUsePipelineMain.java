package io.lowalloc.otel;

import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.ExportOnlyExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records spans through a {@link PooledSpanPipeline} whose exporter reads every span's ids and
 * name through the views, flushes and closes it, then prints
 * {@code DONE <exported> flushed=<flush result>}: the JVM that the JDK 25 warning test watches.
 */
public final class UnsafeUsePipelineMain {

    private static final int SPANS = 20_000;

    private UnsafeUsePipelineMain() {
    }

    /**
     * Runs the scenario.
     *
     * @param args none
     */
    public static void main(String[] args) {
        AtomicLong exported = new AtomicLong();
        ExportOnlyExporter exporter = new ExportOnlyExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                for (SpanData span : spans) {
                    if (span.getTraceId().isEmpty() || span.getName().isEmpty()) {
                        throw new IllegalStateException("empty span " + span);
                    }
                    exported.incrementAndGet();
                }
                return CompletableResultCode.ofSuccess();
            }
        };
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(exporter).setShutdownHook(false).build();
        for (int i = 0; i < SPANS; i++) {
            pipeline.end(pipeline.startSpan("unsafe-check", SpanKind.INTERNAL));
        }
        // Spans dropped when the queue is full make flush() false; only the output matters here.
        boolean flushed = pipeline.flush(10, TimeUnit.SECONDS);
        pipeline.close();
        System.out.println("DONE " + exported.get() + " flushed=" + flushed);
    }
}
