package io.lowalloc.otel;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.SampleSpans;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.SpanFlags;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Exports pooled spans through the real {@code OtlpHttpSpanExporter} (JDK HttpClient sender) to
 * a loopback HTTP server that decodes each request body as an OTLP
 * {@link ExportTraceServiceRequest} and checks every field: a wire-level check of the views (the
 * exporter serializes them after {@code export} returned, on its own threads) and of the copies.
 */
class OtlpHttpRoundTripTest {

    private static final int HAS_IS_REMOTE = SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK_VALUE;
    private static final int IS_REMOTE = SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK_VALUE;

    private final BlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();
    private HttpServer server;
    private OtlpHttpSpanExporter exporter;

    @BeforeEach
    void startCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                bodies.add(in.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces")
                .build();
    }

    @AfterEach
    void stopCollector() {
        server.stop(0);
    }

    private PooledSpanPipeline pipeline(boolean copyMode) {
        return PooledSpanPipeline.builder(exporter)
                .setCopyMode(copyMode)
                .setSpanLimits(SampleSpans.LIMITS)
                .setResource(SampleSpans.RESOURCE)
                .setInstrumentationScope(SampleSpans.SCOPE)
                .build();
    }

    private ExportTraceServiceRequest receive() throws Exception {
        byte[] body = bodies.poll(10, TimeUnit.SECONDS);
        assertThat(body).as("request received by the collector").isNotNull();
        return ExportTraceServiceRequest.parseFrom(body);
    }

    @ParameterizedTest(name = "copyMode={0}")
    @ValueSource(booleans = {false, true})
    void everyFieldArrivesOnTheWire(boolean copyMode) throws Exception {
        try (PooledSpanPipeline pipeline = pipeline(copyMode)) {
            SpanData span = pipeline.startSpan("replaced", SpanKind.INTERNAL);
            SampleSpans.fill(span);
            pipeline.end(span, SampleSpans.END);
            assertThat(pipeline.flush()).isTrue();

            ExportTraceServiceRequest request = receive();

            assertThat(request.getResourceSpansCount()).isEqualTo(1);
            ResourceSpans resourceSpans = request.getResourceSpans(0);
            assertResource(resourceSpans.getResource());
            assertThat(resourceSpans.getScopeSpansCount()).isEqualTo(1);
            ScopeSpans scopeSpans = resourceSpans.getScopeSpans(0);
            assertThat(scopeSpans.getScope().getName()).isEqualTo("io.lowalloc.test");
            assertThat(scopeSpans.getScope().getVersion()).isEqualTo("1.2.3");
            assertThat(scopeSpans.getSpansCount()).isEqualTo(1);
            assertFullSpan(scopeSpans.getSpans(0));
            assertThat(pipeline.stats().batch().exported()).isEqualTo(1);
            assertThat(pipeline.stats().isBalanced()).isTrue();
        }
    }

