package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.StatusCode;
import io.lowalloc.otel.testing.SampleSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import static io.lowalloc.otel.testing.SampleSpans.RESOURCE;
import static io.lowalloc.otel.testing.SampleSpans.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class PooledSpanDataViewTest {

    private final PooledSpanDataView view = PooledSpanDataView.create(RESOURCE, SCOPE);

    @Test
    void showsEveryFieldOfTheBoundSpan() {
        SampleSpans.assertFull(view.bind(SampleSpans.full()), RESOURCE, SCOPE);
    }

    @Test
    void copyShowsEveryFieldAndOutlivesTheSpan() {
        SpanData span = SampleSpans.full();
        io.opentelemetry.sdk.trace.data.SpanData copy = view.bind(span).copy();
        span.reset();
        view.unbind();

        SampleSpans.assertFull(copy, RESOURCE, SCOPE);
        assertThat(copy).isNotInstanceOf(PooledSpanDataView.class);
        assertThat(copy.getStatus()).isEqualTo(SampleSpans.expectedStatus());
        assertThat(copy.getAttributes()).isEqualTo(SampleSpans.expectedAttributes());
        @SuppressWarnings("deprecation")
        String libraryName = copy.getInstrumentationLibraryInfo().getName();
        assertThat(libraryName).isEqualTo("io.lowalloc.test");
        assertThat(copy.toString()).contains("SpanDataCopy{name=GET /orders/{id}", "retry", "follows");
    }

    @Test
    void copiedArrayValuesAreIndependentOfTheStoredArrays() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        long[] values = {1L, 2L};
        span.put("values", values);
        io.opentelemetry.sdk.trace.data.SpanData copy = view.bind(span).copy();
        values[0] = 99L;

        assertThat(copy.getAttributes().get(AttributeKey.longArrayKey("values"))).containsExactly(1L, 2L);
        assertThat(view.getAttributes().get(AttributeKey.longArrayKey("values"))).containsExactly(99L, 2L);
    }

    @Test
    void readingAnUnboundViewThrowsNamingCopyMode() {
        view.bind(SampleSpans.full());
        view.unbind();

        assertThat(view.boundSpan()).isNull();
        assertThatThrownBy(view::getName)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not bound to a span")
                .hasMessageContaining("setCopyMode(true)");
        assertThatThrownBy(view::getSpanContext).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(view::getAttributes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(view::copy).isInstanceOf(IllegalStateException.class);
        assertThat(view).hasToString("PooledSpanDataView{unbound}");
    }

    @Test
    void rootSpanHasTheInvalidParentContext() {
        SpanData span = SpanData.create(SpanLimits.defaults()).setTraceId(1L, 2L).setSpanId(3L);

        view.bind(span);

        assertThat(view.getParentSpanContext()).isSameAs(SpanContext.getInvalid());
        assertThat(view.getParentSpanId()).isEqualTo("0000000000000000");
        assertThat(view.getSpanContext().isValid()).isTrue();
        assertThat(view.hasEnded()).isFalse();
    }

    @Test
    void spanWithoutIdsHasAnInvalidContextWithZeroIds() {
        view.bind(SpanData.create(SpanLimits.defaults()));

        assertThat(view.getSpanContext().isValid()).isFalse();
        assertThat(view.getTraceId()).isEqualTo("00000000000000000000000000000000");
        assertThat(view.getSpanId()).isEqualTo("0000000000000000");
    }

    @Test
    void hexIdsAreMadeOncePerBinding() {
        SpanData span = SampleSpans.full();
        view.bind(span);
        String traceId = view.getTraceId();
        String spanId = view.getSpanId();

        assertThat(view.getSpanContext().getTraceId()).isSameAs(traceId);
        assertThat(view.getParentSpanContext().getTraceId()).isSameAs(traceId);
        assertThat(view.getSpanContext().getSpanId()).isSameAs(spanId);
        assertThat(view.getParentSpanId()).isSameAs(view.getParentSpanContext().getSpanId());

        view.bind(span);
        assertThat(view.getTraceId()).isEqualTo(traceId).isNotSameAs(traceId);
    }

    @Test
    void idBytesAreBigEndian() {
        view.bind(SampleSpans.full());

        assertThat(view.getSpanContext().getTraceIdBytes()).isEqualTo(new byte[] {
            0x4b, (byte) 0xf9, 0x2f, 0x35, 0x77, (byte) 0xb3, 0x4d, (byte) 0xa6,
            (byte) 0xa3, (byte) 0xce, (byte) 0x92, (byte) 0x9d, 0x0e, 0x0e, 0x47, 0x36});
        assertThat(view.getSpanContext().getSpanIdBytes())
                .isEqualTo(new byte[] {0x00, (byte) 0xf0, 0x67, (byte) 0xaa, 0x0b, (byte) 0xa9, 0x02, (byte) 0xb7});
    }

    @Test
    void scopeComesFromTheAttachmentWhenItIsAScope() {
        InstrumentationScopeInfo other = InstrumentationScopeInfo.create("other");
        SpanData span = SpanData.create(SpanLimits.defaults());

        view.bind(span.setAttachment(other));
        assertThat(view.getInstrumentationScopeInfo()).isSameAs(other);

        view.bind(span.setAttachment("not a scope"));
        assertThat(view.getInstrumentationScopeInfo()).isSameAs(SCOPE);
    }

    @Test
    @SuppressWarnings("deprecation")
    void libraryInfoFollowsTheScopeAndIsRemembered() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        view.bind(span);
        io.opentelemetry.sdk.common.InstrumentationLibraryInfo info = view.getInstrumentationLibraryInfo();

        assertThat(info.getName()).isEqualTo("io.lowalloc.test");
        assertThat(info.getVersion()).isEqualTo("1.2.3");
        assertThat(view.getInstrumentationLibraryInfo()).isSameAs(info);
        view.bind(span.setAttachment(InstrumentationScopeInfo.create("other")));
        assertThat(view.getInstrumentationLibraryInfo().getName()).isEqualTo("other");
    }

    @Test
    void statusWithoutDescriptionIsTheSdksCachedInstance() {
        SpanData span = SpanData.create(SpanLimits.defaults());

        assertThat(view.bind(span).getStatus()).isSameAs(StatusData.unset());
        assertThat(view.bind(span.setStatus(StatusCode.ERROR)).getStatus()).isSameAs(StatusData.error());
        assertThat(view.bind(span.setStatus(StatusCode.OK)).getStatus()).isSameAs(StatusData.ok());
        // The SDK's own factory caches the same three instances.
        assertThat(StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "")).isSameAs(StatusData.error());
    }

    @Test
    void errorStatusWithDescriptionIsReusedAcrossSpans() {
        SpanData first = SpanData.create(SpanLimits.defaults()).setStatus(StatusCode.ERROR, "one");
        SpanData second = SpanData.create(SpanLimits.defaults()).setStatus(StatusCode.ERROR, "two");

        StatusData status = view.bind(first).getStatus();
        assertThat(status.getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(status.getDescription()).isEqualTo("one");
        assertThat(view.bind(second).getStatus()).isSameAs(status);
        assertThat(status.getDescription()).isEqualTo("two");
    }

    @Test
    void everyKindMaps() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        for (io.lowalloc.core.span.SpanKind kind : io.lowalloc.core.span.SpanKind.values()) {
            assertThat(view.bind(span.setKind(kind)).getKind().name()).isEqualTo(kind.name());
        }
    }

    @Test
    void attributesGetByKeyChecksTheType() {
        view.bind(SampleSpans.full());
        Attributes attributes = view.getAttributes();

        assertThat(attributes.get(AttributeKey.stringKey("http.method"))).isEqualTo("GET");
        assertThat(attributes.get(AttributeKey.longKey("http.status_code"))).isEqualTo(504L);
        assertThat(attributes.get(AttributeKey.doubleKey("retry.ratio"))).isEqualTo(0.75);
        assertThat(attributes.get(AttributeKey.booleanKey("cache.hit"))).isFalse();
        assertThat(attributes.get(AttributeKey.stringArrayKey("tags"))).containsExactly("alpha", "beta");
        assertThat(attributes.get(AttributeKey.longArrayKey("sizes"))).containsExactly(7L, 1L << 40, -3L);
        assertThat(attributes.get(AttributeKey.doubleArrayKey("weights"))).containsExactly(0.5, -1.25);
        assertThat(attributes.get(AttributeKey.booleanArrayKey("flags"))).containsExactly(true, false, true);
        assertThat(attributes.get(AttributeKey.stringKey("http.status_code"))).isNull();
        assertThat(attributes.get(AttributeKey.stringKey("absent"))).isNull();
        assertThat(attributes.get((AttributeKey<String>) null)).isNull();
    }

    @Test
    void attributesForEachHandsOutCachedKeysAndRememberedBoxes() {
        SpanData span = SampleSpans.full();
        view.bind(span);
        List<Object> firstKeys = new ArrayList<>();
        List<Object> firstValues = new ArrayList<>();
        view.getAttributes().forEach((k, v) -> {
            firstKeys.add(k);
            firstValues.add(v);
        });
        view.bind(span);
        List<Object> secondKeys = new ArrayList<>();
        List<Object> secondValues = new ArrayList<>();
        view.getAttributes().forEach((k, v) -> {
            secondKeys.add(k);
            secondValues.add(v);
        });

        assertThat(firstKeys).hasSize(9);
        for (int i = 0; i < firstKeys.size(); i++) {
            assertThat(secondKeys.get(i)).isSameAs(firstKeys.get(i));
            assertThat(secondValues.get(i)).isSameAs(firstValues.get(i));
        }
    }

    @Test
    void changedNumericValueGetsANewBox() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.put("n", 1000L);
        Object first = view.bind(span).getAttributes().get(AttributeKey.longKey("n"));
        span.put("n", 1001L);
        Object second = view.bind(span).getAttributes().get(AttributeKey.longKey("n"));

        assertThat(first).isEqualTo(1000L);
        assertThat(second).isEqualTo(1001L).isNotSameAs(first);
    }

    @Test
    void doubleBoxesKeepNegativeZero() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.put("d", 0.0);
        view.bind(span).getAttributes().get(AttributeKey.doubleKey("d"));
        span.put("d", -0.0);

        Double value = view.bind(span).getAttributes().get(AttributeKey.doubleKey("d"));

        assertThat(Double.doubleToRawLongBits(value)).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void asMapAndToBuilderAreCopies() {
        SpanData span = SampleSpans.full();
        view.bind(span);
        Map<AttributeKey<?>, Object> map = view.getAttributes().asMap();
        Attributes built = view.getAttributes().toBuilder().build();
        view.bind(SpanData.create(SpanLimits.defaults()));

        assertThat(map).isEqualTo(SampleSpans.expectedAttributes().asMap());
        assertThat(built).isEqualTo(SampleSpans.expectedAttributes());
        assertThatThrownBy(() -> map.put(AttributeKey.stringKey("x"), "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(view.getAttributes().isEmpty()).isTrue();
    }

    @Test
    void listsIterateWithOneReusedIteratorPerBinding() {
        view.bind(SampleSpans.full());
        List<EventData> events = view.getEvents();

        Iterator<EventData> first = events.iterator();
        List<String> names = new ArrayList<>();
        while (first.hasNext()) {
            names.add(first.next().getName());
        }
        Iterator<EventData> second = events.iterator();

        assertThat(names).containsExactly("retry", "gave up");
        assertThat(second).as("a finished iterator is never handed out again").isNotSameAs(first);
        assertThat(first.hasNext()).isFalse();
        List<String> viaForEach = new ArrayList<>();
        events.forEach(e -> viaForEach.add(e.getName()));
        assertThat(viaForEach).isEqualTo(names);
        assertThatThrownBy(() -> {
            second.next();
            second.next();
            second.next();
        }).isInstanceOf(NoSuchElementException.class).hasMessage("index 2 of a list of 2");
    }

    @Test
    void finishedIteratorStaysFinishedWhenTheListIsIteratedAgain() {
        view.bind(SampleSpans.full());
        List<EventData> events = view.getEvents();
        Iterator<EventData> finished = events.iterator();
        while (finished.hasNext()) {
            finished.next();
        }

        Iterator<EventData> again = events.iterator();
        again.next();

        assertThat(finished.hasNext()).as("hasNext() of a finished iterator").isFalse();
        assertThat(again.hasNext()).isTrue();
        assertThat(again.next().getName()).isEqualTo("gave up");
    }

    @Test
    void iteratorOfAnEarlierBindingThrowsNamingCopyMode() {
        SpanData span = SampleSpans.full();
        view.bind(span);
        Iterator<EventData> old = view.getEvents().iterator();

        view.bind(span);

        assertThatThrownBy(old::hasNext).isInstanceOf(IllegalStateException.class).hasMessageContaining("copy mode");
        assertThatThrownBy(old::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("copy mode");
    }

    @Test
    void nestedIterationGetsItsOwnIterator() {
        view.bind(SampleSpans.full());
        List<EventData> events = view.getEvents();
        List<String> pairs = new ArrayList<>();

        for (EventData outer : events) {
            for (EventData inner : events) {
                pairs.add(outer.getName() + "/" + inner.getName());
            }
        }

        assertThat(pairs).containsExactly("retry/retry", "retry/gave up", "gave up/retry", "gave up/gave up");
    }

    @Test
    void rebindingReclaimsTheIteratorOfALoopThatStoppedEarly() {
        SpanData span = SampleSpans.full();
        view.bind(span);
        Iterator<EventData> abandoned = view.getEvents().iterator();
        abandoned.next();
        assertThat(view.getEvents().iterator()).isNotSameAs(abandoned);

        view.bind(span);

        assertThat(view.getEvents().iterator()).isSameAs(abandoned);
    }

    @Test
    void listsAreReadOnly() {
        view.bind(SampleSpans.full());

        assertThatThrownBy(() -> view.getEvents().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.getLinks().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.getEvents().get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toStringDescribesTheSpan() {
        view.bind(SampleSpans.full());

        assertThat(view.toString())
                .contains("name=GET /orders/{id}", "kind=SERVER", "traceId=4bf92f3577b34da6a3ce929d0e0e4736",
                        "spanId=00f067aa0ba902b7", "spanId=53995c3f42cd8ad8", "remote=true",
                        "description=upstream timed out", "http.method=GET", "name=retry", "totalRecordedEvents=3",
                        "spanId=fedcba9876543210", "totalRecordedLinks=2", "io.lowalloc.test");
    }

    @Test
    void createRejectsNulls() {
        assertThatThrownBy(() -> PooledSpanDataView.create(null, SCOPE))
                .isInstanceOf(NullPointerException.class).hasMessage("resource");
        assertThatThrownBy(() -> PooledSpanDataView.create(RESOURCE, null))
                .isInstanceOf(NullPointerException.class).hasMessage("defaultScope");
        assertThatThrownBy(() -> view.bind(null)).isInstanceOf(NullPointerException.class).hasMessage("span");
    }
}
