package io.lowalloc.core.span;

import java.util.Objects;

/**
 * The W3C Trace Context {@code traceparent} header, version {@code 00}:
 * {@code 00-<32 hex trace id>-<16 hex parent (span) id>-<2 hex flags>}, {@value #LENGTH}
 * characters, lowercase hex only, trace id and span id not all zeros, version {@code ff}
 * forbidden. A header of a higher version is accepted if its first 55 characters follow the
 * version-00 layout and the next character, if any, is {@code '-'}, as the specification asks of
 * receivers.
 *
 * <p>Writing goes into a caller's buffer ({@code byte[]} for ASCII wire formats, {@code char[]});
 * reading takes any {@link CharSequence}, validates the whole value first and never reads a field
 * out of an invalid header; {@link #isValid(byte[], int, int)} reads ASCII bytes in place, and
 * {@link SpanRecorder#startSpan(String, SpanKind, CharSequence, String)} starts a span from a
 * header. Nothing allocates unless it throws. Buffers are validated as in
 * {@link HexIds}. Static and thread-safe (buffers excepted).
 */
public final class Traceparent {

    /** Characters in a version-00 {@code traceparent} value: {@value}. */
    public static final int LENGTH = 55;

    private static final int TRACE_ID_OFFSET = 3;
    private static final int SPAN_ID_OFFSET = 36;
    private static final int FLAGS_OFFSET = 53;

    // Results of check other than the index (>= 0) of an unexpected character.
    private static final int VALID = -1;
    private static final int TOO_SHORT = -2;
    private static final int TOO_LONG_FOR_VERSION_00 = -3;
    private static final int VERSION_FF = -4;
    private static final int ZERO_TRACE_ID = -5;
    private static final int ZERO_SPAN_ID = -6;

    private Traceparent() {
    }

    /**
     * Writes a version-00 value as ASCII bytes into {@code dst} from {@code offset}.
     *
     * @param traceIdHigh the most significant 64 bits of the trace id
     * @param traceIdLow the least significant 64 bits of the trace id
     * @param spanId the span id (the header's parent id)
     * @param traceFlags the trace flags, e.g. {@code 0x01} for sampled
     * @param dst the destination
     * @param offset where the first byte goes
     * @return the number of bytes written, always {@link #LENGTH}
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 55 positions
     *     remain from it
     * @throws IllegalArgumentException if the trace id or the span id is all zeros (invalid in W3C
     *     Trace Context)
     */
    public static int write(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, byte[] dst,
            int offset) {
        checkWrite(traceIdHigh, traceIdLow, spanId, Objects.requireNonNull(dst, "dst").length, offset);
        dst[offset] = '0';
        dst[offset + 1] = '0';
        dst[offset + TRACE_ID_OFFSET - 1] = '-';
        HexIds.putHex(traceIdLow, dst, HexIds.putHex(traceIdHigh, dst, offset + TRACE_ID_OFFSET));
        dst[offset + SPAN_ID_OFFSET - 1] = '-';
        HexIds.putHex(spanId, dst, offset + SPAN_ID_OFFSET);
        dst[offset + FLAGS_OFFSET - 1] = '-';
        HexIds.putByteHex(traceFlags, dst, offset + FLAGS_OFFSET);
        return LENGTH;
    }

    /**
     * Writes a version-00 value into {@code dst} from {@code offset}; as
     * {@link #write(long, long, long, byte, byte[], int)} for characters.
     *
     * @param traceIdHigh the most significant 64 bits of the trace id
     * @param traceIdLow the least significant 64 bits of the trace id
     * @param spanId the span id (the header's parent id)
     * @param traceFlags the trace flags, e.g. {@code 0x01} for sampled
     * @param dst the destination
     * @param offset where the first character goes
     * @return the number of characters written, always {@link #LENGTH}
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 55 positions
     *     remain from it
     * @throws IllegalArgumentException if the trace id or the span id is all zeros
     */
    public static int write(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, char[] dst,
            int offset) {
        checkWrite(traceIdHigh, traceIdLow, spanId, Objects.requireNonNull(dst, "dst").length, offset);
        dst[offset] = '0';
        dst[offset + 1] = '0';
        dst[offset + TRACE_ID_OFFSET - 1] = '-';
        HexIds.putHex(traceIdLow, dst, HexIds.putHex(traceIdHigh, dst, offset + TRACE_ID_OFFSET));
        dst[offset + SPAN_ID_OFFSET - 1] = '-';
        HexIds.putHex(spanId, dst, offset + SPAN_ID_OFFSET);
        dst[offset + FLAGS_OFFSET - 1] = '-';
        HexIds.putByteHex(traceFlags, dst, offset + FLAGS_OFFSET);
        return LENGTH;
    }

