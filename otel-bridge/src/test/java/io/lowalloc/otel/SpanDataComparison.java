package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
        Differences differences = new Differences();
        for (int i = 0; i < e.size(); i++) {
            compare(differences, a.get(i), e.get(i));
        }
        assertThat(differences.found).as("fields that differ").isEmpty();
    }

    private static List<SpanData> sorted(List<SpanData> spans) {
        List<SpanData> copy = new ArrayList<>(spans);
        copy.sort(Comparator.comparing(SpanData::getSpanId));
        return copy;
    }

    private static void compare(Differences differences, SpanData actual, SpanData expected) {
        String span = "span " + expected.getName() + " (" + expected.getSpanId() + ")";
        compareContext(differences, span + " spanContext", actual.getSpanContext(), expected.getSpanContext());
        compareContext(differences, span + " parentSpanContext", actual.getParentSpanContext(),
                expected.getParentSpanContext());
        differences.check(span + " parentSpanId", actual.getParentSpanId(), expected.getParentSpanId());
        differences.check(span + " resource", actual.getResource(), expected.getResource());
        differences.check(span + " scope",
                actual.getInstrumentationScopeInfo(), expected.getInstrumentationScopeInfo());
        differences.check(span + " name", actual.getName(), expected.getName());
        differences.check(span + " kind", actual.getKind(), expected.getKind());
        differences.check(span + " start", actual.getStartEpochNanos(), expected.getStartEpochNanos());
        differences.check(span + " end", actual.getEndEpochNanos(), expected.getEndEpochNanos());
        differences.check(span + " hasEnded", actual.hasEnded(), expected.hasEnded());
        differences.check(span + " attributes", actual.getAttributes().asMap(), expected.getAttributes().asMap());
        differences.check(span + " totalAttributeCount",
                actual.getTotalAttributeCount(), expected.getTotalAttributeCount());
        differences.check(span + " status code",
                actual.getStatus().getStatusCode(), expected.getStatus().getStatusCode());
        differences.check(span + " status description",
                actual.getStatus().getDescription(), expected.getStatus().getDescription());
        differences.check(span + " totalRecordedEvents",
                actual.getTotalRecordedEvents(), expected.getTotalRecordedEvents());
        differences.check(span + " totalRecordedLinks",
                actual.getTotalRecordedLinks(), expected.getTotalRecordedLinks());
        differences.check(span + " events count", actual.getEvents().size(), expected.getEvents().size());
        for (int i = 0; i < Math.min(actual.getEvents().size(), expected.getEvents().size()); i++) {
            compareEvent(differences, span + " event " + i, actual.getEvents().get(i), expected.getEvents().get(i));
        }
        differences.check(span + " links count", actual.getLinks().size(), expected.getLinks().size());
        for (int i = 0; i < Math.min(actual.getLinks().size(), expected.getLinks().size()); i++) {
            compareLink(differences, span + " link " + i, actual.getLinks().get(i), expected.getLinks().get(i));
        }
    }

    private static void compareContext(Differences differences, String what, SpanContext actual, SpanContext expected) {
        differences.check(what + " traceId", actual.getTraceId(), expected.getTraceId());
        differences.check(what + " spanId", actual.getSpanId(), expected.getSpanId());
        differences.check(what + " traceFlags", actual.getTraceFlags(), expected.getTraceFlags());
        differences.check(what + " traceState", actual.getTraceState(), expected.getTraceState());
        differences.check(what + " isRemote", actual.isRemote(), expected.isRemote());
        differences.check(what + " isValid", actual.isValid(), expected.isValid());
        differences.check(what + " isSampled", actual.isSampled(), expected.isSampled());
    }

    private static void compareEvent(Differences differences, String what, EventData actual, EventData expected) {
        differences.check(what + " name", actual.getName(), expected.getName());
        differences.check(what + " epochNanos", actual.getEpochNanos(), expected.getEpochNanos());
        differences.check(what + " attributes", actual.getAttributes().asMap(), expected.getAttributes().asMap());
        differences.check(what + " totalAttributeCount",
                actual.getTotalAttributeCount(), expected.getTotalAttributeCount());
        differences.check(what + " droppedAttributesCount",
                actual.getDroppedAttributesCount(), expected.getDroppedAttributesCount());
    }

    private static void compareLink(Differences differences, String what, LinkData actual, LinkData expected) {
        compareContext(differences, what + " spanContext", actual.getSpanContext(), expected.getSpanContext());
        differences.check(what + " attributes", actual.getAttributes().asMap(), expected.getAttributes().asMap());
        differences.check(what + " totalAttributeCount",
                actual.getTotalAttributeCount(), expected.getTotalAttributeCount());
    }

    /** Collects every difference instead of stopping at the first, without AssertJ's proxies. */
    private static final class Differences {
        final List<String> found = new ArrayList<>();

        void check(String what, Object actual, Object expected) {
            if (!Objects.equals(actual, expected)) {
                found.add(what + ": expected <" + expected + "> but was <" + actual + ">");
            }
        }
    }
}
