package io.lowalloc.core.span;

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
public final class SpanLink extends GuardedAttributeHolder {

    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;
    private byte traceFlags;

    SpanLink(SpanData span, AttributeStore attributes, boolean recorded) {
        super(span, attributes, recorded);
    }

    void set(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags) {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.traceFlags = traceFlags;
    }

    void reset() {
        set(0L, 0L, 0L, (byte) 0);
        store().clear();
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
     * Returns a readable form with the ids in hex. Allocates; not for hot paths.
     *
     * @return a description of the link
     */
    @Override
    public String toString() {
        return String.format("SpanLink{traceId=%016x%016x, spanId=%016x, traceFlags=%02x, attributes=%s%s}",
                traceIdHigh, traceIdLow, spanId, traceFlags, store(), isRecorded() ? "" : ", dropped stand-in");
    }
}
