package io.lowalloc.otel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanLink;
import io.lowalloc.core.span.StatusCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Arrays;
import java.util.List;

/**
 * A core span with every field set — every attribute type, an event and a link with attributes,
 * an error status, a remote parent — and one drop of each kind (attributes, events, links, event
 * attributes, link attributes), plus the assertions that an OpenTelemetry {@code SpanData} shows
 * exactly that span. The constants are its field values, for tests that check one of them.
 */
public final class SampleSpans {

    // W3C Trace Context example ids.
    public static final long TRACE_ID_HIGH = 0x4bf92f3577b34da6L;
    public static final long TRACE_ID_LOW = 0xa3ce929d0e0e4736L;
    public static final String TRACE_ID_HEX = "4bf92f3577b34da6a3ce929d0e0e4736";
    public static final long SPAN_ID = 0x00f067aa0ba902b7L;
    public static final String SPAN_ID_HEX = "00f067aa0ba902b7";
    public static final long PARENT_SPAN_ID = 0x53995c3f42cd8ad8L;
    public static final String PARENT_SPAN_ID_HEX = "53995c3f42cd8ad8";
    public static final String LINK_TRACE_ID_HEX = "0102030405060708090a0b0c0d0e0f10";
    public static final String LINK_SPAN_ID_HEX = "fedcba9876543210";

    public static final String NAME = "GET /orders/{id}";
    public static final long START = 1_700_000_000_123_456_789L;
    public static final long END = START + 2_500_000L;
    public static final long EVENT_TIME = START + 1_000L;
    public static final String STATUS_DESCRIPTION = "upstream timed out";

    private static final long LINK_TRACE_ID_HIGH = 0x0102030405060708L;
    private static final long LINK_TRACE_ID_LOW = 0x090a0b0c0d0e0f10L;
    private static final long LINK_SPAN_ID = 0xfedcba9876543210L;
    private static final String[] STRINGS = {"alpha", "beta"};
    private static final long[] LONGS = {7L, 1L << 40, -3L};
    private static final double[] DOUBLES = {0.5, -1.25};
    private static final boolean[] BOOLEANS = {true, false, true};

    /** Limits that force one drop of each kind in {@link #fill}. */
    public static final SpanLimits LIMITS = SpanLimits.builder()
            .attributeInitialCapacity(4)
            .attributeLimit(9)
            .eventLimit(2)
            .preallocatedEvents(2)
            .eventAttributeInitialCapacity(2)
            .eventAttributeLimit(2)
            .linkLimit(1)
            .preallocatedLinks(1)
            .linkAttributeInitialCapacity(2)
            .linkAttributeLimit(2)
            .build();

