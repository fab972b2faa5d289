package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.StatusCode;
import io.lowalloc.otel.testing.ExportOnlyExporter;
import io.lowalloc.otel.testing.SampleSpans;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An exporter that keeps every kind of object a view-mode export hands out and reads it after the
 * export's result: each read throws {@link IllegalStateException} naming copy mode, both when no
 * export runs and inside the next export (whose views reuse the same pooled objects), instead of
 * showing the data of another span.
 */
class LateViewReadTest {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.method");
    private static final AttributeKey<List<String>> TAGS = AttributeKey.stringArrayKey("tags");

    /** Everything one export handed out, taken the way an exporter that keeps spans would. */
    record Kept(Collection<io.opentelemetry.sdk.trace.data.SpanData> batch,
            Iterator<io.opentelemetry.sdk.trace.data.SpanData> batchIterator,
            io.opentelemetry.sdk.trace.data.SpanData span, Attributes attributes, List<String> arrayValue,
            Iterator<String> arrayIterator, SpanContext context, SpanContext parent, StatusData status,
            List<EventData> events, Iterator<EventData> eventIterator, EventData event, Attributes eventAttributes,
            List<LinkData> links, LinkData link, Attributes linkAttributes, SpanContext linkContext) {

        static Kept from(Collection<io.opentelemetry.sdk.trace.data.SpanData> batch) {
            Iterator<io.opentelemetry.sdk.trace.data.SpanData> batchIterator = batch.iterator();
            io.opentelemetry.sdk.trace.data.SpanData span = batchIterator.next();
            Attributes attributes = span.getAttributes();
            List<String> arrayValue = attributes.get(TAGS);
            List<EventData> events = span.getEvents();
            Iterator<EventData> eventIterator = events.iterator();
            EventData event = eventIterator.next();
            List<LinkData> links = span.getLinks();
            LinkData link = links.get(0);
            return new Kept(batch, batchIterator, span, attributes, arrayValue, arrayValue.iterator(),
                    span.getSpanContext(), span.getParentSpanContext(), span.getStatus(), events, eventIterator,
                    event, event.getAttributes(), links, link, link.getAttributes(), link.getSpanContext());
        }
    }

    static Stream<Arguments> lateReads() {
        return Stream.of(
                read("batch Collection size", k -> k.batch().size()),
                read("batch Collection iterator", k -> k.batch().iterator().next()),
                read("batch Collection get", k -> ((List<?>) k.batch()).get(0)),
                read("batch iterator hasNext", k -> k.batchIterator().hasNext()),
                read("batch iterator next", k -> k.batchIterator().next()),
                read("SpanData name", k -> k.span().getName()),
                read("SpanData attributes", k -> k.span().getAttributes()),
                read("SpanData events", k -> k.span().getEvents()),
                read("Attributes get", k -> k.attributes().get(METHOD)),
                read("Attributes size", k -> k.attributes().size()),
                read("Attributes forEach", k -> {
                    List<Object> values = new ArrayList<>();
                    k.attributes().forEach((key, value) -> values.add(value));
                    return values;
                }),
                read("Attributes asMap", k -> k.attributes().asMap()),
                read("Attributes toBuilder", k -> k.attributes().toBuilder()),
                read("array attribute value get", k -> k.arrayValue().get(0)),
                read("array attribute value size", k -> k.arrayValue().size()),
                read("array attribute value iterator", k -> k.arrayIterator().hasNext()),
                read("SpanContext span id", k -> k.context().getSpanId()),
                read("SpanContext validity", k -> k.context().isValid()),
                read("SpanContext trace flags", k -> k.context().getTraceFlags()),
                read("parent SpanContext span id", k -> k.parent().getSpanId()),
                read("parent SpanContext remote", k -> k.parent().isRemote()),
                read("status description", k -> k.status().getDescription()),
                read("status code", k -> k.status().getStatusCode()),
                read("events list size", k -> k.events().size()),
                read("events list get", k -> k.events().get(0)),
                read("events iterator", k -> k.eventIterator().hasNext()),
                read("EventData name", k -> k.event().getName()),
                read("EventData time", k -> k.event().getEpochNanos()),
                read("event Attributes", k -> k.eventAttributes().get(AttributeKey.stringKey("reason"))),
                read("links list size", k -> k.links().size()),
                read("links list get", k -> k.links().get(0)),
                read("LinkData attribute count", k -> k.link().getTotalAttributeCount()),
                read("LinkData span context", k -> k.link().getSpanContext()),
                read("link Attributes", k -> k.linkAttributes().size()),
                read("link SpanContext", k -> k.linkContext().getTraceId()));
    }

