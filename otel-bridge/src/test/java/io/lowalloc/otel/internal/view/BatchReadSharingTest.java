package io.lowalloc.otel.internal.view;

import static io.lowalloc.otel.testing.SampleSpans.RESOURCE;
import static io.lowalloc.otel.testing.SampleSpans.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one export's views share so that the exporter's reads cost less: a trace id string per run
 * of consecutive spans of one trace, and boxes of small longs — while every span still shows its
 * own values.
 */
class BatchReadSharingTest {

    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("status");
    private static final AttributeKey<Long> SIZE = AttributeKey.longKey("size");
    private static final AttributeKey<Double> RATIO = AttributeKey.doubleKey("ratio");

    private static SpanData span(long traceHigh, long traceLow, long spanId, long status, long size, double ratio) {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.setTraceId(traceHigh, traceLow).setSpanId(spanId).setName("op").setStartEpochNanos(10);
        span.put("status", status);
        span.put("size", size);
        span.put("ratio", ratio);
        span.end(20);
        return span;
    }

    private static List<io.opentelemetry.sdk.trace.data.SpanData> list(
            java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> views) {
        return new ArrayList<>(views);
    }

    @Test
    void consecutiveSpansOfOneTraceShareOneTraceIdString() {
        ViewSet set = ViewSet.create(new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY), RESOURCE, SCOPE);
        assertThat(set.tryTake()).isTrue();
        List<io.opentelemetry.sdk.trace.data.SpanData> views = list(set.bind(List.of(
                span(1, 2, 10, 200, 5_000, 0.5),
                span(1, 2, 11, 200, 5_000, 0.5),
                span(3, 4, 12, 200, 5_000, 0.5),
                span(1, 2, 13, 200, 5_000, 0.5))));

        // Read out of order: the later span of the run makes the string for the first.
        String second = views.get(1).getSpanContext().getTraceId();
        String first = views.get(0).getTraceId();
        String other = views.get(2).getSpanContext().getTraceId();
        String again = views.get(3).getSpanContext().getTraceId();

        assertThat(first).isEqualTo(HexIds.traceIdToHex(1, 2)).isSameAs(second);
        assertThat(other).isEqualTo(HexIds.traceIdToHex(3, 4));
        assertThat(again).as("not consecutive: made again").isEqualTo(first).isNotSameAs(first);
        assertThat(views.get(1).getSpanId()).isEqualTo(HexIds.spanIdToHex(11));
        set.release();
    }

    @Test
    void theNextExportShowsItsOwnTraceIds() {
        ViewSet set = ViewSet.create(new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY), RESOURCE, SCOPE);
        set.tryTake();
        List<io.opentelemetry.sdk.trace.data.SpanData> views = list(set.bind(List.of(
                span(1, 2, 10, 200, 5_000, 0.5), span(1, 2, 11, 200, 5_000, 0.5))));
        String before = views.get(1).getTraceId();
        set.release();
        set.tryTake();

        views = list(set.bind(List.of(span(5, 6, 10, 200, 5_000, 0.5), span(7, 8, 11, 200, 5_000, 0.5))));

        assertThat(before).isEqualTo(HexIds.traceIdToHex(1, 2));
        assertThat(views.get(1).getTraceId()).isEqualTo(HexIds.traceIdToHex(7, 8));
        assertThat(views.get(0).getTraceId()).isEqualTo(HexIds.traceIdToHex(5, 6));
        set.release();
    }

    @Test
    void smallLongsAreSharedBoxesAcrossSpansAndLargeOnesAreBoxedPerValue() {
        ViewSet set = ViewSet.create(new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY), RESOURCE, SCOPE);
        set.tryTake();
        List<io.opentelemetry.sdk.trace.data.SpanData> views = list(set.bind(List.of(
                span(1, 2, 10, 404, 5_000, 0.5), span(1, 2, 11, 404, 6_000, 0.5))));

        Long status0 = views.get(0).getAttributes().get(STATUS);
        Long status1 = views.get(1).getAttributes().get(STATUS);
        Long size0 = views.get(0).getAttributes().get(SIZE);
        Long size1 = views.get(1).getAttributes().get(SIZE);

        assertThat(status0).isEqualTo(404L).isSameAs(status1);
        assertThat(size0).isEqualTo(5_000L);
        assertThat(size1).isEqualTo(6_000L);
        assertThat(Boxes.box(Boxes.SMALL_LONG_LIMIT - 1)).isSameAs(Boxes.box(Boxes.SMALL_LONG_LIMIT - 1));
        assertThat(Boxes.box(Boxes.SMALL_LONG_LIMIT)).isEqualTo(Boxes.SMALL_LONG_LIMIT).isNotSameAs(
                Boxes.box(Boxes.SMALL_LONG_LIMIT));
        assertThat(Boxes.box(-1)).isEqualTo(-1L);
        set.release();
    }

    @Test
    void aRecurringValueKeepsTheBoxItsViewShowedAndAChangedOneShowsItsOwn() {
        ViewSet set = ViewSet.create(new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY), RESOURCE, SCOPE);
        set.tryTake();
        io.opentelemetry.sdk.trace.data.SpanData view = list(set.bind(List.of(span(1, 2, 10, 200, 5_000, 0.5))))
                .get(0);
        Long size = view.getAttributes().get(SIZE);
        Double ratio = view.getAttributes().get(RATIO);
        set.release();
        set.tryTake();

        view = list(set.bind(List.of(span(1, 2, 10, 200, 5_000, -0.0)))).get(0);

        assertThat(view.getAttributes().get(SIZE)).isSameAs(size);
        Double changed = view.getAttributes().get(RATIO);
        assertThat(ratio).isEqualTo(0.5);
        assertThat(Double.doubleToRawLongBits(changed)).isEqualTo(Double.doubleToRawLongBits(-0.0));
        set.release();
    }
}
