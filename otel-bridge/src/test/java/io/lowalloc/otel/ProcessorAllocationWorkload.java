package io.lowalloc.otel;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.otel.testing.LastEndedSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocation workload of {@link ProcessorAllocationTest}, run in a fresh JVM per processor so
 * that neither sees the other's JIT profile: an SDK tracer ends spans with 8 attributes into the
 * processor, which exports to a no-op exporter or, given an endpoint as second argument, to
 * OpenTelemetry's {@link OtlpHttpSpanExporter} (JDK sender, {@link MemoryMode#REUSABLE_DATA}). Spans are ended in bursts of {@value #BURST} (half
 * the default queue), and each burst is waited for until exported, so nothing is dropped and the
 * worker's allocation is part of the sum. Prints {@code bytesPerSpan=<bytes allocated by all
 * threads per span>}, the least of {@value #ROUNDS} measured rounds, and {@code failedSpans=<n>}
 * (spans whose export failed, which must be none).
 *
 * <p>Modes: {@code stock} ({@link BatchSpanProcessor}), {@code bounded}
 * ({@link BoundedBatchSpanProcessor}), {@code floor} (a processor that only publishes the span to
 * a field: what the SDK tracer alone allocates once a span escapes into any processor).
 */
final class ProcessorAllocationWorkload {

    static final int BURST = 1024;
    static final int WARMUP_BURSTS = 400;
    static final int MEASURED_BURSTS = 100;
    static final int ROUNDS = 3;

    // Constants in fields, not literals in the loop (see the core brief's allocation lesson).
    private static final String SPAN_NAME = "GET /api/items";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Boolean> CACHED = AttributeKey.booleanKey("app.cached");
    private static final AttributeKey<Double> RATIO = AttributeKey.doubleKey("app.ratio");
    private static final AttributeKey<String> TENANT = AttributeKey.stringKey("app.tenant");
    private static final String GET = "GET";
    private static final String ITEMS = "/api/items";
    private static final String HOST = "items.internal";
    private static final String ACME = "acme";
    private static final Double HALF = 0.5;

    private static final AtomicLong EXPORTED = new AtomicLong();
    private static final AtomicLong FAILED = new AtomicLong();
    private static long ended;

    private ProcessorAllocationWorkload() {
    }

    public static void main(String[] args) {
        SpanExporter exporter = args.length > 1 ? new CompletionCounting(otlp(args[1])) : new CountingExporter();
        SpanProcessor processor = processor(args[0], exporter);
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        Tracer tracer = provider.get("allocation-workload");
        boolean floor = args[0].equals("floor");
        run(tracer, WARMUP_BURSTS, floor);
        AllocationMeter meter = AllocationMeter.create();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = meter.allThreadsAllocatedBytes();
            run(tracer, MEASURED_BURSTS, floor);
            least = Math.min(least, meter.allThreadsAllocatedBytes() - before);
        }
        System.out.println("bytesPerSpan=" + (double) least / ((long) MEASURED_BURSTS * BURST));
        System.out.println("failedSpans=" + FAILED.get());
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    private static void run(Tracer tracer, int bursts, boolean floor) {
        for (int b = 0; b < bursts; b++) {
            for (int i = 0; i < BURST; i++) {
                Span span = tracer.spanBuilder(SPAN_NAME).startSpan();
                span.setAttribute(METHOD, GET);
                span.setAttribute(ROUTE, ITEMS);
                span.setAttribute(STATUS, 200L);
                span.setAttribute(SERVER, HOST);
                span.setAttribute(PORT, 8080L);
                span.setAttribute(CACHED, Boolean.TRUE);
                span.setAttribute(RATIO, HALF);
                span.setAttribute(TENANT, ACME);
                span.end();
            }
            ended += BURST;
            if (!floor) {
                awaitExported();
            }
        }
    }

    private static void awaitExported() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (EXPORTED.get() < ended) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("spans were not all exported: " + EXPORTED.get() + " < " + ended);
            }
            Thread.onSpinWait();
        }
    }

    private static SpanExporter otlp(String endpoint) {
        return OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint)
                .setMemoryMode(MemoryMode.REUSABLE_DATA)
                .build();
    }

    private static SpanProcessor processor(String mode, SpanExporter exporter) {
        switch (mode) {
            case "stock":
                return BatchSpanProcessor.builder(exporter).build();
            case "bounded":
                return BoundedBatchSpanProcessor.builder(exporter).build();
            case "floor":
                return new LastEndedSpanProcessor();
            default:
                throw new IllegalArgumentException("mode must be stock, bounded or floor, was: " + mode);
        }
    }

    /**
     * Counts a batch's spans when the wrapped exporter's result completes (failed ones apart), so
     * that a burst is waited for until the exporter is done with it. One callback per export.
     */
    private static final class CompletionCounting implements SpanExporter {
        private final SpanExporter delegate;

        CompletionCounting(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int count = spans.size();
            CompletableResultCode result = delegate.export(spans);
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    FAILED.addAndGet(count);
                }
                EXPORTED.addAndGet(count);
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    /** Counts spans and succeeds at once; allocates nothing. */
    private static final class CountingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            EXPORTED.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
