package io.lowalloc.otel.internal.view;

/**
 * A trace id as two longs plus its hex string, made on first request and kept until the next
 * {@link #bind}: shared by a span's own and parent contexts, so the string is made at most once
 * per span per export.
 */
final class TraceIdHex {

    private long high;
    private long low;
    // Plain, not volatile: a racing first request from two threads may make the string twice;
    // either is correct and safely published (strings are immutable).
    private String hex;

    void bind(long high, long low) {
        this.high = high;
        this.low = low;
        this.hex = null;
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
            h = HexStrings.traceId(high, low);
            hex = h;
        }
        return h;
    }
}
