package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the views cost over the SDK's own {@code SpanData} when OpenTelemetry's OTLP exporter
 * marshals them the way {@code MemoryMode.REUSABLE_DATA} does (a size pass, then a write pass,
 * each reading the hex ids and every attribute): bytes per span allocated on the exporting
 * thread by {@link SpanExporterAdapter#export} with the views, against the same marshaler over
 * SDK spans with the same 8 attributes. The only allowed difference is the hex id strings, made
 * once per export (a trace id at 72 bytes, a span id at 56: the SDK made its strings when the
 * span started), and one box per numeric value that changed at its index — never a second box
 * or string for the marshaler's second pass.
 */
class OtlpMarshalingAllocationTest {

    private static final int BATCH = 512;
    private static final int BATCHES = 2;
    private static final double HEX_BYTES_PER_SPAN = 72 + 56;
    private static final long WARMUP_EXPORTS = 3_000;
    private static final long MEASURED_EXPORTS = 200;

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<String> AGENT = AttributeKey.stringKey("user_agent.original");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<Long> SIZE = AttributeKey.longKey("http.response.body.size");
    private static final AttributeKey<Double> DURATION = AttributeKey.doubleKey("app.duration_ms");
    private static final AttributeKey<Boolean> HIT = AttributeKey.booleanKey("app.cache_hit");

    private static SdkTracerProvider provider;
    private static final List<List<SpanData>> SDK_BATCHES = new ArrayList<>();

    @BeforeAll
    static void recordSdkSpans() {
        assertThat(AllocationMeter.create().isSupported()).isTrue();
        List<ReadableSpan> ended = new ArrayList<>();
        provider = SdkTracerProvider.builder().addSpanProcessor(new Collector(ended)).build();
        Tracer tracer = provider.get("io.lowalloc.test");
        for (int b = 0; b < BATCHES; b++) {
            List<SpanData> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                long n = (long) b * BATCH + i;
                Span span = tracer.spanBuilder("GET /api/orders/{id}").startSpan();
                span.setAttribute(METHOD, "GET");
                span.setAttribute(ROUTE, "/api/orders/{id}");
                span.setAttribute(ADDRESS, "orders.internal.example");
                span.setAttribute(AGENT, "benchmark-client/1.0");
                span.setAttribute(STATUS, 200 + (n & 511));
                span.setAttribute(SIZE, 1_000 + n);
                span.setAttribute(DURATION, (n & 1023) * 0.25);
                span.setAttribute(HIT, (n & 1) == 0);
                span.end();
                batch.add(ended.get(ended.size() - 1).toSpanData());
            }
            SDK_BATCHES.add(batch);
        }
    }

    @AfterAll
    static void shutDown() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    /** Core spans of the same shape; with {@code distinctSizes}, the body size differs between the two batches. */
    private static List<List<io.lowalloc.core.span.SpanData>> coreBatches(boolean distinctSizes) {
        SplittableRandom random = new SplittableRandom(11);
        List<List<io.lowalloc.core.span.SpanData>> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<io.lowalloc.core.span.SpanData> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                io.lowalloc.core.span.SpanData span = io.lowalloc.core.span.SpanData.create(SpanLimits.defaults());
                span.setTraceId(random.nextLong() | 1, random.nextLong())
                        .setSpanId(random.nextLong() | 1)
                        .setSampled(true)
                        .setName("GET /api/orders/{id}")
                        .setKind(SpanKind.INTERNAL)
                        .setStartEpochNanos(1_700_000_000_000_000_000L + i);
                span.put(METHOD.getKey(), "GET");
                span.put(ROUTE.getKey(), "/api/orders/{id}");
                span.put(ADDRESS.getKey(), "orders.internal.example");
                span.put(AGENT.getKey(), "benchmark-client/1.0");
                span.put(STATUS.getKey(), 200 + i);
                span.put(SIZE.getKey(), 1_000L + i + (distinctSizes ? (long) b * BATCH : 0));
                span.put(DURATION.getKey(), i * 0.25);
                span.put(HIT.getKey(), (i & 1) == 0);
                span.end(1_700_000_000_000_000_000L + i + 250_000L);
                batch.add(span);
            }
            batches.add(batch);
        }
        return batches;
    }

    private static double sdkBytesPerSpan() {
        MarshalingExporter exporter = new MarshalingExporter();
        return AllocationMeter.create().bytesPerOp(WARMUP_EXPORTS, MEASURED_EXPORTS,
                i -> exporter.exportSize(SDK_BATCHES.get((int) (i % BATCHES)))) / BATCH;
    }

    private static double viewBytesPerSpan(boolean distinctSizes) {
        MarshalingExporter exporter = new MarshalingExporter();
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(exporter).setResource(Resource.getDefault()).build();
        List<List<io.lowalloc.core.span.SpanData>> batches = coreBatches(distinctSizes);
        CountingCompletion completion = new CountingCompletion();
        double bytes = AllocationMeter.create().bytesPerOp(WARMUP_EXPORTS, MEASURED_EXPORTS, i -> {
            adapter.export(batches.get((int) (i % BATCHES)), completion);
            return exporter.lastSize;
        }) / BATCH;
        assertThat(completion.failures).isZero();
        assertThat(completion.successes).isEqualTo(WARMUP_EXPORTS + AllocationMeter.MEASURED_ROUNDS * MEASURED_EXPORTS);
        return bytes;
    }

    @Test
    void viewsCostTheSdkSpanDataPlusHexIdsMadeOncePerExport() {
        double sdk = sdkBytesPerSpan();
        double views = viewBytesPerSpan(false);
        System.out.printf("OTLP REUSABLE_DATA marshaling, exporting thread: SDK SpanData %.2f B/span, views %.2f B/span%n",
                sdk, views);

        assertThat(views - sdk).as("views %.2f B/span, SDK %.2f B/span", views, sdk)
                .isGreaterThanOrEqualTo(HEX_BYTES_PER_SPAN - 1).isLessThan(HEX_BYTES_PER_SPAN + 1);
    }

    @Test
    void aChangedNumericValueIsBoxedOnceForBothMarshalingPasses() {
        double sdk = sdkBytesPerSpan();
        double views = viewBytesPerSpan(true);
        System.out.printf("OTLP REUSABLE_DATA marshaling, one long changed per span: SDK SpanData %.2f B/span,"
                + " views %.2f B/span%n", sdk, views);

        // A Long: 12-byte header + 8 bytes of value, aligned to 24 — once, not once per pass.
        assertThat(views - sdk).as("views %.2f B/span, SDK %.2f B/span", views, sdk)
                .isGreaterThanOrEqualTo(HEX_BYTES_PER_SPAN + 24 - 1).isLessThan(HEX_BYTES_PER_SPAN + 24 + 1);
    }

    /** Marshals each batch with one reused low-allocation marshaler into one reused buffer. */
    private static final class MarshalingExporter implements SpanExporter {

        private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
        long lastSize;

        long exportSize(Collection<SpanData> spans) {
            export(spans);
            return lastSize;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            body.reset();
            marshaler.initialize(spans);
            try {
                marshaler.writeBinaryTo(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                marshaler.reset();
            }
            lastSize = body.size();
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

    private static final class CountingCompletion implements ExportCompletion {

        long successes;
        long failures;

        @Override
        public void success() {
            successes++;
        }

        @Override
        public void failure(Throwable cause) {
            failures++;
        }
    }

    private static final class Collector implements SpanProcessor {

        private final List<ReadableSpan> ended;

        Collector(List<ReadableSpan> ended) {
            this.ended = ended;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
