package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceRequestEncoderTest {

    private final TraceRequestEncoder encoder = new TraceRequestEncoder(
            OtlpResource.builder().serviceName("split").build(), "io.lowalloc.test", "1.0");
    private final ProtoBuffer out = new ProtoBuffer(0);

    private static List<SpanData> typicalSpans(int count) {
        List<SpanData> spans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spans.add(EncoderSpans.typical(SpanData.create(SpanLimits.defaults()), i));
        }
        return spans;
    }

    private static ExportTraceServiceRequest decode(ProtoBuffer buffer) throws Exception {
        return ExportTraceServiceRequest.parseFrom(Arrays.copyOf(buffer.array(), buffer.length()));
    }

    private static List<Span> spansOf(ExportTraceServiceRequest request) {
        assertThat(request.getResourceSpansCount()).isEqualTo(1);
        assertThat(request.getResourceSpans(0).getScopeSpansCount()).isEqualTo(1);
        return request.getResourceSpans(0).getScopeSpans(0).getSpansList();
    }

    private static long spanId(Span span) {
        return span.getSpanId().asReadOnlyByteBuffer().getLong();
    }

    @ParameterizedTest(name = "maxRequestBytes={0}")
    @ValueSource(ints = {600, 4_096, 20_000, 65_536})
    void splittingAtTheMaximumEncodesEverySpanOnceInRequestsThatFit(int maxRequestBytes) throws Exception {
        List<SpanData> batch = new ArrayList<>(typicalSpans(512));
        batch.addAll(EncoderSpans.everyField());
        List<Long> encodedIds = new ArrayList<>();
        int requests = 0;
        for (int from = 0; from < batch.size(); requests++) {
            int count = encoder.encode(batch, from, maxRequestBytes, out);

            assertThat(count).as("spans in request %d", requests).isPositive();
            List<Span> spans = spansOf(decode(out));
            assertThat(spans).hasSize(count);
            spans.forEach(s -> encodedIds.add(spanId(s)));
            if (count > 1) {
                assertThat(out.length()).as("request %d size", requests).isLessThanOrEqualTo(maxRequestBytes);
            }
            if (from + count < batch.size()) {
                // As far as fits: one more span would have made the request too large.
                ProtoBuffer oneMore = new ProtoBuffer(0);
                encoder.encode(batch.subList(from, from + count + 1), 0, Integer.MAX_VALUE, oneMore);
                assertThat(oneMore.length()).as("request %d with one more span", requests)
                        .isGreaterThan(maxRequestBytes);
            }
            from += count;
        }
        assertThat(encodedIds).containsExactlyElementsOf(batch.stream().map(SpanData::spanId).toList());
        assertThat(requests).as("requests").isGreaterThan(1);
    }

    @Test
    void defaultMaximumHoldsABatchOf512TypicalSpansInOneRequest() {
        List<SpanData> batch = typicalSpans(512);

        assertThat(encoder.encode(batch, 0, TraceRequestEncoder.DEFAULT_MAX_REQUEST_BYTES, out)).isEqualTo(512);
    }

    @Test
    void aSpanLargerThanTheMaximumIsEncodedAloneAndWhole() throws Exception {
        List<SpanData> batch = typicalSpans(3);

        for (int from = 0; from < 3; from++) {
            assertThat(encoder.encode(batch, from, 10, out)).isEqualTo(1);
            assertThat(out.length()).isGreaterThan(10);
            assertThat(spansOf(decode(out))).singleElement()
                    .satisfies(s -> assertThat(s.getAttributesCount()).isEqualTo(8));
        }
    }

    @Test
    void fromIndexAtTheEndEncodesNothing() {
        List<SpanData> batch = typicalSpans(2);
        encoder.encode(batch, 0, 1_000_000, out);

        assertThat(encoder.encode(batch, 2, 1_000_000, out)).isZero();
        assertThat(out.length()).isZero();
    }

    @Test
    void encodeDiscardsTheBufferContentAndReusesItsCapacity() throws Exception {
        List<SpanData> batch = typicalSpans(64);
        out.writeBytes(new byte[100], 0, 100);
        encoder.encode(batch, 0, Integer.MAX_VALUE, out);
        int length = out.length();
        byte[] array = out.array();

        encoder.encode(batch, 0, Integer.MAX_VALUE, out);

        assertThat(out.length()).isEqualTo(length);
        assertThat(out.array()).isSameAs(array);
        assertThat(spansOf(decode(out))).hasSize(64);
    }

    @Test
    void resourceAndScopeAreInEveryRequest() throws Exception {
        encoder.encode(typicalSpans(1), 0, Integer.MAX_VALUE, out);

        ExportTraceServiceRequest request = decode(out);
        assertThat(request.getResourceSpans(0).getResource().getAttributesList())
                .containsExactly(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("split")).build());
        ScopeSpans scopeSpans = request.getResourceSpans(0).getScopeSpans(0);
        assertThat(scopeSpans.getScope().getName()).isEqualTo("io.lowalloc.test");
        assertThat(scopeSpans.getScope().getVersion()).isEqualTo("1.0");
    }

    @Test
    void nullStringArrayElementBecomesAnEmptyAnyValue() throws Exception {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.setTraceId(1L, 2L).setSpanId(3L).put("with.null", new String[] {"a", null, "b"});
        span.end(1L);

        encoder.encode(List.of(span), 0, Integer.MAX_VALUE, out);

        List<AnyValue> values = spansOf(decode(out)).get(0).getAttributes(0).getValue().getArrayValue().getValuesList();
        assertThat(values).extracting(AnyValue::getValueCase).containsExactly(
                AnyValue.ValueCase.STRING_VALUE, AnyValue.ValueCase.VALUE_NOT_SET, AnyValue.ValueCase.STRING_VALUE);
    }

    @Test
    void traceStatesAreWrittenAsTheSpanCarriesThemAndLinkFlagsSayWhetherTheLinkIsRemote() throws Exception {
        // Not OpenTelemetry's canonical form (a space, an empty member): written unchanged all the same.
        String unusual = "b=2 ,,a=1";
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.setTraceId(1L, 2L).setSpanId(3L).setTraceState(unusual).setName("s");
        span.addLink(1L, 2L, 4L, (byte) 1, true, EncoderSpans.LINK_TRACE_STATE);
        span.addLink(1L, 2L, 5L, (byte) 0x81, false, "");
        span.end(10L);

        encoder.encode(List.of(span), 0, Integer.MAX_VALUE, out);

        Span encoded = spansOf(decode(out)).get(0);
        assertThat(encoded.getTraceState()).isEqualTo(unusual);
        assertThat(encoded.getLinks(0).getTraceState()).isEqualTo(EncoderSpans.LINK_TRACE_STATE);
        assertThat(encoded.getLinks(0).getFlags()).isEqualTo(0x301);
        assertThat(encoded.getLinks(1).getTraceState()).isEmpty();
        assertThat(encoded.getLinks(1).getFlags()).isEqualTo(0x181);
    }

    @Test
    void anEmptyTraceStateIsOmitted() {
        encoder.encode(List.of(spanWithTraceState("")), 0, Integer.MAX_VALUE, out);
        int withoutState = out.length();

        encoder.encode(List.of(spanWithTraceState("a=1")), 0, Integer.MAX_VALUE, out);

        // Tag, length and three bytes: nothing at all for "".
        assertThat(out.length() - withoutState).isEqualTo(1 + 1 + 3);
    }

    private static SpanData spanWithTraceState(String traceState) {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.setTraceId(1L, 2L).setSpanId(3L).setTraceState(traceState).setName("s");
        span.end(10L);
        return span;
    }

    @Test
    void aSpanThatChangesBetweenTheTwoPassesIsDetected() {
        SpanData small = EncoderSpans.typical(SpanData.create(SpanLimits.defaults()), 1);
        SpanData large = EncoderSpans.typical(SpanData.create(SpanLimits.defaults()), 4);
        // The size pass sees one span, the write pass another: as if the span changed in between.
        List<SpanData> shifting = new AbstractList<>() {
            private int reads;

            @Override
            public SpanData get(int index) {
                return reads++ == 0 ? small : large;
            }

            @Override
            public int size() {
                return 1;
            }
        };

        assertThatThrownBy(() -> encoder.encode(shifting, 0, Integer.MAX_VALUE, out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("span data changed while it was being encoded");
    }

    @Test
    void argumentsOutOfRangeAreRejected() {
        List<SpanData> batch = typicalSpans(2);

        assertThatThrownBy(() -> encoder.encode(batch, -1, 100, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fromIndex must be in [0, 2], was: -1");
        assertThatThrownBy(() -> encoder.encode(batch, 3, 100, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fromIndex must be in [0, 2], was: 3");
        assertThatThrownBy(() -> encoder.encode(batch, 0, 0, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRequestBytes must be > 0, was: 0");
        assertThatThrownBy(() -> encoder.encode(null, 0, 100, out))
                .isInstanceOf(NullPointerException.class).hasMessage("batch");
        assertThatThrownBy(() -> encoder.encode(batch, 0, 100, null))
                .isInstanceOf(NullPointerException.class).hasMessage("out");
        assertThatThrownBy(() -> new TraceRequestEncoder(null, "s", null))
                .isInstanceOf(NullPointerException.class).hasMessage("resource");
        assertThatThrownBy(() -> new TraceRequestEncoder(OtlpResource.empty(), null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("scopeName");
    }
}
