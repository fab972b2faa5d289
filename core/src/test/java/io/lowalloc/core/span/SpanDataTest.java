package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * SpanData values, lifecycle, limits and reset, without a pool: {@code onAcquire()} and
 * {@code reset()} are called directly, as the pool would.
 */
class SpanDataTest {

    private static final SpanLimits SMALL = SpanLimits.builder()
            .attributeInitialCapacity(1).attributeLimit(3)
            .eventLimit(2).preallocatedEvents(1).eventAttributeInitialCapacity(1).eventAttributeLimit(2)
            .linkLimit(2).preallocatedLinks(0).linkAttributeInitialCapacity(0).linkAttributeLimit(1)
            .build();

    // ------------------------------------------------------------------ creation

    @Test
    void createReturnsAnAcquiredSpanWithInitialValues() {
        SpanData span = SpanData.create(SpanLimits.defaults());

        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(span.limits()).isSameAs(SpanLimits.defaults());
        assertInitialValues(span);
    }

    @Test
    void createRejectsNullLimits() {
        assertThatThrownBy(() -> SpanData.create(null)).isInstanceOf(NullPointerException.class).hasMessage("limits");
    }

    @Test
    void spanMadeByThePoolFactoryStartsFree() {
        SpanData span = new SpanData(SMALL);

        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertInitialValues(span);
        assertThatThrownBy(() -> span.setName("x"))
                .isInstanceOf(IllegalStateException.class).hasMessage("span is free (released to its pool)");
    }