    /**
     * Returns whether {@code traceparent} is a valid header value (see the class documentation).
     *
     * @param traceparent the header value
     * @return {@code true} if valid
     * @throws NullPointerException if {@code traceparent} is null
     */
    public static boolean isValid(CharSequence traceparent) {
        return check(Objects.requireNonNull(traceparent, "traceparent")) == VALID;
    }

    /**
     * Checks that {@code traceparent} is a valid header value.
     *
     * @param traceparent the header value
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid; the message says why, naming the offending
     *     index and character where there is one
     */
    public static void requireValid(CharSequence traceparent) {
        int result = check(Objects.requireNonNull(traceparent, "traceparent"));
        if (result != VALID) {
            throw new IllegalArgumentException(describeInvalid(traceparent, result));
        }
    }

    /**
     * Returns the high 64 bits of the trace id of a valid value.
     *
     * @param traceparent the header value
     * @return the most significant 64 bits of the trace id
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValid}
     */
    public static long traceIdHigh(CharSequence traceparent) {
        requireValid(traceparent);
        return decode16(traceparent, TRACE_ID_OFFSET);
    }

    /**
     * Returns the low 64 bits of the trace id of a valid value.
     *
     * @param traceparent the header value
     * @return the least significant 64 bits of the trace id
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValid}
     */
    public static long traceIdLow(CharSequence traceparent) {
        requireValid(traceparent);
        return decode16(traceparent, TRACE_ID_OFFSET + HexIds.SPAN_ID_HEX_LENGTH);
    }

    /**
     * Returns the span id (the header's parent id) of a valid value.
     *
     * @param traceparent the header value
     * @return the span id, never 0
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValid}
     */
    public static long spanId(CharSequence traceparent) {
        requireValid(traceparent);
        return decode16(traceparent, SPAN_ID_OFFSET);
    }

    /**
     * Returns the trace flags of a valid value (bit 0: sampled).
     *
     * @param traceparent the header value
     * @return the flags byte
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValid}
     */
    public static byte flags(CharSequence traceparent) {
        requireValid(traceparent);
        return (byte) ((HexIds.lowerNibble(traceparent.charAt(FLAGS_OFFSET)) << 4)
                | HexIds.lowerNibble(traceparent.charAt(FLAGS_OFFSET + 1)));
    }

    private static void checkWrite(long traceIdHigh, long traceIdLow, long spanId, int length, int offset) {
        if (!Ids.isValidTraceId(traceIdHigh, traceIdLow)) {
            throw new IllegalArgumentException("trace id must not be all zeros");
        }
        if (!Ids.isValidSpanId(spanId)) {
            throw new IllegalArgumentException("span id must not be all zeros");
        }
        HexIds.checkRoom("dst.length", length, offset, LENGTH);
    }

    /** Decodes 16 characters already validated as lowercase hex. */
    private static long decode16(CharSequence s, int offset) {
        long value = 0;
        for (int i = offset; i < offset + HexIds.SPAN_ID_HEX_LENGTH; i++) {
            value = (value << 4) | HexIds.lowerNibble(s.charAt(i));
        }
        return value;
    }

    private static boolean isDashPosition(int i) {
        return i == TRACE_ID_OFFSET - 1 || i == SPAN_ID_OFFSET - 1 || i == FLAGS_OFFSET - 1 || i == LENGTH;
    }

    /**
     * Returns {@link #VALID}, a negative reason code, or the index of the first unexpected character.
     * One pass over the 55 characters, since every field read validates first.
     */
    private static int check(CharSequence s) {
        return check(s, null, 0, s.length());
    }

