package io.lowalloc.otel.internal.processor;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLink;
import io.lowalloc.core.span.StatusCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Copies an ended OpenTelemetry span ({@link ReadableSpan}) into a pooled core {@link SpanData}.
 * One instance per thread (it keeps the attribute sink being filled between callbacks); it is
 * its own {@link BiConsumer} for {@link Attributes#forEach}, so copying attributes creates no
 * lambda per call.
 *
 * <h2>Why one {@code toSpanData()} call</h2>
 * {@link ReadableSpan} in OpenTelemetry 1.68 exposes the span context, parent, name, kind, scope
 * and attributes, but not the start and end times, status, events, links, resource or the
 * recorded totals; those are only reachable through {@link ReadableSpan#toSpanData()} (the SDK's
 * {@code SdkSpan.getStartEpochNanos()} is package-private). Moreover
 * {@link ReadableSpan#getAttributes()} takes the span's lock and returns an immutable copy (an
 * array of 2 entries per attribute), whereas {@code toSpanData()} of an ended SDK span wraps the
 * span's own attribute map and event and link lists without copying them. So the copier calls
 * {@code toSpanData()} exactly once and reads everything from it: for an SDK span that costs one
 * 64-byte wrapper object, plus a 24-byte unmodifiable-list wrapper each when the span has events
 * or links. None of them leaves {@link #copy}, so once it is compiled by C2 escape analysis
 * removes them (measured: 0 bytes per copy of a span with 8 attributes, 64 before C2). Everything
 * else is copied by value or by reference into the pooled span without allocating, except array
 * attributes: OpenTelemetry holds them as boxed {@code List}s and the core stores primitive arrays,
 * so each array attribute costs one array of its length.
 *
 * <h2>Dropped counts</h2>
 * OpenTelemetry reports totals (recorded plus dropped) while the core counts drops itself when a
 * limit is reached and has no setter for a count. The copier therefore replays the SDK's drops as
 * additions past the core limit, which the core counts: this is exact when each core limit is at
 * most the SDK's (the defaults are equal); when a core limit is larger, the SDK's drops cannot be
 * represented and are lost (the data itself is complete).
 */
public final class ReadableSpanCopier implements BiConsumer<AttributeKey<?>, Object> {

    /**
     * Written only into a full attribute store, which drops and counts it: never stored. The NUL
     * makes a clash with a real key (which would block the replay) practically impossible.
     */
    static final String DROP_REPLAY_KEY = "\u0000lowalloc.dropped";

    private AttributeSink sink;

    /** Creates a copier; use it from one thread only (see the class description). */
    public ReadableSpanCopier() {
        // explicit so that the constructor is documented (javadoc on JDK 25 rejects the default one)
    }

    /**
     * Copies every field of {@code span} into {@code target} and ends it; the scope becomes the
     * target's attachment.
     *
     * @param span an ended span
     * @param target an acquired, empty pooled span
     * @return the span's resource (returned rather than the snapshot, so that the snapshot does not
     *     escape this method and escape analysis can remove it)
     * @throws RuntimeException if the span holds values the core rejects (e.g. negative times); the
     *     target is then partly written and must be released
     */
    public Resource copy(ReadableSpan span, SpanData target) {
        io.opentelemetry.sdk.trace.data.SpanData data = span.toSpanData();
        SpanContext context = data.getSpanContext();
        String traceId = context.getTraceId();
        target.setTraceId(HexIds.parseLong16(traceId, 0),
                        HexIds.parseLong16(traceId, HexIds.SPAN_ID_HEX_LENGTH))
                .setSpanId(HexIds.parseLong16(context.getSpanId(), 0))
                .setTraceFlags(context.getTraceFlags().asByte());
        SpanContext parent = data.getParentSpanContext();
        if (parent.isValid()) {
            target.setParent(HexIds.parseLong16(parent.getSpanId(), 0), parent.isRemote());
        }
        target.setName(data.getName())
                .setKind(kind(data.getKind()))
                .setStartEpochNanos(data.getStartEpochNanos())
                .setAttachment(data.getInstrumentationScopeInfo());

        Attributes attributes = data.getAttributes();
        copyAttributes(attributes, target);
        replayDroppedAttributes(data.getTotalAttributeCount() - attributes.size(), target, target.attributes(),
                target.limits().attributeLimit());

        copyEvents(data.getEvents(), data.getTotalRecordedEvents(), target);
        copyLinks(data.getLinks(), data.getTotalRecordedLinks(), target);

        StatusData status = data.getStatus();
        target.setStatus(statusCode(status.getStatusCode()), status.getDescription());
        target.end(data.getEndEpochNanos());
        return data.getResource();
    }

    private void copyEvents(List<EventData> events, int totalRecorded, SpanData target) {
        int size = events.size();
        // Indexed, not iterated: the SDK's lists are random access and an iterator would allocate.
        for (int i = 0; i < size; i++) {
            EventData event = events.get(i);
            SpanEvent copy = target.addEvent(event.getName(), event.getEpochNanos());
            Attributes attributes = event.getAttributes();
            copyAttributes(attributes, copy);
            replayDroppedAttributes(event.getTotalAttributeCount() - attributes.size(), copy, copy.attributes(),
                    target.limits().eventAttributeLimit());
        }
        int limit = target.limits().eventLimit();
        for (int dropped = totalRecorded - size; dropped > 0 && target.eventCount() >= limit; dropped--) {
            target.addEvent("", 0L); // past the limit: counted as dropped, stores nothing
        }
    }

    private void copyLinks(List<LinkData> links, int totalRecorded, SpanData target) {
        int size = links.size();
        for (int i = 0; i < size; i++) {
            LinkData link = links.get(i);
            SpanContext context = link.getSpanContext();
            String traceId = context.getTraceId();
            SpanLink copy = target.addLink(HexIds.parseLong16(traceId, 0),
                    HexIds.parseLong16(traceId, HexIds.SPAN_ID_HEX_LENGTH), HexIds.parseLong16(context.getSpanId(), 0),
                    context.getTraceFlags().asByte());
            Attributes attributes = link.getAttributes();
            copyAttributes(attributes, copy);
            replayDroppedAttributes(link.getTotalAttributeCount() - attributes.size(), copy, copy.attributes(),
                    target.limits().linkAttributeLimit());
        }
        int limit = target.limits().linkLimit();
        for (int dropped = totalRecorded - size; dropped > 0 && target.linkCount() >= limit; dropped--) {
            target.addLink(0L, 0L, 0L, (byte) 0); // past the limit: counted as dropped, stores nothing
        }
    }

    private void copyAttributes(Attributes attributes, AttributeSink into) {
        if (attributes.isEmpty()) {
            return;
        }
        sink = into;
        try {
            attributes.forEach(this);
        } finally {
            sink = null;
        }
    }

    /** Adds {@code dropped} unseen keys to a full store so that it counts them as dropped. */
    private static void replayDroppedAttributes(int dropped, AttributeSink sink, AttributeReader stored, int limit) {
        if (dropped <= 0 || stored.size() < limit || stored.indexOf(DROP_REPLAY_KEY) >= 0) {
            return;
        }
        for (int i = 0; i < dropped; i++) {
            sink.put(DROP_REPLAY_KEY, false);
        }
    }

    /** Receives one attribute from {@link Attributes#forEach} and writes it to the current sink. */
    @Override
    public void accept(AttributeKey<?> key, Object value) {
        String name = key.getKey();
        switch (key.getType()) {
            case STRING:
                sink.put(name, (String) value);
                break;
            case BOOLEAN:
                sink.put(name, ((Boolean) value).booleanValue());
                break;
            case LONG:
                sink.put(name, ((Number) value).longValue());
                break;
            case DOUBLE:
                sink.put(name, ((Number) value).doubleValue());
                break;
            case STRING_ARRAY:
                sink.put(name, stringArray((List<?>) value));
                break;
            case BOOLEAN_ARRAY:
                sink.put(name, booleanArray((List<?>) value));
                break;
            case LONG_ARRAY:
                sink.put(name, longArray((List<?>) value));
                break;
            case DOUBLE_ARRAY:
                sink.put(name, doubleArray((List<?>) value));
                break;
            default:
                // VALUE (structured values, since API 1.59): the core has no such type; its string
                // form keeps the content, as OTLP exporters without AnyValue support do.
                sink.put(name, ((Value<?>) value).asString());
                break;
        }
    }

    // Array conversions allocate one array per attribute (see the class comment). A null element,
    // which the API does not forbid, becomes null, false or 0.

    private static String[] stringArray(List<?> list) {
        int size = list.size();
        String[] array = new String[size];
        for (int i = 0; i < size; i++) {
            array[i] = (String) list.get(i);
        }
        return array;
    }

    private static boolean[] booleanArray(List<?> list) {
        int size = list.size();
        boolean[] array = new boolean[size];
        for (int i = 0; i < size; i++) {
            Object element = list.get(i);
            array[i] = element != null && (Boolean) element;
        }
        return array;
    }

    private static long[] longArray(List<?> list) {
        int size = list.size();
        long[] array = new long[size];
        for (int i = 0; i < size; i++) {
            Object element = list.get(i);
            array[i] = element == null ? 0L : ((Number) element).longValue();
        }
        return array;
    }

    private static double[] doubleArray(List<?> list) {
        int size = list.size();
        double[] array = new double[size];
        for (int i = 0; i < size; i++) {
            Object element = list.get(i);
            array[i] = element == null ? 0.0 : ((Number) element).doubleValue();
        }
        return array;
    }

    static SpanKind kind(io.opentelemetry.api.trace.SpanKind kind) {
        switch (kind) {
            case SERVER:
                return SpanKind.SERVER;
            case CLIENT:
                return SpanKind.CLIENT;
            case PRODUCER:
                return SpanKind.PRODUCER;
            case CONSUMER:
                return SpanKind.CONSUMER;
            default:
                return SpanKind.INTERNAL;
        }
    }

    static StatusCode statusCode(io.opentelemetry.api.trace.StatusCode code) {
        switch (code) {
            case OK:
                return StatusCode.OK;
            case ERROR:
                return StatusCode.ERROR;
            default:
                return StatusCode.UNSET;
        }
    }
}
