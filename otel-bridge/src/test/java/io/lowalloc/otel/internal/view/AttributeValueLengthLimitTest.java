package io.lowalloc.otel.internal.view;

import static io.lowalloc.otel.testing.SampleSpans.RESOURCE;
import static io.lowalloc.otel.testing.SampleSpans.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@link SpanLimits#maxAttributeValueLength()} applied where spans are exported: the views and
 * the copies cut string values and string-array elements over the limit, leave everything else
 * as stored, remember each cut, never split a surrogate pair, and count what they cut.
 */
class AttributeValueLengthLimitTest {

    private static final SpanLimits FIVE = SpanLimits.builder().maxAttributeValueLength(5).build();
    private static final AttributeKey<String> TEXT = AttributeKey.stringKey("text");
    private static final AttributeKey<List<String>> WORDS = AttributeKey.stringArrayKey("words");

    private final PooledSpanDataView view = PooledSpanDataView.create(RESOURCE, SCOPE);

    private static SpanData span(SpanLimits limits) {
        return SpanData.create(limits);
    }

    @Test
    void stringValueOverTheLimitIsCutInEveryRead() {
        SpanData span = span(FIVE);
        span.put("text", "abcdefgh");

        Attributes attributes = view.bind(span).getAttributes();
        List<Object> viaForEach = new ArrayList<>();
        attributes.forEach((k, v) -> viaForEach.add(v));

        assertThat(attributes.get(TEXT)).isEqualTo("abcde");
        assertThat(viaForEach).containsExactly("abcde");
        assertThat(attributes.asMap()).containsEntry(TEXT, "abcde");
        assertThat(attributes.toBuilder().build().get(TEXT)).isEqualTo("abcde");
        assertThat(span.attributes().stringValue(0)).as("stored whole").isEqualTo("abcdefgh");
    }

    @Test
    void stringArrayElementsOverTheLimitAreCutOthersKept() {
        SpanData span = span(FIVE);
        span.put("words", new String[] {"abcdefgh", "abc", "abcde"});

        List<String> words = view.bind(span).getAttributes().get(WORDS);

        assertThat(words).containsExactly("abcde", "abc", "abcde");
        assertThat(view.getAttributes().asMap().get(WORDS)).isEqualTo(List.of("abcde", "abc", "abcde"));
    }

    @Test
    void valuesWithinTheLimitAndOtherTypesAreShownAsStored() {
        String five = new String("12345");
        SpanData span = span(FIVE);
        span.put("text", five);
        span.put("n", 1234567L);
        span.put("longs", new long[] {1234567L});

        Attributes attributes = view.bind(span).getAttributes();

        assertThat(attributes.get(TEXT)).isSameAs(five);
        assertThat(attributes.get(AttributeKey.longKey("n"))).isEqualTo(1234567L);
        assertThat(attributes.get(AttributeKey.longArrayKey("longs"))).containsExactly(1234567L);
        assertThat(view.overLimitValueCount()).isZero();
    }

    @Test
    void noLimitByDefault() {
        String big = "x".repeat(100_000);
        SpanData span = span(SpanLimits.defaults());
        span.put("text", big);
        span.put("words", new String[] {big});

        Attributes attributes = view.bind(span).getAttributes();

        assertThat(attributes.get(TEXT)).isSameAs(big);
        assertThat(attributes.get(WORDS).get(0)).isSameAs(big);
        assertThat(view.copy().getAttributes().get(TEXT)).isSameAs(big);
        assertThat(view.overLimitValueCount()).isZero();
    }

    @Test
    void aCutValueIsCutOnceAndReusedForTheSameStoredString() {
        SpanData span = span(FIVE);
        span.put("text", "abcdefgh");
        span.put("words", new String[] {"abcdefgh"});
        view.bind(span);
        Object[] fromForEach = new Object[2];
        view.getAttributes().forEach(new BiConsumer<AttributeKey<?>, Object>() {
            private int i;

            @Override
            public void accept(AttributeKey<?> key, Object value) {
                fromForEach[i++] = value;
            }
        });
        String first = view.getAttributes().get(TEXT);
        String firstElement = view.getAttributes().get(WORDS).get(0);

        assertThat(fromForEach[0]).isSameAs(first);
        assertThat(view.getAttributes().get(TEXT)).isSameAs(first);
        assertThat(view.getAttributes().get(WORDS).get(0)).isSameAs(firstElement);
        assertThat(view.bind(span).getAttributes().get(TEXT)).as("next binding, same stored string").isSameAs(first);
    }