    @ParameterizedTest(name = "copyMode={0}")
    @ValueSource(booleans = {false, true})
    void rootSpanAndLocalChildArriveWithTheirFlags(boolean copyMode) throws Exception {
        try (PooledSpanPipeline pipeline = pipeline(copyMode)) {
            SpanData root = pipeline.startSpan("root", SpanKind.PRODUCER, SpanContext.getInvalid());
            SpanData child = pipeline.startSpan("child", SpanKind.CLIENT, root);
            pipeline.end(child, child.startEpochNanos() + 10);
            pipeline.end(root, root.startEpochNanos() + 20);
            assertThat(pipeline.flush()).isTrue();

            List<Span> spans = receive().getResourceSpans(0).getScopeSpans(0).getSpansList();

            assertThat(spans).extracting(Span::getName).containsExactly("child", "root");
            Span childSpan = spans.get(0);
            Span rootSpan = spans.get(1);
            assertThat(rootSpan.getParentSpanId()).isEqualTo(ByteString.EMPTY);
            assertThat(rootSpan.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
            assertThat(rootSpan.getFlags()).isEqualTo(0x01 | HAS_IS_REMOTE);
            assertThat(rootSpan.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
            assertThat(childSpan.getTraceId()).isEqualTo(rootSpan.getTraceId());
            assertThat(childSpan.getParentSpanId()).isEqualTo(rootSpan.getSpanId());
            assertThat(childSpan.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(childSpan.getFlags()).isEqualTo(0x01 | HAS_IS_REMOTE);
            assertThat(childSpan.getEndTimeUnixNano() - childSpan.getStartTimeUnixNano()).isEqualTo(10);
        }
    }

    @ParameterizedTest(name = "copyMode={0}")
    @ValueSource(booleans = {false, true})
    void anUnsampledRemoteParentsChildIsNotSentByTheDefaultSampler(boolean copyMode) throws Exception {
        try (PooledSpanPipeline pipeline = pipeline(copyMode)) {
            SpanContext parent = SpanContext.createFromRemoteParent(SampleSpans.TRACE_ID_HEX,
                    SampleSpans.PARENT_SPAN_ID_HEX, TraceFlags.getDefault(), TraceState.getDefault());
            assertThat(pipeline.end(pipeline.startSpan("unsampled", SpanKind.SERVER, parent))).isFalse();
            assertThat(pipeline.flush()).isTrue();

            assertThat(pipeline.stats().notSampled()).isEqualTo(1);
            assertThat(pipeline.stats().batch().offered()).isZero();
            assertThat(bodies.poll(200, TimeUnit.MILLISECONDS)).as("no request").isNull();
        }
    }

    @ParameterizedTest(name = "copyMode={0}")
    @ValueSource(booleans = {false, true})
    void aRemoteParentsTraceStateAndRemoteBitArriveOnTheWire(boolean copyMode) throws Exception {
        try (PooledSpanPipeline pipeline = pipeline(copyMode)) {
            SpanData span = pipeline.startSpan("server", SpanKind.SERVER, "00-" + SampleSpans.TRACE_ID_HEX + "-"
                    + SampleSpans.PARENT_SPAN_ID_HEX + "-01", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
            span.addLink(1L, 2L, 3L, (byte) 1, true, "vendor=x");
            pipeline.end(span);
            assertThat(pipeline.flush()).isTrue();

            Span received = receive().getResourceSpans(0).getScopeSpans(0).getSpans(0);

            assertThat(received.getFlags()).isEqualTo(0x01 | HAS_IS_REMOTE | IS_REMOTE);
            assertThat(hex(received.getParentSpanId())).isEqualTo(SampleSpans.PARENT_SPAN_ID_HEX);
            assertThat(received.getTraceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
            assertThat(received.getLinks(0).getTraceState()).isEqualTo("vendor=x");
            assertThat(received.getLinks(0).getFlags()).isEqualTo(0x01 | HAS_IS_REMOTE | IS_REMOTE);
        }
    }

    private static void assertResource(Resource resource) {
        Map<String, AnyValue> attributes = toMap(resource.getAttributesList());
        assertThat(attributes.get("service.name").getStringValue()).isEqualTo("orders");
        assertThat(attributes.get("telemetry.sdk.name").getStringValue()).isEqualTo("opentelemetry");
        assertThat(attributes).hasSize(SampleSpans.RESOURCE.getAttributes().size());
        assertThat(resource.getDroppedAttributesCount()).isZero();
    }

    private static void assertFullSpan(Span span) {
        assertThat(hex(span.getTraceId())).isEqualTo(SampleSpans.TRACE_ID_HEX);
        assertThat(hex(span.getSpanId())).isEqualTo(SampleSpans.SPAN_ID_HEX);
        assertThat(hex(span.getParentSpanId())).isEqualTo(SampleSpans.PARENT_SPAN_ID_HEX);
        assertThat(span.getTraceState()).isEmpty();
        assertThat(span.getFlags()).isEqualTo(0x01 | HAS_IS_REMOTE | IS_REMOTE);
        assertThat(span.getName()).isEqualTo(SampleSpans.NAME);
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(SampleSpans.START);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(SampleSpans.END);
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getStatus().getMessage()).isEqualTo(SampleSpans.STATUS_DESCRIPTION);

        Map<String, AnyValue> attributes = toMap(span.getAttributesList());
        assertThat(attributes.keySet()).containsExactlyInAnyOrder("http.method", "http.status_code", "retry.ratio",
                "cache.hit", "tags", "sizes", "weights", "flags", "big.number");
        assertThat(attributes.get("http.method").getStringValue()).isEqualTo("GET");
        assertThat(attributes.get("http.status_code").getIntValue()).isEqualTo(504L);
        assertThat(attributes.get("retry.ratio").getDoubleValue()).isEqualTo(0.75);
        assertThat(attributes.get("cache.hit").hasBoolValue()).isTrue();
        assertThat(attributes.get("cache.hit").getBoolValue()).isFalse();
        assertThat(attributes.get("big.number").getIntValue()).isEqualTo(1_234_567_890_123L);
        assertThat(attributes.get("tags").getArrayValue().getValuesList())
                .extracting(AnyValue::getStringValue).containsExactly("alpha", "beta");
        assertThat(attributes.get("sizes").getArrayValue().getValuesList())
                .extracting(AnyValue::getIntValue).containsExactly(7L, 1L << 40, -3L);
        assertThat(attributes.get("weights").getArrayValue().getValuesList())
                .extracting(AnyValue::getDoubleValue).containsExactly(0.5, -1.25);
        assertThat(attributes.get("flags").getArrayValue().getValuesList())
                .extracting(AnyValue::getBoolValue).containsExactly(true, false, true);
        assertThat(span.getDroppedAttributesCount()).isEqualTo(1);

        assertThat(span.getEventsCount()).isEqualTo(2);
        Span.Event retry = span.getEvents(0);
        assertThat(retry.getName()).isEqualTo("retry");
        assertThat(retry.getTimeUnixNano()).isEqualTo(SampleSpans.EVENT_TIME);
        Map<String, AnyValue> retryAttributes = toMap(retry.getAttributesList());
        assertThat(retryAttributes).hasSize(2);
        assertThat(retryAttributes.get("attempt").getIntValue()).isEqualTo(2L);
        assertThat(retryAttributes.get("reason").getStringValue()).isEqualTo("timeout");
        assertThat(retry.getDroppedAttributesCount()).isEqualTo(1);
        Span.Event gaveUp = span.getEvents(1);
        assertThat(gaveUp.getName()).isEqualTo("gave up");
        assertThat(gaveUp.getTimeUnixNano()).isEqualTo(SampleSpans.EVENT_TIME + 1);
        assertThat(gaveUp.getAttributesCount()).isZero();
        assertThat(gaveUp.getDroppedAttributesCount()).isZero();
        assertThat(span.getDroppedEventsCount()).isEqualTo(1);

        assertThat(span.getLinksCount()).isEqualTo(1);
        Span.Link link = span.getLinks(0);
        assertThat(hex(link.getTraceId())).isEqualTo(SampleSpans.LINK_TRACE_ID_HEX);
        assertThat(hex(link.getSpanId())).isEqualTo(SampleSpans.LINK_SPAN_ID_HEX);
        assertThat(link.getTraceState()).isEmpty();
        assertThat(link.getFlags()).isEqualTo(0x01 | HAS_IS_REMOTE);
        Map<String, AnyValue> linkAttributes = toMap(link.getAttributesList());
        assertThat(linkAttributes).hasSize(2);
        assertThat(linkAttributes.get("link.kind").getStringValue()).isEqualTo("follows");
        assertThat(linkAttributes.get("link.weight").getDoubleValue()).isEqualTo(0.5);
        assertThat(link.getDroppedAttributesCount()).isEqualTo(1);
        assertThat(span.getDroppedLinksCount()).isEqualTo(1);
    }

    private static Map<String, AnyValue> toMap(List<KeyValue> keyValues) {
        Map<String, AnyValue> map = keyValues.stream()
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue, (a, b) -> {
                    throw new AssertionError("duplicate key");
                }, LinkedHashMap::new));
        assertThat(map).hasSameSizeAs(keyValues);
        return map;
    }

    private static String hex(ByteString bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes.toByteArray()) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }
}
