package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.export.MemoryMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Same bytes in meaning as OpenTelemetry's exporter": the same core spans are encoded by
 * {@link TraceRequestEncoder} and by OpenTelemetry's {@code OtlpHttpSpanExporter} (fed through the
 * bridge's views, captured on a loopback server), both are decoded with opentelemetry-proto, and
 * the two requests must be equal message for message. Run with both of the exporter's memory
 * modes, since each uses its own marshaler.
 */
class TraceRequestEncoderEqualityTest {

    private static final OtlpResource RESOURCE = OtlpResource.builder()
            .serviceName("checkout")
            .put("service.instance.id", EncoderSpans.NON_ASCII)
            .put("host.cpus", 8L)
            .put("sample.ratio", 0.25)
            .put("deployment.canary", false)
            .put("empty", "")
            .build();

    private static byte[] ours(OtlpResource resource, String name, String version, List<SpanData> spans) {
        TraceRequestEncoder encoder = new TraceRequestEncoder(resource, name, version);
        ProtoBuffer out = new ProtoBuffer(0);
        int count = encoder.encode(spans, 0, Integer.MAX_VALUE - 64, out);
        assertThat(count).isEqualTo(spans.size());
        return Arrays.copyOf(out.array(), out.length());
    }

    private static byte[] reference(OtlpResource resource, String name, String version, List<SpanData> spans,
            MemoryMode mode) throws Exception {
        try (ReferenceEncoding otel = new ReferenceEncoding(resource, name, version, mode)) {
            return otel.export(spans);
        }
    }

    private static void assertSameMeaning(OtlpResource resource, String name, String version, List<SpanData> spans,
            MemoryMode mode) throws Exception {
        ExportTraceServiceRequest reference =
                ExportTraceServiceRequest.parseFrom(reference(resource, name, version, spans, mode));
        ExportTraceServiceRequest ours = ExportTraceServiceRequest.parseFrom(ours(resource, name, version, spans));
        assertThat(reference.getResourceSpans(0).getScopeSpans(0).getSpansCount())
                .as("spans in the reference request").isEqualTo(spans.size());
        List<Span> referenceSpans = reference.getResourceSpans(0).getScopeSpans(0).getSpansList();
        List<Span> ourSpans = ours.getResourceSpans(0).getScopeSpans(0).getSpansList();
        // Span by span first, so a failure names the span that differs.
        for (int i = 0; i < spans.size(); i++) {
            assertThat(ourSpans.get(i)).as("span %d: %s", i, spans.get(i)).isEqualTo(referenceSpans.get(i));
        }
        assertThat(ours).isEqualTo(reference);
    }

    @ParameterizedTest
    @EnumSource(MemoryMode.class)
    void everyFieldEncodesAsOpenTelemetryEncodesIt(MemoryMode mode) throws Exception {
        assertSameMeaning(RESOURCE, "io.lowalloc.test", "1.2.3", EncoderSpans.everyField(), mode);
    }

    /**
     * Not the contract (that is equal meaning, above) but a fact at the OpenTelemetry version this
     * build pins: the bytes are identical too, field order and omitted defaults included. If an
     * OpenTelemetry upgrade breaks only this test, its encoding changed form, not meaning.
     */
    @ParameterizedTest
    @EnumSource(MemoryMode.class)
    void everyFieldEncodesToTheSameBytesAsOpenTelemetrysExporter(MemoryMode mode) throws Exception {
        List<SpanData> spans = EncoderSpans.everyField();

        assertThat(ours(RESOURCE, "io.lowalloc.test", "1.2.3", spans))
                .isEqualTo(reference(RESOURCE, "io.lowalloc.test", "1.2.3", spans, mode));
    }

    @ParameterizedTest
    @EnumSource(MemoryMode.class)
    void emptyResourceAndScopeWithoutVersionEncodeAsOpenTelemetryEncodesThem(MemoryMode mode) throws Exception {
        assertSameMeaning(OtlpResource.empty(), "", null, EncoderSpans.everyField().subList(0, 3), mode);
    }

    @ParameterizedTest
    @EnumSource(MemoryMode.class)
    void valuesOverTheLengthLimitAreCutAsTheBridgeCutsThem(MemoryMode mode) throws Exception {
        SpanLimits limits = SpanLimits.builder().maxAttributeValueLength(4).build();
        SpanData span = SpanData.create(limits);
        span.setTraceId(1L, 2L).setSpanId(3L).setName("a name longer than the limit is not cut");
        span.put("cut", "abcdefgh");
        span.put("pair.at.cut", "abc\uD83D\uDE00");
        span.put("pair.before.cut", "ab\uD83D\uDE00cd");
        span.put("short", "abc");
        span.put("strings", new String[] {"abcdefgh", "abc\uD83D\uDE00", "ab"});
        span.addEvent("event", 5L).put("cut", "0123456789");
        span.addLink(1L, 2L, 4L, (byte) 1).put("cut", "0123456789");
        span.end(10L);
        assertSameMeaning(RESOURCE, "io.lowalloc.test", "1.2.3", List.of(span), mode);
    }
}
