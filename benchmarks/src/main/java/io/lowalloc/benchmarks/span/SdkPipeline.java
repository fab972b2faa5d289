package io.lowalloc.benchmarks.span;

import io.lowalloc.otel.BoundedBatchSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The OpenTelemetry SDK tracer ({@link SdkTracerProvider} with default resource, sampler and id
 * generator) with a given span processor: (a) the stock {@link BatchSpanProcessor} or (b) lowalloc's
 * {@link BoundedBatchSpanProcessor}, both with their (equal) defaults: queue 2048, batch 512, delay 5 s.
 */
public final class SdkPipeline implements SpanPipeline {

    private final ReadingSpanExporter exporter = new ReadingSpanExporter();
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    /**
     * Creates the pipeline.
     *
     * @param processorFactory makes the span processor around the exporter
     */
    public SdkPipeline(Function<SpanExporter, SpanProcessor> processorFactory) {
        provider = SdkTracerProvider.builder().addSpanProcessor(processorFactory.apply(exporter)).build();
        tracer = provider.get("io.lowalloc.benchmarks");
    }

    /**
     * The stock SDK pipeline: {@code BatchSpanProcessor} with default options.
     *
     * @return a new pipeline
     */
    public static SdkPipeline withBatchSpanProcessor() {
        return new SdkPipeline(e -> BatchSpanProcessor.builder(e).build());
    }

    /**
     * The SDK tracer with lowalloc's drop-in {@code BoundedBatchSpanProcessor}, default options.
     *
     * @return a new pipeline
     */
    public static SdkPipeline withBoundedBatchSpanProcessor() {
        return new SdkPipeline(e -> BoundedBatchSpanProcessor.builder(e).build());
    }

    @Override
    public void recordSpan(long n) {
        recordSpan(tracer, n);
    }

    /**
     * Records the {@link SpanShape} span number {@code n} through an SDK tracer: start, 8
     * attributes with the typed keys, end — the code every SDK row of every harness runs.
     *
     * @param tracer the tracer
     * @param n the span's sequence number, from which the varying attribute values derive
     */
    public static void recordSpan(Tracer tracer, long n) {
        Span span = tracer.spanBuilder(SpanShape.NAME).startSpan();
        span.setAttribute(SpanShape.K_HTTP_METHOD, SpanShape.METHOD_VALUE);
        span.setAttribute(SpanShape.K_HTTP_ROUTE, SpanShape.ROUTE_VALUE);
        span.setAttribute(SpanShape.K_SERVER_ADDRESS, SpanShape.ADDRESS_VALUE);
        span.setAttribute(SpanShape.K_USER_AGENT, SpanShape.AGENT_VALUE);
        span.setAttribute(SpanShape.K_STATUS_CODE, SpanShape.statusCode(n));
        span.setAttribute(SpanShape.K_BODY_SIZE, SpanShape.bodySize(n));
        span.setAttribute(SpanShape.K_DURATION, SpanShape.duration(n));
        span.setAttribute(SpanShape.K_CACHE_HIT, (n & 1) == 0);
        span.end();
    }

    @Override
    public boolean flush() {
        return provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess();
    }

    @Override
    public ReadingSpanExporter exporter() {
        return exporter;
    }

    @Override
    public void close() {
        provider.shutdown().join(30, TimeUnit.SECONDS);
    }
}
