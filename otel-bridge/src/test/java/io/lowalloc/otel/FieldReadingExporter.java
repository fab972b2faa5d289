package io.lowalloc.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A no-op exporter that reads every field of every span the way a real exporter would: contexts,
 * name, kind, times, status, attributes with {@code forEach} (array values element by element),
 * events and links with for-each loops and their attributes, totals, resource and scope; and,
 * when asked, the hex id strings (each one twice, to show they are made once). Optionally
 * allocates one {@code long[2]} per span, to show that the allocation detectors catch it.
 *
 * <p>No string literals on the export path: a JIT compilation may resolve a method's literals on
 * the thread that runs it, which a measurement would wrongly charge to the spans.
 */
final class FieldReadingExporter implements SpanExporter {

    /** Where the injected allocation escapes to, so that escape analysis cannot remove it. */
    private static volatile Object escape;

    private final boolean readHexIds;
    private final boolean injectAllocation;
    private final Folder folder = new Folder();
    private volatile long checksum;
    private volatile long spans;

    FieldReadingExporter(boolean readHexIds, boolean injectAllocation) {
        this.readHexIds = readHexIds;
        this.injectAllocation = injectAllocation;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        long sum = 0;
        long count = 0;
        for (SpanData span : batch) {
            sum += read(span);
            count++;
        }
        checksum += sum;
        spans += count;
        return CompletableResultCode.ofSuccess();
    }

    private long read(SpanData span) {
        long sum = span.getName().length() + span.getKind().ordinal();
        sum += readContext(span.getSpanContext()) + readContext(span.getParentSpanContext());
        sum += span.getStartEpochNanos() + span.getEndEpochNanos() + (span.hasEnded() ? 1 : 0);
        StatusData status = span.getStatus();
        sum += status.getStatusCode().ordinal() + status.getDescription().length();
        sum += readAttributes(span);
        sum += span.getTotalAttributeCount() + span.getTotalRecordedEvents() + span.getTotalRecordedLinks();
        for (EventData event : span.getEvents()) {
            sum += event.getName().length() + event.getEpochNanos() + event.getTotalAttributeCount()
                    + event.getDroppedAttributesCount();
            folder.sum = 0;
            event.getAttributes().forEach(folder);
            sum += folder.sum;
        }
        for (LinkData link : span.getLinks()) {
            sum += readContext(link.getSpanContext()) + link.getTotalAttributeCount();
            folder.sum = 0;
            link.getAttributes().forEach(folder);
            sum += folder.sum;
        }
        sum += span.getResource().getAttributes().size();
        sum += span.getInstrumentationScopeInfo().getName().length();
        if (readHexIds) {
            sum += span.getTraceId().length() + span.getSpanId().length() + span.getParentSpanId().length();
        }
        if (injectAllocation) {
            escape = new long[2];
        }
        return sum;
    }

    private long readAttributes(SpanData span) {
        folder.sum = 0;
        span.getAttributes().forEach(folder);
        return folder.sum + span.getAttributes().size();
    }

    private long readContext(SpanContext context) {
        long sum = (context.isValid() ? 1 : 0) + context.getTraceFlags().asByte() + (context.isRemote() ? 2 : 0)
                + (context.isSampled() ? 4 : 0) + context.getTraceState().size();
        if (readHexIds && context.isValid()) {
            sum += context.getTraceId().length() + context.getSpanId().length();
        }
        return sum;
    }

    /** Spans read so far; read it after a flush. */
    long spans() {
        return spans;
    }

    /** A value depending on everything read; read it after a flush. */
    long checksum() {
        return checksum;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** Folds every key and value, array elements one by one; preallocated, reused for every read. */
    private static final class Folder implements BiConsumer<AttributeKey<?>, Object> {

        long sum;

        @Override
        public void accept(AttributeKey<?> key, Object value) {
            sum += key.getKey().length() + key.getType().ordinal();
            if (value instanceof List) {
                for (Object element : (List<?>) value) {
                    sum += element.hashCode();
                }
            } else {
                sum += value.hashCode();
            }
        }
    }
}
