package io.lowalloc.otlp;

import static io.lowalloc.otlp.ProtoWire.FIXED32;
import static io.lowalloc.otlp.ProtoWire.FIXED64;
import static io.lowalloc.otlp.ProtoWire.LENGTH_DELIMITED;
import static io.lowalloc.otlp.ProtoWire.VARINT;
import static io.lowalloc.otlp.ProtoWire.lengthDelimitedFieldSize;
import static io.lowalloc.otlp.ProtoWire.varintSize;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanLink;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes core spans as an OTLP {@code ExportTraceServiceRequest} (opentelemetry-proto 1.x):
 * one {@code ResourceSpans} with this encoder's resource, holding one {@code ScopeSpans} with its
 * instrumentation scope (core spans carry no scope: one scope per exporter) and the spans in batch
 * order. Resource and scope are encoded once, at construction, and copied into every request.
 *
 * <p><b>What is written.</b> Per span: trace id (16 bytes) and span id (8 bytes), big-endian, even
 * when zero; the {@code tracestate} ({@link SpanData#traceState()}, omitted when empty); the parent
 * span id when the span has a parent and a valid trace id (as OpenTelemetry
 * writes it only for a valid parent context); name; kind; start and end as fixed64; attributes;
 * dropped attribute, event and link counts; events (time, name, attributes, dropped attribute
 * count); links (trace and span id, {@code tracestate} when not empty, attributes, dropped
 * attribute count, flags); the status
 * message (always present, as OpenTelemetry writes it: code and description); and
 * {@code flags}: the W3C trace flags in bits 0-7, {@code SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE} always
 * and {@code SPAN_FLAGS_CONTEXT_IS_REMOTE} when the span has a parent that is remote. A link's flags
 * are its trace flags with {@code HAS_IS_REMOTE} set and {@code IS_REMOTE} set when
 * {@link SpanLink#isRemote()}. String attribute values, and string-array elements, longer than the span's
 * {@link io.lowalloc.core.span.SpanLimits#maxAttributeValueLength()} are cut to it, never
 * splitting a surrogate pair, as the bridge's views cut them (OpenTelemetry's SDK cuts at exactly
 * the limit and may leave a lone high surrogate, written as {@code '?'}). Fields at their proto3
 * default (0, empty) are omitted, except where the oneof of an {@code AnyValue} needs them. UTF-8
 * is written as {@link String#getBytes(java.nio.charset.Charset)} writes it (unpaired surrogates
 * become {@code '?'}).
 *
 * <p><b>Differences from OpenTelemetry's exporter</b> (same meaning otherwise, message for
 * message): a {@code null} element of a string-array attribute becomes an empty {@code AnyValue}
 * (OpenTelemetry's marshaler fails on it). A {@code tracestate} is written exactly as the span or
 * link carries it; OpenTelemetry's exporter writes the {@code TraceState} the bridge parsed from it,
 * serialized again as {@code key=value} members joined by {@code ','}. The two are the same string
 * for a value in that form; they differ for a value with optional whitespace or empty list members
 * (OpenTelemetry drops both) and for an invalid value (OpenTelemetry writes none). At the
 * OpenTelemetry version this build pins, the
 * request bytes are even identical, field order and omitted defaults included (the equality test
 * checks both).
 *
 * <p><b>How.</b> Two passes per request: a size pass measures each span and queues the nested
 * message sizes and string UTF-8 tokens in a {@link SizeQueue}; the write pass writes every length
 * prefix from that queue, so nothing is measured twice and nothing is allocated. The spans must
 * not change during {@link #encode}; if the write pass finds that they did, it throws.
 *
 * <p><b>Splitting.</b> {@link #encode} takes spans from {@code fromIndex} on while the request
 * stays within {@code maxRequestBytes} and returns how many it took; a caller loops until the batch
 * is done. A span that alone exceeds the maximum is encoded alone, whole, in a request of its own
 * (it is never cut or dropped here: the server may answer 413, and that answer is the exporter's
 * to report). {@link #DEFAULT_MAX_REQUEST_BYTES} is the default maximum.
 *
 * <p><b>Threads and allocation.</b> Not thread-safe: one encoder per exporting thread. Once its size
 * queue and the output buffer have reached the largest request of a workload, {@code encode}
 * allocates nothing. The batch list is read with {@code get(int)}: pass a random-access list.
 */
final class TraceRequestEncoder {

    /**
     * Default largest request, in bytes: {@value} (4 MiB). The OpenTelemetry Collector's OTLP/HTTP
     * receiver accepts 20 MiB by default ({@code max_request_body_size}) and its OTLP/gRPC receiver
     * 4 MiB ({@code max_recv_msg_size_mib}); the smaller one also fits gateways and backends that
     * keep gRPC's default message size, and it bounds the encoder's buffer.
     */
    static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    // ExportTraceServiceRequest
    private static final int REQUEST_RESOURCE_SPANS = 1;
    // ResourceSpans
    private static final int RESOURCE_SPANS_RESOURCE = 1;
    private static final int RESOURCE_SPANS_SCOPE_SPANS = 2;
    // ScopeSpans
    private static final int SCOPE_SPANS_SCOPE = 1;
    private static final int SCOPE_SPANS_SPANS = 2;
    // InstrumentationScope
    private static final int SCOPE_NAME = 1;
    private static final int SCOPE_VERSION = 2;
    // Span
    private static final int SPAN_TRACE_ID = 1;
    private static final int SPAN_SPAN_ID = 2;
    private static final int SPAN_TRACE_STATE = 3;
    private static final int SPAN_PARENT_SPAN_ID = 4;
    private static final int SPAN_NAME = 5;
    private static final int SPAN_KIND = 6;
    private static final int SPAN_START = 7;
    private static final int SPAN_END = 8;
    private static final int SPAN_ATTRIBUTES = 9;
    private static final int SPAN_DROPPED_ATTRIBUTES = 10;
    private static final int SPAN_EVENTS = 11;
    private static final int SPAN_DROPPED_EVENTS = 12;
    private static final int SPAN_LINKS = 13;
    private static final int SPAN_DROPPED_LINKS = 14;
    private static final int SPAN_STATUS = 15;
    private static final int SPAN_FLAGS = 16;
    // Span.Event
    private static final int EVENT_TIME = 1;
    private static final int EVENT_NAME = 2;
    private static final int EVENT_ATTRIBUTES = 3;
    private static final int EVENT_DROPPED_ATTRIBUTES = 4;
    // Span.Link
    private static final int LINK_TRACE_ID = 1;
    private static final int LINK_SPAN_ID = 2;
    private static final int LINK_TRACE_STATE = 3;
    private static final int LINK_ATTRIBUTES = 4;
    private static final int LINK_DROPPED_ATTRIBUTES = 5;
    private static final int LINK_FLAGS = 6;
    // Status
    private static final int STATUS_MESSAGE = 2;
    private static final int STATUS_CODE = 3;

    /** SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK. */
    static final int FLAG_HAS_IS_REMOTE = 0x100;
    /** SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK. */
    static final int FLAG_IS_REMOTE = 0x200;

    /** Tag, length and 16 bytes. */
    private static final int TRACE_ID_FIELD_SIZE = 1 + 1 + 16;
    /** Tag, length and 8 bytes. */
    private static final int SPAN_ID_FIELD_SIZE = 1 + 1 + 8;
    /** One-byte tag and eight bytes. */
    private static final int FIXED64_FIELD_SIZE = 1 + 8;
    /** The span's flags field: a two-byte tag (field 16) and four bytes. */
    private static final int SPAN_FLAGS_FIELD_SIZE = 2 + 4;
    /** A link's flags field: a one-byte tag and four bytes. */
    private static final int LINK_FLAGS_FIELD_SIZE = 1 + 4;
    /** The kind field: tag and a one-byte enum value. */
    private static final int KIND_FIELD_SIZE = 1 + 1;

    private final OtlpResource resource;
    private final String scopeName;
    private final String scopeVersion;
    /** The ResourceSpans.resource field, tag and length included. */
    private final byte[] resourceField;
    /** The ScopeSpans.scope field, tag and length included. */
    private final byte[] scopeField;
    private final SizeQueue sizes = new SizeQueue(1024);

    /**
     * Creates an encoder.
     *
     * @param resource the resource of every request
     * @param scopeName the instrumentation scope name of every span ({@code ""} for none)
     * @param scopeVersion the instrumentation scope version; {@code null} or {@code ""} for none
     * @throws NullPointerException if {@code resource} or {@code scopeName} is {@code null}
     */
    TraceRequestEncoder(OtlpResource resource, String scopeName, String scopeVersion) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.scopeName = Objects.requireNonNull(scopeName, "scopeName");
        this.scopeVersion = scopeVersion == null ? "" : scopeVersion;
        this.resourceField = messageField(RESOURCE_SPANS_RESOURCE, resource.encoded());
        this.scopeField = messageField(SCOPE_SPANS_SCOPE, encodeScope(this.scopeName, this.scopeVersion));
    }

    /** {@return the resource of every request} */
    OtlpResource resource() {
        return resource;
    }

    /** {@return the instrumentation scope name} */
    String scopeName() {
        return scopeName;
    }

    /** {@return the instrumentation scope version, {@code ""} for none} */
    String scopeVersion() {
        return scopeVersion;
    }

    /**
     * Encodes one {@code ExportTraceServiceRequest} into {@code out} (reset first) with the spans
     * of {@code batch} from {@code fromIndex} on, as many as fit in {@code maxRequestBytes} and at
     * least one (see the class documentation), and returns how many it took. When
     * {@code fromIndex == batch.size()} nothing is written and 0 is returned.
     *
     * @param batch the spans, read but never written; unchanged during the call
     * @param fromIndex the first span to encode, in {@code [0, batch.size()]}
     * @param maxRequestBytes the largest request to make, {@code > 0}
     * @param out the buffer to encode into; its previous content is discarded
     * @return how many spans, from {@code fromIndex} on, the request holds: {@code >= 1} unless
     *     {@code fromIndex == batch.size()}
     * @throws NullPointerException if {@code batch}, one of its spans, or {@code out} is {@code null}
     * @throws IllegalArgumentException if {@code fromIndex} or {@code maxRequestBytes} is out of range
     * @throws IllegalStateException if a span changed while it was being encoded
     */
    int encode(List<? extends SpanData> batch, int fromIndex, int maxRequestBytes, ProtoBuffer out) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(out, "out");
        int size = batch.size();
        if (fromIndex < 0 || fromIndex > size) {
            throw new IllegalArgumentException("fromIndex must be in [0, " + size + "], was: " + fromIndex);
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be > 0, was: " + maxRequestBytes);
        }
        out.reset();
        sizes.clear();
        if (fromIndex == size) {
            return 0;
        }
        // Size pass: take spans while the whole request still fits (always the first one).
        long spansPayload = 0L;
        int count = 0;
        for (int i = fromIndex; i < size; i++) {
            int mark = sizes.mark();
            int spanSize = sizeSpan(Objects.requireNonNull(batch.get(i), "span"));
            long withSpan = spansPayload + lengthDelimitedFieldSize(SCOPE_SPANS_SPANS, spanSize);
            if (count > 0 && requestSize(withSpan) > maxRequestBytes) {
                sizes.truncate(mark);
                break;
            }
            spansPayload = withSpan;
            count++;
        }
        long requestSize = requestSize(spansPayload);
        if (requestSize > ProtoBuffer.MAX_CAPACITY) {
            throw new IllegalStateException("request of " + requestSize + " bytes is larger than a buffer can hold");
        }
        int scopeSpans = scopeField.length + (int) spansPayload;
        int resourceSpans = resourceField.length + lengthDelimitedFieldSize(RESOURCE_SPANS_SCOPE_SPANS, scopeSpans);

        // Write pass.
        out.ensureRoom((int) requestSize);
        sizes.rewind();
        out.writeTag(REQUEST_RESOURCE_SPANS, LENGTH_DELIMITED);
        out.writeVarint(resourceSpans);
        out.writeBytes(resourceField, 0, resourceField.length);
        out.writeTag(RESOURCE_SPANS_SCOPE_SPANS, LENGTH_DELIMITED);
        out.writeVarint(scopeSpans);
        out.writeBytes(scopeField, 0, scopeField.length);
        for (int i = fromIndex, end = fromIndex + count; i < end; i++) {
            writeSpan(batch.get(i), out);
        }
        if (!sizes.fullyRead() || out.length() != requestSize) {
            throw new IllegalStateException("span data changed while it was being encoded");
        }
        return count;
    }

    /** {@return the size of the whole request when the spans' fields take {@code spansPayload} bytes} */
    private long requestSize(long spansPayload) {
        long scopeSpans = scopeField.length + spansPayload;
        long resourceSpans = resourceField.length + fieldSize(scopeSpans);
        return fieldSize(resourceSpans);
    }

    /** Size of a length-delimited field with a one-byte tag and a payload of {@code payload} bytes. */
    private static long fieldSize(long payload) {
        return 1 + varintSize(payload) + payload;
    }

    // ---------------------------------------------------------------- size pass

    private int sizeSpan(SpanData span) {
        int slot = sizes.reserve();
        int maxLength = span.limits().maxAttributeValueLength();
        int s = TRACE_ID_FIELD_SIZE + SPAN_ID_FIELD_SIZE + KIND_FIELD_SIZE + SPAN_FLAGS_FIELD_SIZE;
        if (hasValidParent(span)) {
            s += SPAN_ID_FIELD_SIZE;
        }
        // Queued before the name: the write pass takes tokens in field order (3 before 5).
        s += sizeString(span.traceState());
        s += sizeString(span.name());
        s += fixed64Size(span.startEpochNanos()) + fixed64Size(span.endEpochNanos());
        s += AttributeEncoder.size(SPAN_ATTRIBUTES, span.attributes(), maxLength, sizes);
        s += uint32Size(span.droppedAttributeCount());
        for (int i = 0, n = span.eventCount(); i < n; i++) {
            int event = sizeEvent(span.event(i), maxLength);
            s += 1 + varintSize(event) + event;
        }
        s += uint32Size(span.droppedEventCount());
        for (int i = 0, n = span.linkCount(); i < n; i++) {
            int link = sizeLink(span.link(i), maxLength);
            s += 1 + varintSize(link) + link;
        }
        s += uint32Size(span.droppedLinkCount());
        int status = sizeStatus(span);
        s += 1 + varintSize(status) + status;
        sizes.set(slot, s);
        return s;
    }

    private int sizeEvent(SpanEvent event, int maxLength) {
        int slot = sizes.reserve();
        int s = fixed64Size(event.epochNanos()) + sizeString(event.name());
        s += AttributeEncoder.size(EVENT_ATTRIBUTES, event.attributes(), maxLength, sizes);
        s += uint32Size(event.droppedAttributeCount());
        sizes.set(slot, s);
        return s;
    }

    private int sizeLink(SpanLink link, int maxLength) {
        int slot = sizes.reserve();
        int s = TRACE_ID_FIELD_SIZE + SPAN_ID_FIELD_SIZE + LINK_FLAGS_FIELD_SIZE;
        s += sizeString(link.traceState());
        s += AttributeEncoder.size(LINK_ATTRIBUTES, link.attributes(), maxLength, sizes);
        s += uint32Size(link.droppedAttributeCount());
        sizes.set(slot, s);
        return s;
    }

    private int sizeStatus(SpanData span) {
        int code = span.statusCode().ordinal();
        return sizeString(span.statusDescription()) + (code == 0 ? 0 : 1 + 1);
    }

    /** Queues the string's UTF-8 token and returns its field size (0 when empty: omitted). */
    private int sizeString(String s) {
        int token = Utf8.measure(s, s.length());
        sizes.push(token);
        int length = Utf8.length(token);
        return length == 0 ? 0 : 1 + varintSize(length) + length;
    }

    private static int fixed64Size(long value) {
        return value == 0L ? 0 : FIXED64_FIELD_SIZE;
    }

    private static int uint32Size(int value) {
        return value == 0 ? 0 : 1 + varintSize(value & 0xFFFFFFFFL);
    }

    private static boolean hasValidParent(SpanData span) {
        // OpenTelemetry writes the parent id only for a valid parent context: trace id and span id non-zero.
        return span.hasParent() && (span.traceIdHigh() != 0L || span.traceIdLow() != 0L);
    }

    // ---------------------------------------------------------------- write pass

    private void writeSpan(SpanData span, ProtoBuffer out) {
        int maxLength = span.limits().maxAttributeValueLength();
        out.writeTag(SCOPE_SPANS_SPANS, LENGTH_DELIMITED);
        out.writeVarint(sizes.next());
        writeTraceId(SPAN_TRACE_ID, span.traceIdHigh(), span.traceIdLow(), out);
        writeSpanId(SPAN_SPAN_ID, span.spanId(), out);
        writeString(SPAN_TRACE_STATE, span.traceState(), out);
        if (hasValidParent(span)) {
            writeSpanId(SPAN_PARENT_SPAN_ID, span.parentSpanId(), out);
        }
        writeString(SPAN_NAME, span.name(), out);
        out.writeTag(SPAN_KIND, VARINT);
        // SpanKind's order is OTLP's minus one (OTLP 0 is UNSPECIFIED).
        out.writeVarint(span.kind().ordinal() + 1);
        writeFixed64(SPAN_START, span.startEpochNanos(), out);
        writeFixed64(SPAN_END, span.endEpochNanos(), out);
        AttributeEncoder.write(SPAN_ATTRIBUTES, span.attributes(), maxLength, sizes, out);
        writeUint32(SPAN_DROPPED_ATTRIBUTES, span.droppedAttributeCount(), out);
        for (int i = 0, n = span.eventCount(); i < n; i++) {
            writeEvent(span.event(i), maxLength, out);
        }
        writeUint32(SPAN_DROPPED_EVENTS, span.droppedEventCount(), out);
        for (int i = 0, n = span.linkCount(); i < n; i++) {
            writeLink(span.link(i), maxLength, out);
        }
        writeUint32(SPAN_DROPPED_LINKS, span.droppedLinkCount(), out);
        writeStatus(span, out);
        int flags = (span.traceFlags() & 0xFF) | FLAG_HAS_IS_REMOTE;
        if (span.hasParent() && span.isParentRemote()) {
            flags |= FLAG_IS_REMOTE;
        }
        out.writeTag(SPAN_FLAGS, FIXED32);
        out.writeFixed32(flags);
    }

    private void writeEvent(SpanEvent event, int maxLength, ProtoBuffer out) {
        out.writeTag(SPAN_EVENTS, LENGTH_DELIMITED);
        out.writeVarint(sizes.next());
        writeFixed64(EVENT_TIME, event.epochNanos(), out);
        writeString(EVENT_NAME, event.name(), out);
        AttributeEncoder.write(EVENT_ATTRIBUTES, event.attributes(), maxLength, sizes, out);
        writeUint32(EVENT_DROPPED_ATTRIBUTES, event.droppedAttributeCount(), out);
    }

    private void writeLink(SpanLink link, int maxLength, ProtoBuffer out) {
        out.writeTag(SPAN_LINKS, LENGTH_DELIMITED);
        out.writeVarint(sizes.next());
        writeTraceId(LINK_TRACE_ID, link.traceIdHigh(), link.traceIdLow(), out);
        writeSpanId(LINK_SPAN_ID, link.spanId(), out);
        writeString(LINK_TRACE_STATE, link.traceState(), out);
        AttributeEncoder.write(LINK_ATTRIBUTES, link.attributes(), maxLength, sizes, out);
        writeUint32(LINK_DROPPED_ATTRIBUTES, link.droppedAttributeCount(), out);
        int flags = (link.traceFlags() & 0xFF) | FLAG_HAS_IS_REMOTE;
        if (link.isRemote()) {
            flags |= FLAG_IS_REMOTE;
        }
        out.writeTag(LINK_FLAGS, FIXED32);
        out.writeFixed32(flags);
    }

    private void writeStatus(SpanData span, ProtoBuffer out) {
        // The status size is not queued: recomputed from the queued description token.
        String description = span.statusDescription();
        int token = sizes.next();
        int length = Utf8.length(token);
        int code = span.statusCode().ordinal();
        out.writeTag(SPAN_STATUS, LENGTH_DELIMITED);
        out.writeVarint((length == 0 ? 0 : 1 + varintSize(length) + length) + (code == 0 ? 0 : 2));
        if (length != 0) {
            out.writeTag(STATUS_MESSAGE, LENGTH_DELIMITED);
            out.writeVarint(length);
            out.writeUtf8(description, description.length(), token);
        }
        if (code != 0) {
            // StatusCode's order is OTLP's: UNSET 0, OK 1, ERROR 2.
            out.writeTag(STATUS_CODE, VARINT);
            out.writeVarint(code);
        }
    }

    private void writeString(int fieldNumber, String s, ProtoBuffer out) {
        int token = sizes.next();
        int length = Utf8.length(token);
        if (length != 0) {
            out.writeTag(fieldNumber, LENGTH_DELIMITED);
            out.writeVarint(length);
            out.writeUtf8(s, s.length(), token);
        }
    }

    private static void writeTraceId(int fieldNumber, long high, long low, ProtoBuffer out) {
        out.writeTag(fieldNumber, LENGTH_DELIMITED);
        out.writeVarint(16);
        out.writeLongBigEndian(high);
        out.writeLongBigEndian(low);
    }

    private static void writeSpanId(int fieldNumber, long spanId, ProtoBuffer out) {
        out.writeTag(fieldNumber, LENGTH_DELIMITED);
        out.writeVarint(8);
        out.writeLongBigEndian(spanId);
    }

    private static void writeFixed64(int fieldNumber, long value, ProtoBuffer out) {
        if (value != 0L) {
            out.writeTag(fieldNumber, FIXED64);
            out.writeFixed64(value);
        }
    }

    private static void writeUint32(int fieldNumber, int value, ProtoBuffer out) {
        if (value != 0) {
            out.writeTag(fieldNumber, VARINT);
            out.writeVarint(value);
        }
    }

    // ---------------------------------------------------------------- construction

    private static byte[] encodeScope(String name, String version) {
        ProtoBuffer out = new ProtoBuffer(16 + 3 * (name.length() + version.length()));
        writeConstantString(SCOPE_NAME, name, out);
        writeConstantString(SCOPE_VERSION, version, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static void writeConstantString(int fieldNumber, String s, ProtoBuffer out) {
        int token = Utf8.measure(s, s.length());
        int length = Utf8.length(token);
        if (length != 0) {
            out.writeTag(fieldNumber, LENGTH_DELIMITED);
            out.writeVarint(length);
            out.writeUtf8(s, s.length(), token);
        }
    }

    private static byte[] messageField(int fieldNumber, byte[] payload) {
        ProtoBuffer out = new ProtoBuffer(lengthDelimitedFieldSize(fieldNumber, payload.length));
        out.writeTag(fieldNumber, LENGTH_DELIMITED);
        out.writeVarint(payload.length);
        out.writeBytes(payload, 0, payload.length);
        return Arrays.copyOf(out.array(), out.length());
    }
}