    @Test
    void cutKeepsSurrogatePairsWhole() {
        String smiley = "ab\uD83D\uDE00cd"; // a, b, U+1F600 as a surrogate pair, c, d
        SpanData span = span(SpanLimits.builder().maxAttributeValueLength(3).build());
        span.put("text", smiley);
        SpanData four = span(SpanLimits.builder().maxAttributeValueLength(4).build());
        four.put("text", smiley);
        SpanData zero = span(SpanLimits.builder().maxAttributeValueLength(0).build());
        zero.put("text", smiley);

        assertThat(view.bind(span).getAttributes().get(TEXT)).as("the pair does not fit: cut before it").isEqualTo("ab");
        assertThat(view.bind(four).getAttributes().get(TEXT)).isEqualTo("ab\uD83D\uDE00");
        assertThat(view.bind(zero).getAttributes().get(TEXT)).isEmpty();
    }

    @Test
    void eventAndLinkAttributesAreCutToo() {
        SpanData span = span(FIVE);
        span.addEvent("e", 1L).put("text", "abcdefgh");
        span.addLink(1L, 2L, 3L, (byte) 1).put("words", new String[] {"abcdefgh"});

        view.bind(span);

        assertThat(view.getEvents().get(0).getAttributes().get(TEXT)).isEqualTo("abcde");
        assertThat(view.getLinks().get(0).getAttributes().get(WORDS)).containsExactly("abcde");
    }

    @Test
    void copyCutsAsTheViewShows() {
        SpanData span = span(FIVE);
        span.put("text", "abcdefgh");
        span.put("words", new String[] {"abcdefgh", "ab"});
        span.addEvent("e", 1L).put("text", "123456789");
        span.addLink(1L, 2L, 3L, (byte) 1).put("text", "zyxwvut");

        io.opentelemetry.sdk.trace.data.SpanData copy = view.bind(span).copy();

        assertThat(copy.getAttributes().get(TEXT)).isEqualTo("abcde");
        assertThat(copy.getAttributes().get(WORDS)).containsExactly("abcde", "ab");
        assertThat(copy.getEvents().get(0).getAttributes().get(TEXT)).isEqualTo("12345");
        assertThat(copy.getLinks().get(0).getAttributes().get(TEXT)).isEqualTo("zyxwv");
    }

    @Test
    void overLimitValuesAreCountedPerBindingAcrossSpanEventsAndLinks() {
        SpanData span = span(FIVE);
        span.put("text", "abcdefgh");
        span.put("short", "abc");
        span.put("words", new String[] {"abcdefgh", "ab", "123456"});
        span.addEvent("e", 1L).put("text", "123456789");
        span.addLink(1L, 2L, 3L, (byte) 1).put("text", "zyxwvut");

        assertThat(view.bind(span).overLimitValueCount()).isEqualTo(5);
        view.unbind();
        assertThat(view.overLimitValueCount()).isZero();
    }

    @Test
    void readingCutValuesAgainAllocatesNothing() {
        SpanData span = span(FIVE);
        span.put("text", "abcdefgh");
        span.put("words", new String[] {"abcdefgh", "abc"});
        Map<String, Object> sink = new java.util.HashMap<>();
        BiConsumer<AttributeKey<?>, Object> consumer = (k, v) -> sink.put(k.getKey(), v);
        view.bind(span).getAttributes().forEach(consumer);

        double bytesPerRead = AllocationMeter.create().bytesPerOp(20_000, 20_000, i -> {
            Attributes attributes = view.bind(span).getAttributes();
            attributes.forEach(consumer);
            List<String> words = attributes.get(WORDS);
            return attributes.get(TEXT).length() + words.get(0).length() + words.get(1).length();
        });

        assertThat(bytesPerRead).isZero();
    }
}
