package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpanLimitsTest {

    @Test
    void defaultsMatchTheDocumentedConstants() {
        SpanLimits d = SpanLimits.defaults();

        assertThat(d.attributeInitialCapacity()).isEqualTo(16).isEqualTo(SpanLimits.DEFAULT_ATTRIBUTE_INITIAL_CAPACITY);
        assertThat(d.attributeLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_ATTRIBUTE_LIMIT);
        assertThat(d.eventLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_EVENT_LIMIT);
        assertThat(d.preallocatedEvents()).isEqualTo(4).isEqualTo(SpanLimits.DEFAULT_PREALLOCATED_EVENTS);
        assertThat(d.eventAttributeInitialCapacity())
                .isEqualTo(4).isEqualTo(SpanLimits.DEFAULT_EVENT_ATTRIBUTE_INITIAL_CAPACITY);
        assertThat(d.eventAttributeLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_EVENT_ATTRIBUTE_LIMIT);
        assertThat(d.linkLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_LINK_LIMIT);
        assertThat(d.preallocatedLinks()).isEqualTo(1).isEqualTo(SpanLimits.DEFAULT_PREALLOCATED_LINKS);
        assertThat(d.linkAttributeInitialCapacity())
                .isEqualTo(4).isEqualTo(SpanLimits.DEFAULT_LINK_ATTRIBUTE_INITIAL_CAPACITY);
        assertThat(d.linkAttributeLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_LINK_ATTRIBUTE_LIMIT);
        assertThat(d.maxAttributeValueLength())
                .isEqualTo(Integer.MAX_VALUE).isEqualTo(SpanLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH);
    }

    @Test
    void defaultsIsOneSharedInstanceEqualToAnUntouchedBuilder() {
        assertThat(SpanLimits.defaults()).isSameAs(SpanLimits.defaults());
        assertThat(SpanLimits.builder().build()).isEqualTo(SpanLimits.defaults()).isNotSameAs(SpanLimits.defaults());
    }

    @Test
    void builderSetsEveryValueAndReturnsItself() {
        SpanLimits.Builder b = SpanLimits.builder();

        assertThat(b.attributeInitialCapacity(1)).isSameAs(b);
        assertThat(b.attributeLimit(2)).isSameAs(b);
        assertThat(b.eventLimit(3)).isSameAs(b);
        assertThat(b.preallocatedEvents(0)).isSameAs(b);
        assertThat(b.eventAttributeInitialCapacity(5)).isSameAs(b);
        assertThat(b.eventAttributeLimit(6)).isSameAs(b);
        assertThat(b.linkLimit(7)).isSameAs(b);
        assertThat(b.preallocatedLinks(7)).isSameAs(b);
        assertThat(b.linkAttributeInitialCapacity(0)).isSameAs(b);
        assertThat(b.linkAttributeLimit(1)).isSameAs(b);
        assertThat(b.maxAttributeValueLength(8)).isSameAs(b);
        SpanLimits l = b.build();

        assertThat(l.attributeInitialCapacity()).isEqualTo(1);
        assertThat(l.attributeLimit()).isEqualTo(2);
        assertThat(l.eventLimit()).isEqualTo(3);
        assertThat(l.preallocatedEvents()).isZero();
        assertThat(l.eventAttributeInitialCapacity()).isEqualTo(5);
        assertThat(l.eventAttributeLimit()).isEqualTo(6);
        assertThat(l.linkLimit()).isEqualTo(7);
        assertThat(l.preallocatedLinks()).isEqualTo(7);
        assertThat(l.linkAttributeInitialCapacity()).isZero();
        assertThat(l.linkAttributeLimit()).isEqualTo(1);
        assertThat(l.maxAttributeValueLength()).isEqualTo(8);
    }

    @Test
    void zeroAttributeValueLengthIsAllowed() {
        assertThat(SpanLimits.builder().maxAttributeValueLength(0).build().maxAttributeValueLength()).isZero();
    }

    @Test
    void zeroEventAndLinkLimitsAreAllowed() {
        SpanLimits l = SpanLimits.builder().eventLimit(0).preallocatedEvents(0).linkLimit(0).preallocatedLinks(0)
                .build();

        assertThat(l.eventLimit()).isZero();
        assertThat(l.linkLimit()).isZero();
    }

    @Test
    void settersRejectValuesBelowTheirMinimumNamingTheArgument() {
        SpanLimits.Builder b = SpanLimits.builder();

        assertIae(() -> b.attributeInitialCapacity(-1), "attributeInitialCapacity must be >= 0, was: -1");
        assertIae(() -> b.attributeLimit(0), "attributeLimit must be >= 1, was: 0");
        assertIae(() -> b.eventLimit(-1), "eventLimit must be >= 0, was: -1");
        assertIae(() -> b.preallocatedEvents(-2), "preallocatedEvents must be >= 0, was: -2");
        assertIae(() -> b.eventAttributeInitialCapacity(-1), "eventAttributeInitialCapacity must be >= 0, was: -1");
        assertIae(() -> b.eventAttributeLimit(0), "eventAttributeLimit must be >= 1, was: 0");
        assertIae(() -> b.linkLimit(-1), "linkLimit must be >= 0, was: -1");
        assertIae(() -> b.preallocatedLinks(-1), "preallocatedLinks must be >= 0, was: -1");
        assertIae(() -> b.linkAttributeInitialCapacity(-3), "linkAttributeInitialCapacity must be >= 0, was: -3");
        assertIae(() -> b.linkAttributeLimit(-1), "linkAttributeLimit must be >= 1, was: -1");
        assertIae(() -> b.maxAttributeValueLength(-1), "maxAttributeValueLength must be >= 0, was: -1");
        assertThat(b.build()).isEqualTo(SpanLimits.defaults());
    }

    @Test
    void buildRejectsPreallocationAboveItsLimitNamingBoth() {
        assertIae(() -> SpanLimits.builder().attributeLimit(8).build(),
                "attributeInitialCapacity must be <= attributeLimit (8), was: 16");
        assertIae(() -> SpanLimits.builder().eventLimit(2).build(),
                "preallocatedEvents must be <= eventLimit (2), was: 4");
        assertIae(() -> SpanLimits.builder().eventAttributeLimit(3).build(),
                "eventAttributeInitialCapacity must be <= eventAttributeLimit (3), was: 4");
        assertIae(() -> SpanLimits.builder().linkLimit(0).build(),
                "preallocatedLinks must be <= linkLimit (0), was: 1");
        assertIae(() -> SpanLimits.builder().linkAttributeLimit(1).build(),
                "linkAttributeInitialCapacity must be <= linkAttributeLimit (1), was: 4");
    }

    @Test
    void settersMayBeCalledInAnyOrder() {
        SpanLimits l = SpanLimits.builder().attributeInitialCapacity(200).attributeLimit(256).build();

        assertThat(l.attributeInitialCapacity()).isEqualTo(200);
        assertThat(l.attributeLimit()).isEqualTo(256);
    }

    @Test
    void equalsAndHashCodeCompareEveryValue() {
        SpanLimits d = SpanLimits.defaults();

        assertThat(d).isEqualTo(d).isNotEqualTo(null).isNotEqualTo("limits");
        assertThat(SpanLimits.builder().build()).hasSameHashCodeAs(d);
        assertThat(SpanLimits.builder().attributeInitialCapacity(1).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().attributeLimit(129).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().eventLimit(129).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().preallocatedEvents(1).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().eventAttributeInitialCapacity(1).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().eventAttributeLimit(129).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().linkLimit(129).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().preallocatedLinks(2).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().linkAttributeInitialCapacity(1).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().linkAttributeLimit(129).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().linkAttributeLimit(129).build().hashCode()).isNotEqualTo(d.hashCode());
        assertThat(SpanLimits.builder().maxAttributeValueLength(64).build()).isNotEqualTo(d);
        assertThat(SpanLimits.builder().maxAttributeValueLength(64).build().hashCode()).isNotEqualTo(d.hashCode());
    }

    @Test
    void toStringShowsEveryInitialAndLimitPair() {
        assertThat(SpanLimits.defaults()).hasToString("SpanLimits{attributes=16/128, events=4/128,"
                + " eventAttributes=4/128, links=1/128, linkAttributes=4/128}");
    }

    @Test
    void toStringShowsTheAttributeValueLengthLimitWhenThereIsOne() {
        assertThat(SpanLimits.builder().maxAttributeValueLength(64).build()).hasToString(
                "SpanLimits{attributes=16/128, events=4/128, eventAttributes=4/128, links=1/128, linkAttributes=4/128,"
                        + " maxAttributeValueLength=64}");
    }

    private static void assertIae(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
