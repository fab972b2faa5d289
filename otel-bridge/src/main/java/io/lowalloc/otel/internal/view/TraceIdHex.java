package io.lowalloc.otel.internal.view;

/**
 * A trace id as two longs plus its hex string, made on first request and kept until the next
 * {@link #bind}: shared by a span's own and parent contexts, so the string is made at most once
 * per span per export — and at most once per run of consecutive spans of one trace in a batch,
 * which take it from the previous span's instance ({@link #bind(long, long, TraceIdHex)}).
 */
final class TraceIdHex {

    private long high;
    private long low;
    // Plain, not volatile: a racing first request from two threads may make the string twice;
    // either is correct and safely published (strings are immutable).
    private String hex;
    // The previous span's instance in the same batch when it holds the same id, else null: its
    // string is this one's. Bound with this one and let go of at the next bind.
    private TraceIdHex same;

    void bind(long high, long low) {
        this.high = high;
        this.low = low;
        this.hex = null;
        this.same = null;
    }

    /**
     * Binds as {@link #bind(long, long)}; if {@code previous} (bound just before, in the same
     * batch, or null) holds the same id, the string is taken from it instead of made again.
     */
    void bind(long high, long low, TraceIdHex previous) {
        bind(high, low);
        if (previous != null && previous.high == high && previous.low == low) {
            // Follow to the first of the run, so that no chain of delegations builds up.
            same = previous.same != null ? previous.same : previous;
        }
    }

    long high() {
        return high;
    }

    long low() {
        return low;
    }

    String hex() {
        String h = hex;
        if (h == null) {
            TraceIdHex first = same;
            h = first != null ? first.hex() : HexStrings.traceId(high, low);
            hex = h;
        }
        return h;
    }
}
