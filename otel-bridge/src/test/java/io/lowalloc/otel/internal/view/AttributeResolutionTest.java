package io.lowalloc.otel.internal.view;

import static io.lowalloc.otel.testing.SampleSpans.RESOURCE;
import static io.lowalloc.otel.testing.SampleSpans.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribute view resolves keys and values once per binding; every later read shows that binding. */
class AttributeResolutionTest {

    private static final AttributeKey<Long> SIZE = AttributeKey.longKey("size");
    private static final AttributeKey<Double> RATIO = AttributeKey.doubleKey("ratio");

    private static SpanData span(long size, double ratio, String route) {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.setTraceId(1, 2).setSpanId(3).setName("op").setStartEpochNanos(10);
        span.put("size", size);
        span.put("ratio", ratio);
        span.put("route", route);
        span.end(20);
        return span;
    }

    private static List<Object> keysAndValues(Attributes attributes) {
        List<Object> seen = new ArrayList<>();
        attributes.forEach((k, v) -> {
            seen.add(k);
            seen.add(v);
        });
        return seen;
    }

    @Test
    void everyPassOfOneBindingHandsOutTheSameKeysAndBoxes() {
        PooledSpanDataView view = PooledSpanDataView.create(RESOURCE, SCOPE).bind(span(100_000L, 0.3, "/a"));
        Attributes attributes = view.getAttributes();

        List<Object> first = keysAndValues(attributes);
        List<Object> second = keysAndValues(attributes);

        assertThat(first).containsExactly(SIZE, 100_000L, RATIO, 0.3, AttributeKey.stringKey("route"), "/a");
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("element %d", i).isSameAs(first.get(i));
        }
        assertThat(attributes.get(SIZE)).isSameAs(first.get(1));
        assertThat(attributes.get(RATIO)).isSameAs(first.get(3));
    }

    @Test
    void getBeforeForEachResolvesTheSameValues() {
        PooledSpanDataView view = PooledSpanDataView.create(RESOURCE, SCOPE).bind(span(7_777L, -2.5, "/b"));
        Attributes attributes = view.getAttributes();

        Long size = attributes.get(SIZE);
        List<Object> seen = keysAndValues(attributes);

        assertThat(size).isEqualTo(7_777L);
        assertThat(seen.get(1)).isSameAs(size);
        assertThat(seen).containsExactly(SIZE, 7_777L, RATIO, -2.5, AttributeKey.stringKey("route"), "/b");
    }

    @Test
    void theNextBindingShowsItsOwnValuesAndReusesRecurringOnes() {
        PooledSpanDataView view = PooledSpanDataView.create(RESOURCE, SCOPE);
        Attributes first = view.bind(span(100_000L, 0.3, "/a")).getAttributes();
        List<Object> before = keysAndValues(first);

        Attributes second = view.bind(span(200_000L, 0.3, "/c")).getAttributes();
        List<Object> after = keysAndValues(second);

        assertThat(after).containsExactly(SIZE, 200_000L, RATIO, 0.3, AttributeKey.stringKey("route"), "/c");
        assertThat(after.get(0)).as("key kept across bindings").isSameAs(before.get(0));
        assertThat(after.get(3)).as("unchanged double keeps its box").isSameAs(before.get(3));
        assertThat(second.get(SIZE)).isEqualTo(200_000L);
    }

    @Test
    void aResolvedViewStillFailsAfterUnbind() {
        PooledSpanDataView view = PooledSpanDataView.create(RESOURCE, SCOPE).bind(span(1L, 1.0, "/d"));
        Attributes attributes = view.getAttributes();
        keysAndValues(attributes);

        view.unbind();

        assertThatThrownBy(() -> keysAndValues(attributes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copy mode");
        assertThatThrownBy(() -> attributes.get(SIZE)).isInstanceOf(IllegalStateException.class);
    }
}
