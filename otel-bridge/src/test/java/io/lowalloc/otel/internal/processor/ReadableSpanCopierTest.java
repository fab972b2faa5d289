package io.lowalloc.otel.internal.processor;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeType;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanState;
import io.lowalloc.otel.testing.FixedReadableSpan;
import io.lowalloc.otel.testing.LastEndedSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


class ReadableSpanCopierTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final ReadableSpanCopier copier = new ReadableSpanCopier();

    @Test
    void copiesEveryFieldOfAnSdkSpan() {
        SpanContext remoteParent = SpanContext.createFromRemoteParent(TRACE_ID, PARENT_ID, TraceFlags.getSampled(),
                TraceState.getDefault());
        SpanContext linked = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
                TraceFlags.getDefault(), TraceState.getDefault());
        ReadableSpan ended = endedSdkSpan(tracer -> {
            Span span = tracer.spanBuilder("GET /items").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(Span.wrap(remoteParent)))
                    .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
                    .addLink(linked, Attributes.of(AttributeKey.longKey("link.n"), 3L))
                    .startSpan();
            span.setAttribute("s", "v");
            span.setAttribute("l", 5_000_000_000L);
            span.setAttribute("d", 0.25);
            span.setAttribute("b", true);
            span.setAttribute(AttributeKey.stringArrayKey("sa"), List.of("x", "y"));
            span.setAttribute(AttributeKey.longArrayKey("la"), List.of(1L, 2L));
            span.setAttribute(AttributeKey.doubleArrayKey("da"), List.of(1.5));
            span.setAttribute(AttributeKey.booleanArrayKey("ba"), List.of(false, true));
            span.addEvent("cache miss", Attributes.of(AttributeKey.stringKey("key"), "k1"), T0 + 5, TimeUnit.NANOSECONDS);
            span.setStatus(StatusCode.ERROR, "timeout");
            span.end(T0 + 42, TimeUnit.NANOSECONDS);
        });
        SpanData target = SpanData.create(SpanLimits.defaults());

        Resource resource = copier.copy(ended, target);

        assertThat(resource).isEqualTo(Resource.getDefault());
        assertThat(target.state()).isEqualTo(SpanState.ENDED);
        assertThat(target.traceIdHigh()).isEqualTo(HexIds.parseLong16(TRACE_ID, 0));
        assertThat(target.traceIdLow()).isEqualTo(HexIds.parseLong16(TRACE_ID, 16));
        assertThat(target.spanId()).isEqualTo(HexIds.parseLong16(ended.getSpanContext().getSpanId(), 0));
        assertThat(target.parentSpanId()).isEqualTo(HexIds.parseLong16(PARENT_ID, 0));
        assertThat(target.isParentRemote()).isTrue();
        assertThat(target.isSampled()).isTrue();
        assertThat(target.name()).isEqualTo("GET /items");
        assertThat(target.kind()).isEqualTo(io.lowalloc.core.span.SpanKind.CLIENT);
        assertThat(target.startEpochNanos()).isEqualTo(T0);
        assertThat(target.endEpochNanos()).isEqualTo(T0 + 42);
        assertThat(target.statusCode()).isEqualTo(io.lowalloc.core.span.StatusCode.ERROR);
        assertThat(target.statusDescription()).isEqualTo("timeout");
        assertThat(target.attachment()).isEqualTo(InstrumentationScopeInfo.create("copier-test"));

        AttributeReader attributes = target.attributes();
        assertThat(attributes.size()).isEqualTo(8);
        assertThat(attributes.stringValue(attributes.indexOf("s"))).isEqualTo("v");
        assertThat(attributes.longValue(attributes.indexOf("l"))).isEqualTo(5_000_000_000L);
        assertThat(attributes.doubleValue(attributes.indexOf("d"))).isEqualTo(0.25);
        assertThat(attributes.booleanValue(attributes.indexOf("b"))).isTrue();
        assertThat((String[]) attributes.arrayValue(attributes.indexOf("sa"))).containsExactly("x", "y");
        assertThat((long[]) attributes.arrayValue(attributes.indexOf("la"))).containsExactly(1L, 2L);
        assertThat((double[]) attributes.arrayValue(attributes.indexOf("da"))).containsExactly(1.5);
        assertThat((boolean[]) attributes.arrayValue(attributes.indexOf("ba"))).containsExactly(false, true);
        assertThat(target.droppedAttributeCount()).isZero();

        assertThat(target.eventCount()).isEqualTo(1);
        assertThat(target.event(0).name()).isEqualTo("cache miss");
        assertThat(target.event(0).epochNanos()).isEqualTo(T0 + 5);
        assertThat(target.event(0).attributes().stringValue(0)).isEqualTo("k1");
        assertThat(target.linkCount()).isEqualTo(1);
        assertThat(target.link(0).traceIdHigh()).isEqualTo(0x0123456789abcdefL);
        assertThat(target.link(0).spanId()).isEqualTo(0x0123456789abcdefL);
        assertThat(target.link(0).isSampled()).isFalse();
        assertThat(target.link(0).attributes().longValue(0)).isEqualTo(3L);
    }

    @Test
    void aRootSpanHasNoParent() {
        ReadableSpan ended = endedSdkSpan(tracer -> tracer.spanBuilder("root").startSpan().end());
        SpanData target = SpanData.create(SpanLimits.defaults());

        copier.copy(ended, target);

        assertThat(target.hasParent()).isFalse();
        assertThat(target.statusCode()).isEqualTo(io.lowalloc.core.span.StatusCode.UNSET);
        assertThat(target.attributes().size()).isZero();
    }

    @Test
    void mapsEveryKindAndStatusCode() {
        for (SpanKind kind : SpanKind.values()) {
            assertThat(ReadableSpanCopier.kind(kind).name()).isEqualTo(kind.name());
        }
        for (StatusCode code : StatusCode.values()) {
            assertThat(ReadableSpanCopier.statusCode(code).name()).isEqualTo(code.name());
        }
    }

    @Test
    void nullArrayElementsBecomeNullFalseOrZeroAndStructuredValuesTheirString() {
        Value<?> structured = Value.of(Value.of("a"), Value.of(1L));
        Attributes attributes = Attributes.builder()
                .put(AttributeKey.stringArrayKey("sa"), Arrays.asList("a", null))
                .put(AttributeKey.longArrayKey("la"), Arrays.asList(7L, null))
                .put(AttributeKey.doubleArrayKey("da"), Arrays.asList(null, 2.0))
                .put(AttributeKey.booleanArrayKey("ba"), Arrays.asList(true, null))
                .put(AttributeKey.valueKey("v"), structured)
                .build();
        SpanData target = SpanData.create(SpanLimits.defaults());

        copier.copy(readable(data(attributes, attributes.size(), List.of(), 0, List.of(), 0)), target);

        AttributeReader copied = target.attributes();
        assertThat((String[]) copied.arrayValue(copied.indexOf("sa"))).containsExactly("a", null);
        assertThat((long[]) copied.arrayValue(copied.indexOf("la"))).containsExactly(7L, 0L);
        assertThat((double[]) copied.arrayValue(copied.indexOf("da"))).containsExactly(0.0, 2.0);
        assertThat((boolean[]) copied.arrayValue(copied.indexOf("ba"))).containsExactly(true, false);
        assertThat(copied.type(copied.indexOf("v"))).isEqualTo(AttributeType.STRING);
        assertThat(copied.stringValue(copied.indexOf("v"))).isEqualTo(structured.asString());
    }

    @Test
    void droppedCountsAreReplayedIntoAFullCoreStore() {
        SpanLimits tight = SpanLimits.builder()
                .attributeInitialCapacity(2).attributeLimit(2)
                .preallocatedEvents(1).eventLimit(1)
                .eventAttributeInitialCapacity(1).eventAttributeLimit(1)
                .preallocatedLinks(1).linkLimit(1)
                .linkAttributeInitialCapacity(1).linkAttributeLimit(1)
                .build();
        SpanData target = SpanData.create(tight);

        copier.copy(readable(overLimitData()), target);

        assertThat(target.attributes().size()).isEqualTo(2);
        assertThat(target.droppedAttributeCount()).as("total 5, 2 kept").isEqualTo(3);
        assertThat(target.attributes().indexOf(ReadableSpanCopier.DROP_REPLAY_KEY)).isNegative();
        assertThat(target.eventCount()).isEqualTo(1);
        assertThat(target.droppedEventCount()).as("total 4, 1 kept").isEqualTo(3);
        assertThat(target.event(0).droppedAttributeCount()).as("total 6, 1 kept").isEqualTo(5);
        assertThat(target.linkCount()).isEqualTo(1);
        assertThat(target.droppedLinkCount()).as("total 3, 1 kept").isEqualTo(2);
        assertThat(target.link(0).droppedAttributeCount()).as("total 2, 1 kept").isEqualTo(1);
    }

    @Test
    void droppedCountsAreLostWhenTheCoreLimitIsAboveTheSdks() {
        SpanData target = SpanData.create(SpanLimits.defaults());

        copier.copy(readable(overLimitData()), target);

        assertThat(target.attributes().size()).isEqualTo(2);
        assertThat(target.droppedAttributeCount()).isZero();
        assertThat(target.eventCount()).isEqualTo(1);
        assertThat(target.droppedEventCount()).isZero();
        assertThat(target.droppedLinkCount()).isZero();
    }

    @Test
    void copyingAnSdkSpanAllocatesAtMostTheSnapshotWrapper() {
        ReadableSpan ended = endedSdkSpan(tracer -> {
            Span span = tracer.spanBuilder("eight attributes").startSpan();
            for (int i = 0; i < 4; i++) {
                span.setAttribute("string." + i, "value " + i);
                span.setAttribute("long." + i, 1_000_000L + i);
            }
            span.end();
        });

        double bytes = copyBytesPerSpan(ended);

        // toSpanData() makes one 64-byte wrapper; C2's escape analysis usually removes it.
        assertThat(bytes).isLessThanOrEqualTo(64.0);
    }

    @Test
    void eachArrayAttributeCostsOneArray() {
        ReadableSpan ended = endedSdkSpan(tracer -> tracer.spanBuilder("array").startSpan()
                .setAttribute(AttributeKey.longArrayKey("la"), List.of(1L, 2L, 3L, 4L))
                .end());

        double bytes = copyBytesPerSpan(ended);

        // A long[4] is 16 + 32 bytes: the meter sees it, on top of at most the 64-byte wrapper.
        assertThat(bytes).isBetween(48.0, 48.0 + 64.0);
    }

    /** Bytes allocated per acquire, copy and release of a pooled span, warm. */
    private double copyBytesPerSpan(ReadableSpan ended) {
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanLimits.defaults());
        ReadableSpanCopier reusable = copier;
        LongUnaryOperator op = i -> {
            SpanData target = pool.acquire();
            reusable.copy(ended, target);
            long result = target.startEpochNanos();
            pool.release(target);
            return result;
        };
        // A long warm-up: copy() must reach its C2 compilation, where the wrapper is scalar-replaced.
        return AllocationMeter.create().bytesPerOp(200_000, 20_000, op);
    }

    // ------------------------------------------------------------------ helpers

    private static ReadableSpan endedSdkSpan(Consumer<io.opentelemetry.api.trace.Tracer> body) {
        LastEndedSpanProcessor capture = new LastEndedSpanProcessor();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(capture).build();
        body.accept(provider.get("copier-test"));
        provider.shutdown().join(10, TimeUnit.SECONDS);
        ReadableSpan ended = capture.last();
        assertThat(ended).as("the span ended").isNotNull();
        return ended;
    }

    private static ReadableSpan readable(io.opentelemetry.sdk.trace.data.SpanData data) {
        return new FixedReadableSpan(data);
    }

    /** SDK data that says it dropped attributes, events, links and their attributes. */
    private static io.opentelemetry.sdk.trace.data.SpanData overLimitData() {
        Attributes two = Attributes.of(AttributeKey.stringKey("a"), "1", AttributeKey.stringKey("b"), "2");
        Attributes one = Attributes.of(AttributeKey.stringKey("x"), "1");
        List<EventData> events = List.of(EventData.create(T0, "kept", one, 6));
        List<LinkData> links = List.of(LinkData.create(SpanContext.create(TRACE_ID, PARENT_ID, TraceFlags.getSampled(),
                TraceState.getDefault()), one, 2));
        return data(two, 5, events, 4, links, 3);
    }

    private static io.opentelemetry.sdk.trace.data.SpanData data(Attributes attributes, int totalAttributes,
            List<EventData> events, int totalEvents, List<LinkData> links, int totalLinks) {
        return TestSpanData.builder()
                .setSpanContext(SpanContext.create(TRACE_ID, "1111111111111111", TraceFlags.getSampled(),
                        TraceState.getDefault()))
                .setName("data")
                .setKind(SpanKind.INTERNAL)
                .setStartEpochNanos(T0)
                .setEndEpochNanos(T0 + 1)
                .setStatus(StatusData.ok())
                .setHasEnded(true)
                .setAttributes(attributes)
                .setTotalAttributeCount(totalAttributes)
                .setEvents(events)
                .setTotalRecordedEvents(totalEvents)
                .setLinks(links)
                .setTotalRecordedLinks(totalLinks)
                .build();
    }
}
