package io.lowalloc.core.span;

/**
 * The parent of a span to be started: the trace it joins, the parent's span id, the trace flags
 * the child inherits and whether the parent lives in another process. Typically made once per
 * incoming request from the propagated context, then passed to
 * {@link SpanRecorder#startSpan(String, SpanKind, SpanParent)}. Immutable and thread-safe;
 * creating one allocates it.
 *
 * @param traceIdHigh the high 64 bits of the trace id
 * @param traceIdLow the low 64 bits of the trace id
 * @param spanId the parent's span id
 * @param traceFlags the W3C trace flags (bit 0: sampled)
 * @param remote whether the parent was propagated from another process
 */
public record SpanParent(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, boolean remote) {

    /**
     * Checks the ids.
     *
     * @param traceIdHigh the high 64 bits of the trace id
     * @param traceIdLow the low 64 bits of the trace id
     * @param spanId the parent's span id
     * @param traceFlags the W3C trace flags (bit 0: sampled)
     * @param remote whether the parent was propagated from another process
     * @throws IllegalArgumentException if the trace id or the span id is all zeros
     */
    public SpanParent {
        checkIds(traceIdHigh, traceIdLow, spanId);
    }

    /** The rule for every parent given by its ids; allocates only the exception. */
    static void checkIds(long traceIdHigh, long traceIdLow, long spanId) {
        if (!Ids.isValidTraceId(traceIdHigh, traceIdLow) || !Ids.isValidSpanId(spanId)) {
            throw new IllegalArgumentException("parent must have a valid trace id and span id, was: traceId="
                    + HexIds.traceIdToHex(traceIdHigh, traceIdLow) + ", spanId=" + HexIds.spanIdToHex(spanId));
        }
    }

    /**
     * Returns whether the sampled flag is set.
     *
     * @return bit 0 of {@link #traceFlags()}
     */
    public boolean isSampled() {
        return (traceFlags & SpanData.FLAG_SAMPLED) != 0;
    }
}