    /**
     * The one validation for both sources: {@code chars} if non-null, else {@code bytes} from
     * {@code offset}; the branch on the source is the same at every index, so it predicts well.
     */
    private static int check(CharSequence chars, byte[] bytes, int offset, int length) {
        if (length < LENGTH) {
            return TOO_SHORT;
        }
        long traceIdBits = 0;
        long spanIdBits = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = at(chars, bytes, offset, i);
            if (isDashPosition(i)) {
                if (c != '-') {
                    return i;
                }
                continue;
            }
            int nibble = HexIds.lowerNibble(c);
            if (nibble < 0) {
                return i;
            }
            if (i >= TRACE_ID_OFFSET && i < SPAN_ID_OFFSET) {
                traceIdBits |= nibble;
            } else if (i >= SPAN_ID_OFFSET && i < FLAGS_OFFSET) {
                spanIdBits |= nibble;
            }
        }
        char v0 = at(chars, bytes, offset, 0);
        char v1 = at(chars, bytes, offset, 1);
        if (v0 == 'f' && v1 == 'f') {
            return VERSION_FF;
        }
        if (length > LENGTH) {
            if (v0 == '0' && v1 == '0') {
                return TOO_LONG_FOR_VERSION_00;
            }
            // A future version may append fields, each introduced by '-'.
            if (at(chars, bytes, offset, LENGTH) != '-') {
                return LENGTH;
            }
        }
        if (traceIdBits == 0) {
            return ZERO_TRACE_ID;
        }
        if (spanIdBits == 0) {
            return ZERO_SPAN_ID;
        }
        return VALID;
    }

    private static char at(CharSequence chars, byte[] bytes, int offset, int i) {
        return chars != null ? chars.charAt(i) : (char) (bytes[offset + i] & 0xff);
    }

    /**
     * Returns whether the ASCII bytes {@code [offset, offset + length)} of {@code src} are a valid
     * header value, under the rules of {@link #isValid(CharSequence)}. Allocates nothing.
     *
     * @param src the buffer
     * @param offset where the value starts
     * @param length the value's length in bytes
     * @return {@code true} if valid
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static boolean isValid(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(src, "src").length);
        return check(null, src, offset, length) == VALID;
    }

    // Field reads of a value already found valid, for the recorder: one validation per header.

    static long traceIdHighUnchecked(CharSequence s) {
        return decode16(s, TRACE_ID_OFFSET);
    }

    static long traceIdLowUnchecked(CharSequence s) {
        return decode16(s, TRACE_ID_OFFSET + HexIds.SPAN_ID_HEX_LENGTH);
    }

    static long spanIdUnchecked(CharSequence s) {
        return decode16(s, SPAN_ID_OFFSET);
    }

    static byte flagsUnchecked(CharSequence s) {
        return (byte) ((HexIds.lowerNibble(s.charAt(FLAGS_OFFSET)) << 4)
                | HexIds.lowerNibble(s.charAt(FLAGS_OFFSET + 1)));
    }

    static long traceIdHighUnchecked(byte[] b, int offset) {
        return decode16(b, offset + TRACE_ID_OFFSET);
    }

    static long traceIdLowUnchecked(byte[] b, int offset) {
        return decode16(b, offset + TRACE_ID_OFFSET + HexIds.SPAN_ID_HEX_LENGTH);
    }

    static long spanIdUnchecked(byte[] b, int offset) {
        return decode16(b, offset + SPAN_ID_OFFSET);
    }

    static byte flagsUnchecked(byte[] b, int offset) {
        return (byte) ((HexIds.lowerNibble((char) b[offset + FLAGS_OFFSET]) << 4)
                | HexIds.lowerNibble((char) b[offset + FLAGS_OFFSET + 1]));
    }

    /** Decodes 16 bytes already validated as lowercase hex. */
    private static long decode16(byte[] b, int offset) {
        long value = 0;
        for (int i = offset; i < offset + HexIds.SPAN_ID_HEX_LENGTH; i++) {
            value = (value << 4) | HexIds.lowerNibble((char) b[i]);
        }
        return value;
    }

    private static String describeInvalid(CharSequence s, int result) {
        return switch (result) {
            case TOO_SHORT -> "traceparent must be at least " + LENGTH + " characters, was: " + s.length();
            case TOO_LONG_FOR_VERSION_00 ->
                    "traceparent of version 00 must be exactly " + LENGTH + " characters, was: " + s.length();
            case VERSION_FF -> "traceparent version ff is forbidden";
            case ZERO_TRACE_ID -> "traceparent trace id must not be all zeros";
            case ZERO_SPAN_ID -> "traceparent parent (span) id must not be all zeros";
            default -> isDashPosition(result)
                    ? "traceparent must have '-' at index " + result + ", was: " + HexIds.describe(s.charAt(result))
                    : "traceparent has invalid character " + HexIds.describe(s.charAt(result)) + " at index "
                            + result + ", expected a lowercase hex digit";
        };
    }
}
