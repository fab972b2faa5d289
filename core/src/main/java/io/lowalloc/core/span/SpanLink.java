package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;

/**
 * A link from a {@link SpanData} to another span (for example the producer of a message a
 * batch consumer handles), preallocated and reused with the span. Obtained from
 * {@link SpanData#addLink(long, long, long, byte)} or {@link SpanData#link(int)}; never created
 * directly. Ids are primitives: the trace id as two longs, the span id as one.
 *
 * <p>Readable in any state. Writable (its attributes, through the {@code put} methods) only
 * while the owning span is {@link SpanState#ACQUIRED}, exactly like the span: a write through a
 * reference kept after the span ended, was submitted or went back to its pool throws
 * {@link IllegalStateException}. Past {@link SpanLimits#linkAttributeLimit()} attributes, new
 * keys are dropped and counted in {@link #droppedAttributeCount()}.
 *
 * <p>Not thread-safe, like its span. Writing allocates nothing once the link's attribute
 * storage is warm.
 */
public final class SpanLink implements AttributeSink {

    private final AttributeStore attributes;
    private final GuardedAttributes sink;
    private final boolean recorded;
    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;
    private byte traceFlags;

    SpanLink(SpanData span, AttributeStore attributes, boolean recorded) {
        this.attributes = attributes;
        this.sink = new GuardedAttributes(span, attributes, !recorded);
        this.recorded = recorded;
    }

    void set(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags) {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.traceFlags = traceFlags;
    }

    void reset() {
        set(0L, 0L, 0L, (byte) 0);
        attributes.clear();
    }

    /**
     * Returns the high 64 bits of the linked trace id.
     *
     * @return the high half of the trace id (0 for a reset link)
     */
    public long traceIdHigh() {
        return traceIdHigh;
    }

    /**
     * Returns the low 64 bits of the linked trace id.
     *
     * @return the low half of the trace id (0 for a reset link)
     */
    public long traceIdLow() {
        return traceIdLow;
    }

    /**
     * Returns the linked span id.
     *
     * @return the span id (0 for a reset link)
     */
    public long spanId() {
        return spanId;
    }

    /**
     * Returns the W3C trace flags of the linked span context.
     *
     * @return the trace flags byte
     */
    public byte traceFlags() {
        return traceFlags;
    }

    /**
     * Tells whether the linked span context is sampled (trace flags bit 0).
     *
     * @return whether the sampled flag is set
     */
    public boolean isSampled() {
        return (traceFlags & SpanData.FLAG_SAMPLED) != 0;
    }

    /**
     * Returns the link's attributes, a live read-only view (no copy).
     *
     * @return the attributes
     */
    public AttributeReader attributes() {
        return attributes;
    }

    /**
     * Returns how many attribute keys were dropped because the link's attribute limit was
     * reached.
     *
     * @return the dropped count, {@code >= 0}
     */
    public int droppedAttributeCount() {
        return attributes.droppedCount();
    }

    /**
     * Tells whether this link is recorded in its span. {@code false} only for the stand-in that
     * {@link SpanData#addLink(long, long, long, byte)} returns once the link limit is reached: the
     * link was dropped and counted, and attributes written to the stand-in are checked, then
     * discarded.
     *
     * @return whether the link is part of the span
     */
    public boolean isRecorded() {
        return recorded;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, String value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, long value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, double value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, boolean value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, String[] value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, long[] value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, double[] value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, boolean[] value) {
        sink.put(key, value);
    }

    /**
     * Returns a readable form with the ids in hex. Allocates; not for hot paths.
     *
     * @return a description of the link
     */
    @Override
    public String toString() {
        return String.format("SpanLink{traceId=%016x%016x, spanId=%016x, traceFlags=%02x, attributes=%s%s}",
                traceIdHigh, traceIdLow, spanId, traceFlags, attributes, recorded ? "" : ", dropped stand-in");
    }
}