    @Test
    void newPoolRejectsNonPositiveCapacity() {
        assertThatThrownBy(() -> SpanData.newPool(0, SpanLimits.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be > 0, was: 0");
        assertThatThrownBy(() -> SpanData.newPool(-3, SpanLimits.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be > 0, was: -3");
    }

    @Test
    void newPoolRejectsNullLimits() {
        assertThatThrownBy(() -> SpanData.newPool(8, null))
                .isInstanceOf(NullPointerException.class).hasMessage("limits");
    }

    @Test
    void poolSlotIsOneInstanceForTheSpansLifetime() {
        SpanData span = SpanData.create(SMALL);
        Object slot = span.poolSlot();

        span.end(1L);
        span.reset();

        assertThat(slot).isNotNull();
        assertThat(span.poolSlot()).isSameAs(slot);
    }

    // ------------------------------------------------------------------ setters and reads

    @Test
    void settersStoreEveryValueAndReturnTheSpan() {
        SpanData span = SpanData.create(SpanLimits.defaults());

        assertThat(span.setTraceId(0x1234L, 0x5678L)).isSameAs(span);
        assertThat(span.setSpanId(42L)).isSameAs(span);
        assertThat(span.setParent(7L, true)).isSameAs(span);
        assertThat(span.setTraceFlags((byte) 0x03)).isSameAs(span);
        assertThat(span.setName("GET /")).isSameAs(span);
        assertThat(span.setKind(SpanKind.SERVER)).isSameAs(span);
        assertThat(span.setStartEpochNanos(1_000L)).isSameAs(span);
        assertThat(span.setStatus(StatusCode.ERROR, "boom")).isSameAs(span);

        assertThat(span.traceIdHigh()).isEqualTo(0x1234L);
        assertThat(span.traceIdLow()).isEqualTo(0x5678L);
        assertThat(span.spanId()).isEqualTo(42L);
        assertThat(span.parentSpanId()).isEqualTo(7L);
        assertThat(span.hasParent()).isTrue();
        assertThat(span.isParentRemote()).isTrue();
        assertThat(span.traceFlags()).isEqualTo((byte) 0x03);
        assertThat(span.isSampled()).isTrue();
        assertThat(span.name()).isEqualTo("GET /");
        assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.startEpochNanos()).isEqualTo(1_000L);
        assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.statusDescription()).isEqualTo("boom");
    }

    @Test
    void everyKindCanBeSet() {
        SpanData span = SpanData.create(SMALL);
        for (SpanKind kind : SpanKind.values()) {
            span.setKind(kind);
            assertThat(span.kind()).isEqualTo(kind);
        }
        assertThat(SpanKind.values()).containsExactly(
                SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER);
    }

    @Test
    void setSampledTogglesOnlyBitZero() {
        SpanData span = SpanData.create(SMALL).setTraceFlags((byte) 0x82);

        span.setSampled(true);
        assertThat(span.traceFlags()).isEqualTo((byte) 0x83);
        assertThat(span.isSampled()).isTrue();

        span.setSampled(false);
        assertThat(span.traceFlags()).isEqualTo((byte) 0x82);
        assertThat(span.isSampled()).isFalse();
    }

    @Test
    void rootSpanHasNoParent() {
        SpanData span = SpanData.create(SMALL).setParent(5L, false);
        assertThat(span.hasParent()).isTrue();
        assertThat(span.isParentRemote()).isFalse();

        span.setParent(0L, false);

        assertThat(span.hasParent()).isFalse();
    }

    @Test
    void nullArgumentsThrowNpeNamingThem() {
        SpanData span = SpanData.create(SMALL);

        assertThatThrownBy(() -> span.setName(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> span.setKind(null)).isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> span.setStatus(null)).isInstanceOf(NullPointerException.class).hasMessage("code");
        assertThatThrownBy(() -> span.setStatus(null, "d"))
                .isInstanceOf(NullPointerException.class).hasMessage("code");
        assertThatThrownBy(() -> span.setStatus(StatusCode.ERROR, null))
                .isInstanceOf(NullPointerException.class).hasMessage("description");
        assertThatThrownBy(() -> span.addEvent(null, 1L))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThat(span.name()).isEmpty();
        assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.eventCount()).isZero();
    }

    @Test
    void negativeTimestampsAreRejectedNamingTheArgument() {
        SpanData span = SpanData.create(SMALL);

        assertThatThrownBy(() -> span.setStartEpochNanos(-1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("startEpochNanos must be >= 0, was: -1");
        assertThatThrownBy(() -> span.end(-2L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("endEpochNanos must be >= 0, was: -2");
        assertThatThrownBy(() -> span.addEvent("e", -3L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("epochNanos must be >= 0, was: -3");
        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(span.eventCount()).isZero();
    }

    @Test
    void endRecordsTheEndTime() {
        SpanData span = SpanData.create(SMALL).setStartEpochNanos(100L);

        span.end(250L);

        assertThat(span.endEpochNanos()).isEqualTo(250L);
        assertThat(span.startEpochNanos()).isEqualTo(100L);
    }

    @Test
    void endBeforeStartIsClampedToTheStart() {
        SpanData span = SpanData.create(SMALL).setStartEpochNanos(1_000L);

        span.end(999L);

        assertThat(span.state()).isEqualTo(SpanState.ENDED);
        assertThat(span.endEpochNanos()).isEqualTo(1_000L);
    }

    // ------------------------------------------------------------------ status rules

    @Test
    void unsetStatusIsIgnored() {
        SpanData span = SpanData.create(SMALL).setStatus(StatusCode.ERROR, "boom");

        span.setStatus(StatusCode.UNSET);

        assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.statusDescription()).isEqualTo("boom");
    }

    @Test
    void errorStatusKeepsTheLatestDescription() {
        SpanData span = SpanData.create(SMALL).setStatus(StatusCode.ERROR, "first");

        span.setStatus(StatusCode.ERROR, "second");

        assertThat(span.statusDescription()).isEqualTo("second");
        span.setStatus(StatusCode.ERROR);
        assertThat(span.statusDescription()).isEmpty();
    }

    @Test
    void okOverridesErrorDropsTheDescriptionAndIsFinal() {
        SpanData span = SpanData.create(SMALL).setStatus(StatusCode.ERROR, "boom");

        span.setStatus(StatusCode.OK, "ignored description");
        assertThat(span.statusCode()).isEqualTo(StatusCode.OK);
        assertThat(span.statusDescription()).isEmpty();

        span.setStatus(StatusCode.ERROR, "too late");
        assertThat(span.statusCode()).isEqualTo(StatusCode.OK);
        assertThat(span.statusDescription()).isEmpty();
        assertThat(StatusCode.values()).containsExactly(StatusCode.UNSET, StatusCode.OK, StatusCode.ERROR);
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void fullLifecycleMovesThroughEveryState() {
        SpanData span = new SpanData(SMALL);
        assertThat(span.state()).isEqualTo(SpanState.FREE);

        span.onAcquire();
        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        span.end(1L);
        assertThat(span.state()).isEqualTo(SpanState.ENDED);
        span.markSubmitted();
        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
        span.reset();
        assertThat(span.state()).isEqualTo(SpanState.FREE);
        span.onAcquire();
        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(SpanState.values()).containsExactly(
                SpanState.FREE, SpanState.ACQUIRED, SpanState.ENDED, SpanState.SUBMITTED);
    }

    @Test
    void resetWorksFromEveryState() {
        SpanData acquired = SpanData.create(SMALL);
        SpanData ended = SpanData.create(SMALL);
        ended.end(1L);
        SpanData submitted = SpanData.create(SMALL);
        submitted.end(1L);
        submitted.markSubmitted();
        SpanData free = new SpanData(SMALL);

        for (SpanData span : new SpanData[] {acquired, ended, submitted, free}) {
            span.reset();
            assertThat(span.state()).isEqualTo(SpanState.FREE);
        }
    }

    @Test
    void onAcquireWhenNotFreeThrowsNamingTheState() {
        SpanData span = SpanData.create(SMALL);
        assertThatThrownBy(span::onAcquire)
                .isInstanceOf(IllegalStateException.class).hasMessage("span already acquired");
        span.end(1L);
        assertThatThrownBy(span::onAcquire)
                .isInstanceOf(IllegalStateException.class).hasMessage("span already ended");
        span.markSubmitted();
        assertThatThrownBy(span::onAcquire)
                .isInstanceOf(IllegalStateException.class).hasMessage("span already submitted");
        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
    }

    @Test
    void markSubmittedOnlyFromEnded() {
        SpanData span = new SpanData(SMALL);
        assertThatThrownBy(span::markSubmitted)
                .isInstanceOf(IllegalStateException.class).hasMessage("span is free (released to its pool)");
        span.onAcquire();
        assertThatThrownBy(span::markSubmitted)
                .isInstanceOf(IllegalStateException.class).hasMessage("span not ended yet");
        span.end(1L);
        span.markSubmitted();
        assertThatThrownBy(span::markSubmitted)
                .isInstanceOf(IllegalStateException.class).hasMessage("span already submitted");
        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
    }

    @Test
    void endTwiceThrowsAndKeepsTheFirstEndTime() {
        SpanData span = SpanData.create(SMALL);
        span.end(5L);

        assertThatThrownBy(() -> span.end(9L))
                .isInstanceOf(IllegalStateException.class).hasMessage("span already ended");
        assertThat(span.endEpochNanos()).isEqualTo(5L);
    }

    @Test
    void readsWorkInEveryState() {
        SpanData span = SpanData.create(SMALL).setName("op").setSpanId(9L);
        span.put("k", 1L);
        span.addEvent("e", 2L);
        span.end(3L);
        assertThat(span.name()).isEqualTo("op");
        span.markSubmitted();

        assertThat(span.spanId()).isEqualTo(9L);
        assertThat(span.attributes().longValue(0)).isEqualTo(1L);
        assertThat(span.event(0).name()).isEqualTo("e");
        assertThat(span.endEpochNanos()).isEqualTo(3L);
    }

    // ------------------------------------------------------------------ attributes

    @Test
    void attributesAreReadableThroughTheReader() {
        SpanData span = SpanData.create(SMALL);
        span.put("http.method", "GET");
        span.put("http.status_code", 200L);

        assertThat(span.attributes().size()).isEqualTo(2);
        assertThat(span.attributes().indexOf("http.status_code")).isEqualTo(1);
        assertThat(span.attributes().stringValue(0)).isEqualTo("GET");
    }

    @Test
    void attributesOfSpanEventAndLinkAreReadOnly() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.put("k", "v");
        SpanEvent event = span.addEvent("e", 1L);
        SpanLink link = span.addLink(1L, 2L, 3L, (byte) 1);

        for (AttributeReader reader : new AttributeReader[] {span.attributes(), event.attributes(), link.attributes()}) {
            assertThat(reader).isNotInstanceOf(AttributeSink.class).isNotInstanceOf(AttributeStore.class);
            // No public method beyond the reader's: nothing to write through by reflection either.
            for (Method m : reader.getClass().getMethods()) {
                assertThat(declares(AttributeReader.class, m) || declares(Object.class, m))
                        .as("%s is neither a reader nor an Object method", m).isTrue();
            }
        }
        assertThat(span.attributes().stringValue(0)).isEqualTo("v");
        assertThat(span.attributes()).as("one read-only object per span").isSameAs(span.attributes());
    }

    private static boolean declares(Class<?> type, Method m) {
        try {
            type.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void attributesPastTheLimitAreDroppedAndCounted() {
        SpanData span = SpanData.create(SMALL);
        for (int i = 0; i < 5; i++) {
            span.put("k" + i, (long) i);
        }
        span.put("k0", "replaced at the limit");

        assertThat(span.attributes().size()).isEqualTo(3);
        assertThat(span.droppedAttributeCount()).isEqualTo(2);
        assertThat(span.attributes().droppedCount()).isEqualTo(2);
        assertThat(span.attributes().stringValue(0)).isEqualTo("replaced at the limit");
    }

    @Test
    void resetKeepsTheGrownAttributeCapacity() {
        SpanData span = SpanData.create(SMALL);
        AttributeStore store = span.store();
        AttributeReader reader = span.attributes();
        assertThat(store.capacity()).isEqualTo(1);
        span.put("a", 1L);
        span.put("b", 2L);
        span.put("c", 3L);
        assertThat(store.capacity()).isEqualTo(3);

        span.reset();

        assertThat(span.store()).isSameAs(store);
        assertThat(span.attributes()).isSameAs(reader);
        assertThat(store.capacity()).isEqualTo(3);
        assertThat(store.size()).isZero();
    }

    // ------------------------------------------------------------------ events

    @Test
    void addEventRecordsNameTimeAndAttributes() {
        SpanData span = SpanData.create(SpanLimits.defaults());

        SpanEvent event = span.addEvent("exception", 77L);
        event.put("exception.type", "java.io.IOException");
        event.put("retry", 2L);

        assertThat(span.eventCount()).isEqualTo(1);
        assertThat(span.event(0)).isSameAs(event);
        assertThat(event.isRecorded()).isTrue();
        assertThat(event.name()).isEqualTo("exception");
        assertThat(event.epochNanos()).isEqualTo(77L);
        assertThat(event.attributes().size()).isEqualTo(2);
        assertThat(event.attributes().longValue(1)).isEqualTo(2L);
        assertThat(event.droppedAttributeCount()).isZero();
    }

    @Test
    void eventsGrowPastThePreallocatedOnesUpToTheLimit() {
        SpanLimits limits = SpanLimits.builder().eventLimit(10).preallocatedEvents(1).build();
        SpanData span = SpanData.create(limits);

        for (int i = 0; i < 10; i++) {
            span.addEvent("e" + i, i);
        }

        assertThat(span.eventCount()).isEqualTo(10);
        assertThat(span.droppedEventCount()).isZero();
        for (int i = 0; i < 10; i++) {
            assertThat(span.event(i).name()).isEqualTo("e" + i);
            assertThat(span.event(i).epochNanos()).isEqualTo(i);
        }
    }

    @Test
    void eventsPastTheLimitAreDroppedCountedAndGetADiscardingStandIn() {
        SpanData span = SpanData.create(SMALL);
        span.addEvent("a", 1L);
        span.addEvent("b", 2L);

        SpanEvent standIn = span.addEvent("c", 3L);
        standIn.put("k", "discarded");
        SpanEvent again = span.addEvent("d", 4L);

        assertThat(span.eventCount()).isEqualTo(2);
        assertThat(span.droppedEventCount()).isEqualTo(2);
        assertThat(again).isSameAs(standIn);
        assertThat(standIn.isRecorded()).isFalse();
        assertThat(standIn.name()).isEmpty();
        assertThat(standIn.epochNanos()).isZero();
        assertThat(standIn.attributes().size()).isZero();
        assertThatThrownBy(() -> standIn.put(null, 1L)).isInstanceOf(NullPointerException.class).hasMessage("key");
    }

    @Test
    void zeroEventLimitDropsEveryEvent() {
        SpanData span = SpanData.create(SpanLimits.builder().eventLimit(0).preallocatedEvents(0).build());

        assertThat(span.addEvent("e", 1L).isRecorded()).isFalse();
        assertThat(span.eventCount()).isZero();
        assertThat(span.droppedEventCount()).isEqualTo(1);
    }

    @Test
    void eventAttributesPastTheirLimitAreDroppedAndCounted() {
        SpanData span = SpanData.create(SMALL);
        SpanEvent event = span.addEvent("e", 1L);

        event.put("a", 1L);
        event.put("b", 2L);
        event.put("c", 3L);

        assertThat(event.attributes().size()).isEqualTo(2);
        assertThat(event.droppedAttributeCount()).isEqualTo(1);
    }

    @Test
    void eventIndexOutsideTheCountThrows() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        assertThatThrownBy(() -> span.event(0)).isInstanceOf(IndexOutOfBoundsException.class);
        span.addEvent("e", 1L);
        assertThatThrownBy(() -> span.event(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> span.event(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void resetReusesTheSameEventObjects() {
        SpanData span = SpanData.create(SpanLimits.builder().eventLimit(8).preallocatedEvents(0).build());
        SpanEvent first = span.addEvent("a", 1L);
        SpanEvent second = span.addEvent("b", 2L);

        span.reset();
        span.onAcquire();

        assertThat(span.addEvent("c", 3L)).isSameAs(first);
        assertThat(span.addEvent("d", 4L)).isSameAs(second);
    }

    // ------------------------------------------------------------------ links

    @Test
    void addLinkRecordsIdsFlagsAndAttributes() {
        SpanData span = SpanData.create(SpanLimits.defaults());

        SpanLink link = span.addLink(0xAL, 0xBL, 0xCL, (byte) 1);
        link.put("messaging.batch.index", 3L);

        assertThat(span.linkCount()).isEqualTo(1);
        assertThat(span.link(0)).isSameAs(link);
        assertThat(link.isRecorded()).isTrue();
        assertThat(link.traceIdHigh()).isEqualTo(0xAL);
        assertThat(link.traceIdLow()).isEqualTo(0xBL);
        assertThat(link.spanId()).isEqualTo(0xCL);
        assertThat(link.traceFlags()).isEqualTo((byte) 1);
        assertThat(link.isSampled()).isTrue();
        assertThat(link.attributes().longValue(0)).isEqualTo(3L);
        assertThat(link.droppedAttributeCount()).isZero();
        assertThat(span.addLink(1L, 1L, 1L, (byte) 0).isSampled()).isFalse();
    }

    @Test
    void linksGrowFromNoneUpToTheLimitThenAreDroppedAndCounted() {
        SpanData span = SpanData.create(SMALL);
        SpanLink a = span.addLink(1L, 1L, 1L, (byte) 0);
        SpanLink b = span.addLink(2L, 2L, 2L, (byte) 0);

        SpanLink standIn = span.addLink(3L, 3L, 3L, (byte) 1);
        standIn.put("k", true);

        assertThat(span.linkCount()).isEqualTo(2);
        assertThat(span.droppedLinkCount()).isEqualTo(1);
        assertThat(span.link(0)).isSameAs(a);
        assertThat(span.link(1)).isSameAs(b);
        assertThat(standIn.isRecorded()).isFalse();
        assertThat(standIn.spanId()).isZero();
        assertThat(standIn.attributes().size()).isZero();
    }

    @Test
    void linkAttributesPastTheirLimitAreDroppedAndCounted() {
        SpanLink link = SpanData.create(SMALL).addLink(1L, 1L, 1L, (byte) 0);

        link.put("a", 1L);
        link.put("b", 2L);

        assertThat(link.attributes().size()).isEqualTo(1);
        assertThat(link.droppedAttributeCount()).isEqualTo(1);
    }

    @Test
    void linkIndexOutsideTheCountThrows() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        assertThatThrownBy(() -> span.link(0)).isInstanceOf(IndexOutOfBoundsException.class);
        span.addLink(1L, 1L, 1L, (byte) 0);
        assertThatThrownBy(() -> span.link(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ------------------------------------------------------------------ reset

    @Test
    void resetClearsEveryFieldIncludingEventsLinksAndDroppedCounts() {
        SpanData span = SpanData.create(SMALL);
        fillEverything(span);
        SpanEvent event = span.event(0);
        SpanLink link = span.link(0);

        span.reset();

        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertInitialValues(span);
        assertThat(event.name()).isEmpty();
        assertThat(event.epochNanos()).isZero();
        assertThat(event.attributes().size()).isZero();
        assertThat(event.droppedAttributeCount()).isZero();
        assertThat(link.traceIdHigh()).isZero();
        assertThat(link.traceIdLow()).isZero();
        assertThat(link.spanId()).isZero();
        assertThat(link.traceFlags()).isZero();
        assertThat(link.attributes().size()).isZero();
        assertThat(link.droppedAttributeCount()).isZero();
    }

    @Test
    void reacquiredSpanRecordsAFreshSpanOnTheSameStorage() {
        SpanData span = SpanData.create(SMALL);
        fillEverything(span);
        span.reset();
        span.onAcquire();

        span.setName("second");
        span.put("only", true);
        span.addEvent("only", 9L);

        assertThat(span.name()).isEqualTo("second");
        assertThat(span.attributes().size()).isEqualTo(1);
        assertThat(span.droppedAttributeCount()).isZero();
        assertThat(span.eventCount()).isEqualTo(1);
        assertThat(span.event(0).attributes().size()).isZero();
        assertThat(span.droppedEventCount()).isZero();
    }

    @Test
    void attachmentIsHeldByReference() {
        SpanData span = SpanData.create(SMALL);
        Object scope = new Object();

        span.setAttachment(scope);

        assertThat(span.attachment()).isSameAs(scope);
        span.setAttachment(null);
        assertThat(span.attachment()).isNull();
    }

    // ------------------------------------------------------------------ toString

    @Test
    void toStringShowsStateIdsTimesStatusAttributesEventsAndLinks() {
        SpanData span = SpanData.create(SpanLimits.defaults())
                .setName("GET /").setKind(SpanKind.SERVER)
                .setTraceId(0x0102030405060708L, 0x090a0b0c0d0e0f10L).setSpanId(0xffL).setParent(0x10L, true)
                .setSampled(true).setStartEpochNanos(5L).setStatus(StatusCode.ERROR, "boom");
        span.put("k", "v");
        span.addEvent("ev", 6L).put("a", 1L);
        span.addLink(1L, 2L, 3L, (byte) 1);
        span.end(7L);

        assertThat(span.toString()).isEqualTo("SpanData{state=ENDED, name=GET /, kind=SERVER,"
                + " traceId=0102030405060708090a0b0c0d0e0f10, spanId=00000000000000ff,"
                + " parentSpanId=0000000000000010 (remote), traceFlags=01, start=5, end=7, status=ERROR (boom),"
                + " attributes={k=v} (capacity=4, limit=128, dropped=0),"
                + " events=[SpanEvent{name=ev, epochNanos=6, attributes={a=1} (capacity=4, limit=128, dropped=0)}],"
                + " droppedEvents=0,"
                + " links=[SpanLink{traceId=00000000000000010000000000000002, spanId=0000000000000003, traceFlags=01,"
                + " attributes={} (capacity=0, limit=128, dropped=0)}], droppedLinks=0}");
    }

    @Test
    void toStringOfStandInsSaysSo() {
        SpanData span = SpanData.create(SpanLimits.builder().eventLimit(0).preallocatedEvents(0)
                .linkLimit(0).preallocatedLinks(0).build());

        assertThat(span.addEvent("e", 1L).toString()).endsWith(", dropped stand-in}");
        assertThat(span.addLink(1L, 1L, 1L, (byte) 0).toString()).endsWith(", dropped stand-in}");
        assertThat(span.toString()).contains("events=[], droppedEvents=1", "links=[], droppedLinks=1",
                "status=UNSET,", "parentSpanId=0000000000000000,");
    }

    // ------------------------------------------------------------------ helpers

    private static void fillEverything(SpanData span) {
        span.setTraceId(1L, 2L).setSpanId(3L).setParent(4L, true).setTraceFlags((byte) 1).setName("n")
                .setKind(SpanKind.CONSUMER).setStartEpochNanos(10L).setStatus(StatusCode.ERROR, "e")
                .setAttachment("scope");
        for (int i = 0; i < 5; i++) {
            span.put("k" + i, (long) i);
        }
        SpanEvent event = span.addEvent("a", 11L);
        event.put("x", 1L);
        event.put("y", 1L);
        event.put("z", 1L);
        span.addEvent("b", 12L);
        span.addEvent("c", 13L);
        SpanLink link = span.addLink(5L, 6L, 7L, (byte) 1);
        link.put("x", 1L);
        link.put("y", 1L);
        span.addLink(8L, 9L, 10L, (byte) 0);
        span.addLink(1L, 1L, 1L, (byte) 0);
        span.end(20L);
        assertThat(span.droppedAttributeCount()).isPositive();
        assertThat(span.droppedEventCount()).isPositive();
        assertThat(span.droppedLinkCount()).isPositive();
        assertThat(event.droppedAttributeCount()).isPositive();
        assertThat(link.droppedAttributeCount()).isPositive();
    }

    private static void assertInitialValues(SpanData span) {
        assertThat(span.traceIdHigh()).isZero();
        assertThat(span.traceIdLow()).isZero();
        assertThat(span.spanId()).isZero();
        assertThat(span.parentSpanId()).isZero();
        assertThat(span.attachment()).isNull();
        assertThat(span.hasParent()).isFalse();
        assertThat(span.isParentRemote()).isFalse();
        assertThat(span.traceFlags()).isZero();
        assertThat(span.isSampled()).isFalse();
        assertThat(span.name()).isEmpty();
        assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(span.startEpochNanos()).isZero();
        assertThat(span.endEpochNanos()).isZero();
        assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.statusDescription()).isEmpty();
        assertThat(span.attributes().size()).isZero();
        assertThat(span.droppedAttributeCount()).isZero();
        assertThat(span.eventCount()).isZero();
        assertThat(span.droppedEventCount()).isZero();
        assertThat(span.linkCount()).isZero();
        assertThat(span.droppedLinkCount()).isZero();
    }
}
