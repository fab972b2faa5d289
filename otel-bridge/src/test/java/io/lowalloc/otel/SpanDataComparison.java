package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * Compares exported OpenTelemetry spans field by field through the {@link SpanData} getters (the
 * implementations differ: the SDK's snapshots versus the bridge's copies), reporting every
 * difference with the span and field it is in.
 */
final class SpanDataComparison {

    private SpanDataComparison() {
    }

    /** Asserts that both lists hold the same spans (matched by span id) with equal data. */
    static void assertSameSpans(List<SpanData> actual, List<SpanData> expected) {
        assertThat(actual).as("number of exported spans").hasSameSizeAs(expected);
        List<SpanData> a = sorted(actual);
        List<SpanData> e = sorted(expected);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < e.size(); i++) {
            compare(softly, a.get(i), e.get(i));
        }
        softly.assertAll();
    }

    private static List<SpanData> sorted(List<SpanData> spans) {
        List<SpanData> copy = new ArrayList<>(spans);
        copy.sort(Comparator.comparing(SpanData::getSpanId));
        return copy;
    }

    private static void compare(SoftAssertions softly, SpanData actual, SpanData expected) {
        String span = "span " + expected.getName() + " (" + expected.getSpanId() + ")";
        compareContext(softly, span + " spanContext", actual.getSpanContext(), expected.getSpanContext());
        compareContext(softly, span + " parentSpanContext", actual.getParentSpanContext(),
                expected.getParentSpanContext());
        softly.assertThat(actual.getParentSpanId()).as(span + " parentSpanId").isEqualTo(expected.getParentSpanId());
        softly.assertThat(actual.getResource()).as(span + " resource").isEqualTo(expected.getResource());
        softly.assertThat(actual.getInstrumentationScopeInfo()).as(span + " scope")
                .isEqualTo(expected.getInstrumentationScopeInfo());
        softly.assertThat(actual.getName()).as(span + " name").isEqualTo(expected.getName());
        softly.assertThat(actual.getKind()).as(span + " kind").isEqualTo(expected.getKind());
        softly.assertThat(actual.getStartEpochNanos()).as(span + " start").isEqualTo(expected.getStartEpochNanos());
        softly.assertThat(actual.getEndEpochNanos()).as(span + " end").isEqualTo(expected.getEndEpochNanos());
        softly.assertThat(actual.hasEnded()).as(span + " hasEnded").isEqualTo(expected.hasEnded());
        softly.assertThat(actual.getAttributes().asMap()).as(span + " attributes")
                .isEqualTo(expected.getAttributes().asMap());
        softly.assertThat(actual.getTotalAttributeCount()).as(span + " totalAttributeCount")
                .isEqualTo(expected.getTotalAttributeCount());
        softly.assertThat(actual.getStatus().getStatusCode()).as(span + " status code")
                .isEqualTo(expected.getStatus().getStatusCode());
        softly.assertThat(actual.getStatus().getDescription()).as(span + " status description")
                .isEqualTo(expected.getStatus().getDescription());
        softly.assertThat(actual.getTotalRecordedEvents()).as(span + " totalRecordedEvents")
                .isEqualTo(expected.getTotalRecordedEvents());
        softly.assertThat(actual.getTotalRecordedLinks()).as(span + " totalRecordedLinks")
                .isEqualTo(expected.getTotalRecordedLinks());
        softly.assertThat(actual.getEvents()).as(span + " events").hasSameSizeAs(expected.getEvents());
        for (int i = 0; i < Math.min(actual.getEvents().size(), expected.getEvents().size()); i++) {
            compareEvent(softly, span + " event " + i, actual.getEvents().get(i), expected.getEvents().get(i));
        }
        softly.assertThat(actual.getLinks()).as(span + " links").hasSameSizeAs(expected.getLinks());
        for (int i = 0; i < Math.min(actual.getLinks().size(), expected.getLinks().size()); i++) {
            compareLink(softly, span + " link " + i, actual.getLinks().get(i), expected.getLinks().get(i));
        }
    }

    private static void compareContext(SoftAssertions softly, String what, SpanContext actual, SpanContext expected) {
        softly.assertThat(actual.getTraceId()).as(what + " traceId").isEqualTo(expected.getTraceId());
        softly.assertThat(actual.getSpanId()).as(what + " spanId").isEqualTo(expected.getSpanId());
        softly.assertThat(actual.getTraceFlags()).as(what + " traceFlags").isEqualTo(expected.getTraceFlags());
        softly.assertThat(actual.getTraceState()).as(what + " traceState").isEqualTo(expected.getTraceState());
        softly.assertThat(actual.isRemote()).as(what + " isRemote").isEqualTo(expected.isRemote());
        softly.assertThat(actual.isValid()).as(what + " isValid").isEqualTo(expected.isValid());
        softly.assertThat(actual.isSampled()).as(what + " isSampled").isEqualTo(expected.isSampled());
    }

    private static void compareEvent(SoftAssertions softly, String what, EventData actual, EventData expected) {
        softly.assertThat(actual.getName()).as(what + " name").isEqualTo(expected.getName());
        softly.assertThat(actual.getEpochNanos()).as(what + " epochNanos").isEqualTo(expected.getEpochNanos());
        softly.assertThat(actual.getAttributes().asMap()).as(what + " attributes")
                .isEqualTo(expected.getAttributes().asMap());
        softly.assertThat(actual.getTotalAttributeCount()).as(what + " totalAttributeCount")
                .isEqualTo(expected.getTotalAttributeCount());
        softly.assertThat(actual.getDroppedAttributesCount()).as(what + " droppedAttributesCount")
                .isEqualTo(expected.getDroppedAttributesCount());
    }

    private static void compareLink(SoftAssertions softly, String what, LinkData actual, LinkData expected) {
        compareContext(softly, what + " spanContext", actual.getSpanContext(), expected.getSpanContext());
        softly.assertThat(actual.getAttributes().asMap()).as(what + " attributes")
                .isEqualTo(expected.getAttributes().asMap());
        softly.assertThat(actual.getTotalAttributeCount()).as(what + " totalAttributeCount")
                .isEqualTo(expected.getTotalAttributeCount());
    }
}
