package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.Ids;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * A reusable {@link SpanContext} over primitive ids: a span's own context, its parent's, or a
 * link's. {@code SpanContext.create} would validate and keep hex strings; this view keeps the
 * longs and makes each hex string only when asked, at most once per binding (see
 * {@link TraceIdHex}). {@link #isValid()} checks the longs, so it never makes a string.
 *
 * <p>Consistent with the immutable implementation: trace flags from the stored byte (cached
 * {@link TraceFlags} instances), {@link TraceState#getDefault()} (the core keeps no trace state),
 * the invalid id strings of all zeros when an id is 0. {@link #getTraceIdBytes()} and
 * {@link #getSpanIdBytes()} return new arrays made from the longs. Equality is identity.
 */
public final class SpanContextView implements SpanContext {

    private final TraceIdHex traceId;
    private long spanId;
    // Made on first request, like TraceIdHex.hex: a racing first request may make it twice, and
    // either string is correct and safely published (strings are immutable).
    private String spanIdHex;
    private TraceFlags traceFlags = TraceFlags.getDefault();
    private boolean remote;

    SpanContextView(TraceIdHex traceId) {
        this.traceId = traceId;
    }

    /** Binds the span id, flags and remote flag; the trace id is whatever {@code traceId} holds. */
    void bind(long spanId, byte traceFlags, boolean remote) {
        this.spanId = spanId;
        this.spanIdHex = null;
        this.traceFlags = TraceFlags.fromByte(traceFlags);
        this.remote = remote;
    }

    /** {@return the high 64 bits of the trace id} */
    public long traceIdHigh() {
        return traceId.high();
    }

    /** {@return the low 64 bits of the trace id} */
    public long traceIdLow() {
        return traceId.low();
    }

    /** {@return the span id, 0 when invalid} */
    public long spanId() {
        return spanId;
    }

    @Override
    public String getTraceId() {
        return traceId.hex();
    }

    @Override
    public String getSpanId() {
        String h = spanIdHex;
        if (h == null) {
            h = HexStrings.spanId(spanId);
            spanIdHex = h;
        }
        return h;
    }

    @Override
    public byte[] getTraceIdBytes() {
        byte[] bytes = new byte[16];
        putLong(bytes, 0, traceId.high());
        putLong(bytes, 8, traceId.low());
        return bytes;
    }

    @Override
    public byte[] getSpanIdBytes() {
        byte[] bytes = new byte[8];
        putLong(bytes, 0, spanId);
        return bytes;
    }

    @Override
    public boolean isSampled() {
        return traceFlags.isSampled();
    }

    @Override
    public TraceFlags getTraceFlags() {
        return traceFlags;
    }

    @Override
    public TraceState getTraceState() {
        return TraceState.getDefault();
    }

    @Override
    public boolean isValid() {
        return Ids.isValidTraceId(traceId.high(), traceId.low()) && Ids.isValidSpanId(spanId);
    }

    @Override
    public boolean isRemote() {
        return remote;
    }

    /** {@return a new description: ids in hex, flags, remote and valid} */
    @Override
    public String toString() {
        return "SpanContext{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", traceFlags="
                + traceFlags.asHex() + ", remote=" + remote + ", valid=" + isValid() + "}";
    }

    private static void putLong(byte[] dst, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            dst[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
