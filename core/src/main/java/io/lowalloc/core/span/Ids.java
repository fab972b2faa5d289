package io.lowalloc.core.span;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random trace and span ids as primitives: a span id is one {@code long}, a trace id is two
 * ({@code high}, {@code low}) forming the 128-bit big-endian value {@code high:low}, as in the W3C
 * Trace Context and OpenTelemetry.
 *
 * <p>W3C Trace Context forbids the all-zero trace id and span id: {@link #randomSpanId()} and
 * {@link #randomTraceIdLow()} never return 0, so any trace id whose low half came from
 * {@link #randomTraceIdLow()} is valid; the high half may be 0.
 *
 * <p>Randomness comes from {@link ThreadLocalRandom} (contention-free, not cryptographically
 * secure, which W3C Trace Context does not require). Thread-safe and allocation-free.
 */
public final class Ids {

    /** The invalid (all-zero) span id, also the "unset" value of a span id field: {@value}. */
    public static final long INVALID_SPAN_ID = 0L;

    private Ids() {
    }

    /**
     * Returns a random, non-zero span id.
     *
     * @return a span id, never {@link #INVALID_SPAN_ID}
     */
    public static long randomSpanId() {
        return nonZeroRandom();
    }

    /**
     * Returns a random high (most significant) half of a trace id; any value, including 0.
     *
     * @return the high 64 bits of a trace id
     */
    public static long randomTraceIdHigh() {
        return ThreadLocalRandom.current().nextLong();
    }

    /**
     * Returns a random, non-zero low (least significant) half of a trace id; combined with any high
     * half it forms a valid trace id.
     *
     * @return the low 64 bits of a trace id, never 0
     */
    public static long randomTraceIdLow() {
        return nonZeroRandom();
    }

    /**
     * Returns whether {@code (high, low)} is a valid trace id, i.e. not all 128 bits are zero.
     *
     * @param high the most significant 64 bits
     * @param low the least significant 64 bits
     * @return {@code true} unless both halves are 0
     */
    public static boolean isValidTraceId(long high, long low) {
        return (high | low) != 0;
    }

    /**
     * Returns whether {@code spanId} is a valid span id, i.e. not 0.
     *
     * @param spanId the span id
     * @return {@code true} unless the id is 0
     */
    public static boolean isValidSpanId(long spanId) {
        return spanId != INVALID_SPAN_ID;
    }

    private static long nonZeroRandom() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id;
        do {
            // Zero has probability 2^-64; looping keeps the distribution uniform over the rest.
            id = random.nextLong();
        } while (id == 0);
        return id;
    }
}
