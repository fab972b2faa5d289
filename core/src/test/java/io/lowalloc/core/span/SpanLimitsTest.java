package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpanLimitsTest {

    @Test
    void defaultsMatchTheDocumentedConstants() {
        SpanLimits d = SpanLimits.defaults();

        assertThat(d.attributeInitialCapacity()).isZero().isEqualTo(SpanLimits.DEFAULT_ATTRIBUTE_INITIAL_CAPACITY);
        assertThat(d.attributeLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_ATTRIBUTE_LIMIT);
        assertThat(d.eventLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_EVENT_LIMIT);
        assertThat(d.preallocatedEvents()).isZero().isEqualTo(SpanLimits.DEFAULT_PREALLOCATED_EVENTS);
        assertThat(d.eventAttributeInitialCapacity())
                .isZero().isEqualTo(SpanLimits.DEFAULT_EVENT_ATTRIBUTE_INITIAL_CAPACITY);
        assertThat(d.eventAttributeLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_EVENT_ATTRIBUTE_LIMIT);
        assertThat(d.linkLimit()).isEqualTo(128).isEqualTo(SpanLimits.DEFAULT_LINK_LIMIT);
        assertThat(d.preallocatedLinks()).isZero().isEqualTo(SpanLimits.DEFAULT_PREALLOCATED_LINKS);
        assertThat(d.linkAttributeInitialCapacity())
                .isZero().isEqualTo(SpanLimits.DEFAULT_LINK_ATTRIBUTE_INITIAL_CAPACITY);
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
    void settersRejectValuesBelowTheirMinimumNamingTheArgumentAndTheRange() {
        SpanLimits.Builder b = SpanLimits.builder();

        assertIae(() -> b.attributeInitialCapacity(-1), "attributeInitialCapacity must be in [0, 1024], was: -1");
        assertIae(() -> b.attributeLimit(0), "attributeLimit must be >= 1, was: 0");
        assertIae(() -> b.eventLimit(-1), "eventLimit must be >= 0, was: -1");
        assertIae(() -> b.preallocatedEvents(-2), "preallocatedEvents must be in [0, 1024], was: -2");
        assertIae(() -> b.eventAttributeInitialCapacity(-1), "eventAttributeInitialCapacity must be in [0, 1024], was: -1");
        assertIae(() -> b.eventAttributeLimit(0), "eventAttributeLimit must be >= 1, was: 0");
        assertIae(() -> b.linkLimit(-1), "linkLimit must be >= 0, was: -1");
        assertIae(() -> b.preallocatedLinks(-1), "preallocatedLinks must be in [0, 1024], was: -1");
        assertIae(() -> b.linkAttributeInitialCapacity(-3), "linkAttributeInitialCapacity must be in [0, 1024], was: -3");
        assertIae(() -> b.linkAttributeLimit(-1), "linkAttributeLimit must be >= 1, was: -1");
        assertIae(() -> b.maxAttributeValueLength(-1), "maxAttributeValueLength must be >= 0, was: -1");
        assertThat(b.build()).isEqualTo(SpanLimits.defaults());
    }

    @Test
    void buildRejectsPreallocationAboveItsLimitNamingBoth() {
        assertIae(() -> SpanLimits.builder().attributeInitialCapacity(16).attributeLimit(8).build(),
                "attributeInitialCapacity must be <= attributeLimit (8), was: 16");
        assertIae(() -> SpanLimits.builder().preallocatedEvents(4).eventLimit(2).build(),
                "preallocatedEvents must be <= eventLimit (2), was: 4");
        assertIae(() -> SpanLimits.builder().eventAttributeInitialCapacity(4).eventAttributeLimit(3).build(),
                "eventAttributeInitialCapacity must be <= eventAttributeLimit (3), was: 4");
        assertIae(() -> SpanLimits.builder().preallocatedLinks(1).linkLimit(0).build(),
                "preallocatedLinks must be <= linkLimit (0), was: 1");
        assertIae(() -> SpanLimits.builder().linkAttributeInitialCapacity(4).linkAttributeLimit(1).build(),
                "linkAttributeInitialCapacity must be <= linkAttributeLimit (1), was: 4");
    }

    /**
     * Issue 9 hazard: {@code preallocatedEvents(Integer.MAX_VALUE)} (with a limit as large) was
     * accepted and the first span died with {@code OutOfMemoryError}. Every preallocation knob is
     * bounded, and so is their sum per span.
     */
    @Test
    void preallocationsAboveTheirBoundAreRejectedNamingTheArgumentAndTheRange() {
        assertIae(() -> SpanLimits.builder().eventLimit(Integer.MAX_VALUE).preallocatedEvents(Integer.MAX_VALUE),
                "preallocatedEvents must be in [0, 1024], was: 2147483647");
        assertIae(() -> SpanLimits.builder().attributeInitialCapacity(1025),
                "attributeInitialCapacity must be in [0, 1024], was: 1025");
        assertIae(() -> SpanLimits.builder().eventAttributeInitialCapacity(Integer.MAX_VALUE),
                "eventAttributeInitialCapacity must be in [0, 1024], was: 2147483647");
        assertIae(() -> SpanLimits.builder().preallocatedLinks(1 << 20),
                "preallocatedLinks must be in [0, 1024], was: 1048576");
        assertIae(() -> SpanLimits.builder().linkAttributeInitialCapacity(4096),
                "linkAttributeInitialCapacity must be in [0, 1024], was: 4096");
    }

    @Test
    void theBoundsAreTheDocumentedConstantsAndEachKnobAcceptsItsBound() {
        assertThat(SpanLimits.MAX_PREALLOCATION).isEqualTo(1024);
        assertThat(SpanLimits.MAX_PREALLOCATED_ATTRIBUTES_PER_SPAN).isEqualTo(65_536);

        SpanLimits l = SpanLimits.builder()
                .attributeLimit(Integer.MAX_VALUE).attributeInitialCapacity(1024)
                .eventLimit(Integer.MAX_VALUE).preallocatedEvents(1024).eventAttributeInitialCapacity(0)
                .linkLimit(Integer.MAX_VALUE).preallocatedLinks(1024)
                .linkAttributeLimit(1024).linkAttributeInitialCapacity(63)
                .build();

        assertThat(l.attributeInitialCapacity()).isEqualTo(1024);
        assertThat(l.preallocatedEvents()).isEqualTo(1024);
        assertThat(l.preallocatedLinks()).isEqualTo(1024);
        assertThat(l.attributeLimit()).as("limits are not bounded: they only cap growth").isEqualTo(Integer.MAX_VALUE);
        assertThat(SpanLimits.builder().eventAttributeLimit(1024).eventAttributeInitialCapacity(1024).build()
                .eventAttributeInitialCapacity()).isEqualTo(1024);
        SpanData span = SpanData.create(l);
        assertThat(span.addEvent("e", 1L).isRecorded()).isTrue();
    }

    @Test
    void preallocatedAttributeSlotsPerSpanAreBoundedAtBuild() {
        SpanLimits.Builder b = SpanLimits.builder()
                .eventLimit(1024).preallocatedEvents(1024).eventAttributeLimit(1024).eventAttributeInitialCapacity(64);

        SpanLimits atTheBound = b.attributeInitialCapacity(0).preallocatedLinks(0).build();
        assertThat(atTheBound.preallocatedEvents() * atTheBound.eventAttributeInitialCapacity()).isEqualTo(65_536);
        assertIae(() -> b.attributeInitialCapacity(1).build(),
                "attributeInitialCapacity + preallocatedEvents * eventAttributeInitialCapacity"
                        + " + preallocatedLinks * linkAttributeInitialCapacity (attribute slots preallocated"
                        + " per span) must be in [0, 65536], was: 1 + 1024 * 64 + 0 * 0 = 65537");
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
        assertThat(SpanLimits.defaults()).hasToString("SpanLimits{attributes=0/128, events=0/128,"
                + " eventAttributes=0/128, links=0/128, linkAttributes=0/128}");
    }

    @Test
    void toStringShowsTheAttributeValueLengthLimitWhenThereIsOne() {
        assertThat(SpanLimits.builder().maxAttributeValueLength(64).build()).hasToString(
                "SpanLimits{attributes=0/128, events=0/128, eventAttributes=0/128, links=0/128, linkAttributes=0/128,"
                        + " maxAttributeValueLength=64}");
    }

    private static void assertIae(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
