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
 * {@link TraceFlags} instances), the trace state parsed from the span's W3C string through the
 * bounded {@link TraceStateCache} on first request,
 * the invalid id strings of all zeros when an id is 0. {@link #getTraceIdBytes()} and
 * {@link #getSpanIdBytes()} return new arrays made from the longs. Equality is identity.
 *
 * <p>Valid while the owning span view stays bound and this context was taken from it (or from
 * its link) under that binding; every read after that, the id accessors included, throws
 * {@link IllegalStateException} naming copy mode.
 */
public final class SpanContextView extends OwnedView implements SpanContext {

    private static final String WHAT = "SpanContext view read after its export completed";

    private final TraceIdHex traceId;
    private long spanId;
    // Made on first request, like TraceIdHex.hex: a racing first request may make it twice, and
    // either string is correct and safely published (strings are immutable).
    private String spanIdHex;
    private TraceFlags traceFlags = TraceFlags.getDefault();
    private boolean remote;
    private String traceStateW3c = "";
    // Made on first request, racy like spanIdHex: either TraceState is correct and immutable.
    private TraceState traceState;

    SpanContextView(TraceIdHex traceId, Generation owner) {
        super(owner);
        this.traceId = traceId;
    }

    /** Binds the span id, flags and remote flag; the trace id is whatever {@code traceId} holds. */
    void bind(long spanId, byte traceFlags, boolean remote) {
        bind(spanId, traceFlags, remote, "");
    }

    /** Binds as {@link #bind(long, byte, boolean)}, with the W3C {@code tracestate} string. */
    void bind(long spanId, byte traceFlags, boolean remote, String traceState) {
        this.spanId = spanId;
        this.spanIdHex = null;
        this.traceFlags = TraceFlags.fromByte(traceFlags);
        this.remote = remote;
        this.traceStateW3c = traceState;
        this.traceState = null;
    }

    /**
     * Returns the high 64 bits of the trace id.
     *
     * @return the high bits
     * @throws IllegalStateException if read after its export completed
     */
    public long traceIdHigh() {
        check(WHAT);
        return traceId.high();
    }

    /**
     * Returns the low 64 bits of the trace id.
     *
     * @return the low bits
     * @throws IllegalStateException if read after its export completed
     */
    public long traceIdLow() {
        check(WHAT);
        return traceId.low();
    }

    /**
     * Returns the span id.
     *
     * @return the span id, 0 when invalid
     * @throws IllegalStateException if read after its export completed
     */
    public long spanId() {
        check(WHAT);
        return spanId;
    }

    @Override
    public String getTraceId() {
        check(WHAT);
        return traceId.hex();
    }

    @Override
    public String getSpanId() {
        check(WHAT);
        return spanIdHex();
    }

    /** The span id in hex, made on first request, unchecked: for the owning span view. */
    String spanIdHex() {
        String h = spanIdHex;
        if (h == null) {
            h = HexStrings.spanId(spanId);
            spanIdHex = h;
        }
        return h;
    }

    @Override
    public byte[] getTraceIdBytes() {
        check(WHAT);
        byte[] bytes = new byte[16];
        putLong(bytes, 0, traceId.high());
        putLong(bytes, 8, traceId.low());
        return bytes;
    }

    @Override
    public byte[] getSpanIdBytes() {
        check(WHAT);
        byte[] bytes = new byte[8];
        putLong(bytes, 0, spanId);
        return bytes;
    }

    @Override
    public boolean isSampled() {
        check(WHAT);
        return traceFlags.isSampled();
    }

    @Override
    public TraceFlags getTraceFlags() {
        check(WHAT);
        return traceFlags;
    }

    @Override
    public TraceState getTraceState() {
        check(WHAT);
        TraceState parsed = traceState;
        if (parsed == null) {
            parsed = TraceStateCache.get(traceStateW3c);
            traceState = parsed;
        }
        return parsed;
    }

    @Override
    public boolean isValid() {
        check(WHAT);
        return Ids.isValidTraceId(traceId.high(), traceId.low()) && Ids.isValidSpanId(spanId);
    }

    @Override
    public boolean isRemote() {
        check(WHAT);
        return remote;
    }

    /** {@return a new description: ids in hex, flags, remote and valid; {@code SpanContext{unbound}} when stale} */
    @Override
    public String toString() {
        return isLive() ? describe() : "SpanContext{unbound}";
    }

    /** {@return a new description, unchecked: for the owners' descriptions} */
    String describe() {
        return "SpanContext{traceId=" + traceId.hex() + ", spanId=" + spanIdHex() + ", traceFlags="
                + traceFlags.asHex() + ", remote=" + remote + ", valid="
                + (Ids.isValidTraceId(traceId.high(), traceId.low()) && Ids.isValidSpanId(spanId)) + "}";
    }

    private static void putLong(byte[] dst, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            dst[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
