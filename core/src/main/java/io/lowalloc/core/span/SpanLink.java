package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeStore;

/**
 * A link from a {@link SpanData} to another span (for example the producer of a message a batch
 * consumer handles), preallocated and reused with the span; obtained from
 * {@link SpanData#addLink(long, long, long, byte)} or {@link SpanData#link(int)}, never created
 * directly. Ids are primitives: the trace id as two longs, the span id as one. Past
 * {@link SpanLimits#linkAttributeLimit()} attributes, new keys are dropped and counted.
 *
 * <p>Its {@code put}s are guarded by the span's state exactly like the span's own (see
 * {@link SpanData}). Readable in any state. Not thread-safe, like its span; writing allocates
 * nothing once the link's attribute storage is warm.
 */
public final class SpanLink extends GuardedAttributeHolder {

    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;
    private byte traceFlags;
    private boolean remote;
    private String traceState = "";

    SpanLink(SpanData span, AttributeStore attributes, boolean recorded) {
        super(span, attributes, recorded);
    }

    void set(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, boolean remote, String traceState) {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.traceFlags = traceFlags;
        this.remote = remote;
        this.traceState = traceState;
    }

    void reset() {
        set(0L, 0L, 0L, (byte) 0, false, "");
        store().clear();
    }

    /** {@return the high 64 bits of the linked trace id, 0 for a reset link} */
    public long traceIdHigh() {
        return traceIdHigh;
    }

    /** {@return the low 64 bits of the linked trace id, 0 for a reset link} */
    public long traceIdLow() {
        return traceIdLow;
    }

    /** {@return the linked span id, 0 for a reset link} */
    public long spanId() {
        return spanId;
    }

    /** {@return the W3C trace flags of the linked span context} */
    public byte traceFlags() {
        return traceFlags;
    }

    /** {@return whether the linked span context was propagated from another process} */
    public boolean isRemote() {
        return remote;
    }

    /** {@return the linked context's W3C {@code tracestate} value, {@code ""} if none} */
    public String traceState() {
        return traceState;
    }

    /** {@return whether the linked span context is sampled (trace flags bit 0)} */
    public boolean isSampled() {
        return (traceFlags & SpanData.FLAG_SAMPLED) != 0;
    }

    /** {@return a readable form with the ids in hex; allocates} */
    @Override
    public String toString() {
        return String.format("SpanLink{traceId=%016x%016x, spanId=%016x, traceFlags=%02x%s%s, attributes=%s%s}",
                traceIdHigh, traceIdLow, spanId, traceFlags, remote ? " (remote)" : "",
                traceState.isEmpty() ? "" : ", traceState=" + traceState, store(), isRecorded() ? "" : ", dropped stand-in");
    }
}