    public static final Resource RESOURCE = Resource.getDefault().merge(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders")));
    public static final InstrumentationScopeInfo SCOPE =
            InstrumentationScopeInfo.builder("io.lowalloc.test").setVersion("1.2.3").build();

    private SampleSpans() {
    }

    /** A new unpooled span filled by {@link #fill}, then ended. */
    public static SpanData full() {
        SpanData span = SpanData.create(LIMITS);
        fill(span);
        span.end(END);
        return span;
    }

    /** Sets every field of an acquired span (not its end). */
    public static void fill(SpanData span) {
        span.setTraceId(TRACE_ID_HIGH, TRACE_ID_LOW)
                .setSpanId(SPAN_ID)
                .setParent(PARENT_SPAN_ID, true)
                .setTraceFlags((byte) 0x01)
                .setName(NAME)
                .setKind(SpanKind.SERVER)
                .setStartEpochNanos(START)
                .setStatus(StatusCode.ERROR, STATUS_DESCRIPTION);
        span.put("http.method", "GET");
        span.put("http.status_code", 504L);
        span.put("retry.ratio", 0.75);
        span.put("cache.hit", false);
        span.put("tags", STRINGS);
        span.put("sizes", LONGS);
        span.put("weights", DOUBLES);
        span.put("flags", BOOLEANS);
        span.put("big.number", 1_234_567_890_123L);
        span.put("dropped.attribute", "over the limit of 9");

        SpanEvent retry = span.addEvent("retry", EVENT_TIME);
        retry.put("attempt", 2L);
        retry.put("reason", "timeout");
        retry.put("dropped", true);
        span.addEvent("gave up", EVENT_TIME + 1);
        span.addEvent("dropped event", EVENT_TIME + 2);

        SpanLink link = span.addLink(LINK_TRACE_ID_HIGH, LINK_TRACE_ID_LOW, LINK_SPAN_ID, (byte) 0x01);
        link.put("link.kind", "follows");
        link.put("link.weight", 0.5);
        link.put("dropped", 1L);
        span.addLink(1L, 2L, 3L, (byte) 0);
    }

    /** Asserts that {@code data} shows exactly the span made by {@link #full()}. */
    public static void assertFull(io.opentelemetry.sdk.trace.data.SpanData data, Resource resource,
            InstrumentationScopeInfo scope) {
        assertThat(data.getName()).isEqualTo(NAME);
        assertThat(data.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.SERVER);
        assertThat(data.getTraceId()).isEqualTo(TRACE_ID_HEX);
        assertThat(data.getSpanId()).isEqualTo(SPAN_ID_HEX);
        assertContext(data.getSpanContext(), TRACE_ID_HEX, SPAN_ID_HEX, TraceFlags.getSampled(), false);
        assertThat(data.getParentSpanId()).isEqualTo(PARENT_SPAN_ID_HEX);
        assertContext(data.getParentSpanContext(), TRACE_ID_HEX, PARENT_SPAN_ID_HEX, TraceFlags.getSampled(), true);
        assertThat(data.getStartEpochNanos()).isEqualTo(START);
        assertThat(data.getEndEpochNanos()).isEqualTo(END);
        assertThat(data.hasEnded()).isTrue();
        assertThat(data.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(data.getStatus().getDescription()).isEqualTo(STATUS_DESCRIPTION);

        assertThat(data.getAttributes().asMap()).isEqualTo(expectedAttributes().asMap());
        assertThat(data.getAttributes().size()).isEqualTo(9);
        assertThat(data.getTotalAttributeCount()).isEqualTo(10);

        List<EventData> events = data.getEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getName()).isEqualTo("retry");
        assertThat(events.get(0).getEpochNanos()).isEqualTo(EVENT_TIME);
        assertThat(events.get(0).getAttributes().asMap()).isEqualTo(Attributes.of(
                AttributeKey.longKey("attempt"), 2L, AttributeKey.stringKey("reason"), "timeout").asMap());
        assertThat(events.get(0).getTotalAttributeCount()).isEqualTo(3);
        assertThat(events.get(0).getDroppedAttributesCount()).isEqualTo(1);
        assertThat(events.get(1).getName()).isEqualTo("gave up");
        assertThat(events.get(1).getEpochNanos()).isEqualTo(EVENT_TIME + 1);
        assertThat(events.get(1).getAttributes().isEmpty()).isTrue();
        assertThat(events.get(1).getTotalAttributeCount()).isZero();
        assertThat(data.getTotalRecordedEvents()).isEqualTo(3);

        List<LinkData> links = data.getLinks();
        assertThat(links).hasSize(1);
        assertContext(links.get(0).getSpanContext(), LINK_TRACE_ID_HEX, LINK_SPAN_ID_HEX, TraceFlags.getSampled(),
                false);
        assertThat(links.get(0).getAttributes().asMap()).isEqualTo(Attributes.of(
                AttributeKey.stringKey("link.kind"), "follows", AttributeKey.doubleKey("link.weight"), 0.5).asMap());
        assertThat(links.get(0).getTotalAttributeCount()).isEqualTo(3);
        assertThat(data.getTotalRecordedLinks()).isEqualTo(2);

        assertThat(data.getResource()).isSameAs(resource);
        assertThat(data.getInstrumentationScopeInfo()).isEqualTo(scope);
    }

    private static void assertContext(SpanContext context, String traceId, String spanId, TraceFlags flags, boolean remote) {
        assertThat(context.getTraceId()).isEqualTo(traceId);
        assertThat(context.getSpanId()).isEqualTo(spanId);
        assertThat(context.getTraceFlags()).isEqualTo(flags);
        assertThat(context.isSampled()).isEqualTo(flags.isSampled());
        assertThat(context.getTraceState()).isEqualTo(TraceState.getDefault());
        assertThat(context.isRemote()).isEqualTo(remote);
        assertThat(context.isValid()).isTrue();
    }

    /** The span attributes of {@link #full()}, in the SDK's immutable form. */
    public static Attributes expectedAttributes() {
        return Attributes.builder()
                .put("http.method", "GET")
                .put("http.status_code", 504L)
                .put("retry.ratio", 0.75)
                .put("cache.hit", false)
                .put(AttributeKey.stringArrayKey("tags"), Arrays.asList("alpha", "beta"))
                .put(AttributeKey.longArrayKey("sizes"), Arrays.asList(7L, 1L << 40, -3L))
                .put(AttributeKey.doubleArrayKey("weights"), Arrays.asList(0.5, -1.25))
                .put(AttributeKey.booleanArrayKey("flags"), Arrays.asList(true, false, true))
                .put("big.number", 1_234_567_890_123L)
                .build();
    }

    /** The status a {@code SpanData} of {@link #full()} must report, as the SDK would make it. */
    public static StatusData expectedStatus() {
        return StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, STATUS_DESCRIPTION);
    }
}
