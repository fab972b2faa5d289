package io.lowalloc.benchmarks.span;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A no-op {@link SpanExporter} that reads every field of every span it is given — ids as the hex
 * strings an exporter asks for, name, kind, times, status, every attribute, events, links,
 * resource and scope — and counts the spans. It sends nothing anywhere and succeeds at once. It
 * keeps no reference to a span after {@link #export} returns, so pooled views may be reused.
 */
public final class ReadingSpanExporter implements SpanExporter {

    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private long checksum;
    private volatile long published;
    // Made once: a lambda per call would allocate.
    private final BiConsumer<AttributeKey<?>, Object> attributeReader = this::readAttribute;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        long sum = 0;
        int n = 0;
        if (spans instanceof List) {
            List<SpanData> list = (List<SpanData>) spans;
            for (int i = 0, size = list.size(); i < size; i++) {
                sum += read(list.get(i));
                n++;
            }
        } else {
            for (SpanData span : spans) {
                sum += read(span);
                n++;
            }
        }
        published = sum + checksum;
        exported.addAndGet(n);
        calls.incrementAndGet();
        return CompletableResultCode.ofSuccess();
    }

    private long read(SpanData span) {
        SpanContext context = span.getSpanContext();
        long sum = context.getTraceId().length() + context.getSpanId().length() + context.getTraceFlags().asByte();
        sum += context.getTraceState().size();
        SpanContext parent = span.getParentSpanContext();
        sum += parent.isValid() ? parent.getSpanId().length() : 0;
        sum += span.getName().length() + span.getKind().ordinal();
        sum += span.getStartEpochNanos() + span.getEndEpochNanos();
        sum += span.getStatus().getStatusCode().ordinal() + span.getStatus().getDescription().length();
        sum += span.hasEnded() ? 1 : 0;
        sum += span.getTotalAttributeCount() + span.getTotalRecordedEvents() + span.getTotalRecordedLinks();
        sum += span.getResource().getAttributes().size();
        sum += span.getInstrumentationScopeInfo().getName().length();
        span.getAttributes().forEach(attributeReader);
        List<EventData> events = span.getEvents();
        for (int i = 0, size = events.size(); i < size; i++) {
            EventData event = events.get(i);
            sum += event.getEpochNanos() + event.getName().length();
            event.getAttributes().forEach(attributeReader);
        }
        List<LinkData> links = span.getLinks();
        for (int i = 0, size = links.size(); i < size; i++) {
            LinkData link = links.get(i);
            sum += link.getSpanContext().getSpanId().length();
            link.getAttributes().forEach(attributeReader);
        }
        return sum;
    }

    private void readAttribute(AttributeKey<?> key, Object value) {
        // Touch the key and the value without formatting either (toString could allocate).
        checksum += key.getKey().length() + (value instanceof String ? ((String) value).length() : 1);
    }

    /**
     * Returns how many spans were exported so far.
     *
     * @return the span count
     */
    public long exportedSpans() {
        return exported.get();
    }

    /**
     * Returns how many export calls were made so far.
     *
     * @return the call count
     */
    public long exportCalls() {
        return calls.get();
    }

    /**
     * Returns a checksum of everything read, so that no read is dead code.
     *
     * @return the checksum of the last call
     */
    public long checksum() {
        return published;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