    private static Arguments read(String what, Function<Kept, Object> read) {
        return Arguments.of(what, read);
    }

    /** A span with other values than {@link SampleSpans#full()} in every field the reads touch. */
    private static SpanData otherSpan() {
        SpanData span = SpanData.create(SpanLimits.defaults())
                .setTraceId(5L, 6L).setSpanId(7L).setParent(8L, false).setName("other")
                .setStatus(StatusCode.ERROR, "other failure");
        span.put("http.method", "POST");
        span.put("tags", new String[] {"other"});
        span.addEvent("other event", 1L).put("reason", "other reason");
        span.addLink(9L, 10L, 11L, (byte) 0).put("other.link", 1L);
        span.end(2L);
        return span;
    }

    private static void assertThrowsNamingCopyMode(String what, Throwable thrown, Object read) {
        assertThat(thrown).as("late read of %s returned %s", what, read)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copy mode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lateReads")
    void lateReadAfterTheResultThrowsNamingCopyMode(String what, Function<Kept, Object> late) {
        AtomicReference<Kept> kept = new AtomicReference<>();
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(new ScriptedExporter(spans -> {
            kept.set(Kept.from(spans));
            return CompletableResultCode.ofSuccess();
        })).build();
        adapter.export(List.of(SampleSpans.full(), SampleSpans.full()), new RecordingCompletion());

        AtomicReference<Object> read = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> read.set(late.apply(kept.get())));

        assertThrowsNamingCopyMode(what, thrown, read.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lateReads")
    void lateReadInsideTheNextExportThrowsNamingCopyMode(String what, Function<Kept, Object> late) {
        AtomicReference<Kept> kept = new AtomicReference<>();
        AtomicReference<Object> read = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        // Not a ScriptedExporter: that one copies each batch before the script runs, which would
        // take this export's views (the same reused objects) before the late read.
        ExportOnlyExporter exporter = spans -> {
            Kept earlier = kept.get();
            if (earlier == null) {
                kept.set(Kept.from(spans));
            } else {
                thrown.set(catchThrowable(() -> read.set(late.apply(earlier))));
                Kept.from(spans);
            }
            return CompletableResultCode.ofSuccess();
        };
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(exporter).build();
        adapter.export(List.of(SampleSpans.full(), SampleSpans.full()), new RecordingCompletion());
        RecordingCompletion second = new RecordingCompletion();

        adapter.export(List.of(otherSpan(), otherSpan()), second);

        assertThat(second.successes).hasValue(1);
        assertThrowsNamingCopyMode(what, thrown.get(), read.get());
    }

    @org.junit.jupiter.api.Test
    void keptSpanTakenAgainByALaterExportShowsThatExportsSpanUntilItsResult() {
        // The limit of reuse without allocation: the same view object serves the later export
        // once its exporter takes it, so a reference kept from earlier reads the later span
        // while that export runs, and fails again once it completes.
        List<io.opentelemetry.sdk.trace.data.SpanData> kept = new ArrayList<>();
        List<String> namesSeenThroughTheKeptReference = new ArrayList<>();
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(new ScriptedExporter(spans -> {
            if (kept.isEmpty()) {
                kept.add(spans.iterator().next());
            } else {
                spans.iterator().next(); // takes the reused view again
                namesSeenThroughTheKeptReference.add(kept.get(0).getName());
            }
            return CompletableResultCode.ofSuccess();
        })).build();

        adapter.export(List.of(SampleSpans.full()), new RecordingCompletion());
        adapter.export(List.of(otherSpan()), new RecordingCompletion());

        assertThat(namesSeenThroughTheKeptReference).containsExactly("other");
        assertThat(catchThrowable(() -> kept.get(0).getName())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copy mode");
    }
}
