package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.Traceparent;
import io.lowalloc.core.span.SpanData;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two usages shown in the top-level README, between {@code readme:...} markers, so the README
 * shows code that compiles and passes.
 */
class ReadmeUsageTest {

    @Test
    void wrapAnExistingExporterForHotPathSpans() {
        SpanExporter yourExporter = InMemorySpanExporter.create(); // e.g. OtlpHttpSpanExporter
        // readme:pipeline:begin
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(yourExporter)
                .setCopyMode(true) // only for exporters that keep spans after export, like InMemorySpanExporter
                .build(); // BatchSpanProcessor defaults: queue 2048, batch 512, delay 5 s, timeout 30 s

        SpanData span = pipeline.startSpan("GET /users/{id}", io.lowalloc.core.span.SpanKind.SERVER);
        span.put("http.request.method", "GET"); // parent taken from the current OpenTelemetry Context
        span.put("http.response.status_code", 200L);
        byte[] traceparent = new byte[Traceparent.LENGTH]; // reuse per thread: no allocation
        pipeline.writeTraceparent(span, traceparent, 0); // W3C header for an outgoing call
        pipeline.end(span); // queued; returned to the pool once the exporter's result is known

        pipeline.flush();
        assertThat(pipeline.stats().isBalanced()).isTrue(); // nothing lost silently
        pipeline.close(); // flushes, stops the worker, shuts the exporter down
        // readme:pipeline:end
        assertThat(((InMemorySpanExporter) yourExporter).getFinishedSpanItems()).isEmpty(); // reset by shutdown
        assertThat(pipeline.stats().batch().exported()).isEqualTo(1);
        assertThat(new String(traceparent, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("00-");
    }

    @Test
    void swapBatchSpanProcessorForBoundedBatchSpanProcessor() {
        InMemorySpanExporter yourExporter = InMemorySpanExporter.create();
        // readme:processor:begin
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                // was: .addSpanProcessor(BatchSpanProcessor.builder(yourExporter).build())
                .addSpanProcessor(BoundedBatchSpanProcessor.builder(yourExporter).build())
                .build();

        Tracer tracer = tracerProvider.get("checkout");
        Span sdkSpan = tracer.spanBuilder("charge").startSpan();
        sdkSpan.setAttribute("payment.amount", 42L);
        sdkSpan.end();

        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS); // fails if any span failed or was dropped
        // readme:processor:end
        assertThat(yourExporter.getFinishedSpanItems()).hasSize(1);
        assertThat(yourExporter.getFinishedSpanItems().get(0).getName()).isEqualTo("charge");
        assertThat(tracerProvider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
}
