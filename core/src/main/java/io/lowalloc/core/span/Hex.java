package io.lowalloc.core.span;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Lowercase hexadecimal encoding of ids and the W3C {@code traceparent} header, without allocation.
 *
 * <p>Ids are primitives (see {@link Ids}): a span id is one {@code long} written as 16 hex
 * characters, a trace id is two {@code long}s written high half first as 32 characters.
 * Only {@link #traceIdToHex(long, long)} and {@link #spanIdToHex(long)} allocate (the returned
 * {@code String}); they are meant for exporters that need strings. Every other method writes into
 * or reads from a caller's buffer and allocates nothing (exceptions aside), which the tests check.
 *
 * <p>The {@code traceparent} format is version {@code 00} of W3C Trace Context:
 * {@code 00-<32 hex trace id>-<16 hex parent (span) id>-<2 hex flags>}, {@value #TRACEPARENT_LENGTH}
 * characters, lowercase hex only, trace id and span id not all zeros, version {@code ff} forbidden.
 * A header of a higher version is accepted if its first 55 characters follow the version-00 layout
 * and the next character, if any, is {@code '-'}, as the specification asks of receivers.
 *
 * <p>Buffers are validated: an offset that is negative or leaves too little room throws
 * {@link IndexOutOfBoundsException} with a message naming the offset, the room needed and the
 * buffer length. All methods are static and thread-safe (buffers excepted).
 */
public final class Hex {

    /** Characters in a hex span id: {@value}. */
    public static final int SPAN_ID_HEX_LENGTH = 16;

    /** Characters in a hex trace id: {@value}. */
    public static final int TRACE_ID_HEX_LENGTH = 32;

    /** Characters in a version-00 {@code traceparent} value: {@value}. */
    public static final int TRACEPARENT_LENGTH = 55;

    private static final int TRACE_ID_OFFSET = 3;
    private static final int SPAN_ID_OFFSET = 36;
    private static final int FLAGS_OFFSET = 53;

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final byte[] ASCII_DIGITS = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** Nibble value of each ASCII character, -1 if it is not a hex digit (either case). */
    private static final byte[] NIBBLES = new byte[128];
    /** As {@link #NIBBLES} but lowercase only, as W3C Trace Context requires. */
    private static final byte[] LOWER_NIBBLES = new byte[128];

    static {
        Arrays.fill(NIBBLES, (byte) -1);
        Arrays.fill(LOWER_NIBBLES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            NIBBLES['0' + i] = (byte) i;
            LOWER_NIBBLES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            NIBBLES['a' + i] = (byte) (10 + i);
            NIBBLES['A' + i] = (byte) (10 + i);
            LOWER_NIBBLES['a' + i] = (byte) (10 + i);
        }
    }

    // Results of checkTraceparent other than the index (>= 0) of an unexpected character.
    private static final int VALID = -1;
    private static final int TOO_SHORT = -2;
    private static final int TOO_LONG_FOR_VERSION_00 = -3;
    private static final int VERSION_FF = -4;
    private static final int ZERO_TRACE_ID = -5;
    private static final int ZERO_SPAN_ID = -6;

    private Hex() {
    }

    /**
     * Returns the 32-character lowercase hex form of a trace id. Allocates the result.
     *
     * @param high the most significant 64 bits
     * @param low the least significant 64 bits
     * @return 32 lowercase hex characters, high half first
     */
    public static String traceIdToHex(long high, long low) {
        char[] chars = new char[TRACE_ID_HEX_LENGTH];
        writeHex(high, chars, 0);
        writeHex(low, chars, SPAN_ID_HEX_LENGTH);
        return new String(chars);
    }

    /**
     * Returns the 16-character lowercase hex form of a span id (or any {@code long}, read as
     * unsigned). Allocates the result.
     *
     * @param spanId the span id
     * @return 16 lowercase hex characters
     */
    public static String spanIdToHex(long spanId) {
        char[] chars = new char[SPAN_ID_HEX_LENGTH];
        writeHex(spanId, chars, 0);
        return new String(chars);
    }

    /**
     * Writes {@code value} as 16 lowercase hex characters (unsigned, zero-padded) into
     * {@code dst} from {@code offset}. Does not allocate.
     *
     * @param value the value to write
     * @param dst the destination
     * @param offset where the first character goes
     * @return {@code offset + 16}, the index just past the written characters
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 16 positions
     *     remain from it
     */
    public static int writeHex(long value, char[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        checkRoom("dst.length", dst.length, offset, SPAN_ID_HEX_LENGTH);
        return putHex(value, dst, offset);
    }

    /**
     * Writes {@code value} as 16 lowercase hex ASCII bytes (unsigned, zero-padded) into {@code dst}
     * from {@code offset}. Does not allocate.
     *
     * @param value the value to write
     * @param dst the destination
     * @param offset where the first byte goes
     * @return {@code offset + 16}, the index just past the written bytes
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 16 positions
     *     remain from it
     */
    public static int writeHex(long value, byte[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        checkRoom("dst.length", dst.length, offset, SPAN_ID_HEX_LENGTH);
        return putHex(value, dst, offset);
    }

    /**
     * Parses 16 hex characters (either case) from {@code s} at {@code offset} into a {@code long}
     * (unsigned: {@code "ffffffffffffffff"} is -1). Does not allocate.
     *
     * @param s the characters
     * @param offset index of the first of the 16 characters
     * @return the parsed value
     * @throws NullPointerException if {@code s} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 16 characters
     *     remain from it
     * @throws IllegalArgumentException if one of the 16 characters is not a hex digit; the message
     *     names the character and its index in {@code s}
     */
    public static long parseLong16(CharSequence s, int offset) {
        Objects.requireNonNull(s, "s");
        checkRoom("s.length()", s.length(), offset, SPAN_ID_HEX_LENGTH);
        long value = 0;
        for (int i = offset; i < offset + SPAN_ID_HEX_LENGTH; i++) {
            char c = s.charAt(i);
            int nibble = c < NIBBLES.length ? NIBBLES[c] : -1;
            if (nibble < 0) {
                throw new IllegalArgumentException("invalid hex character " + describe(c) + " at index " + i);
            }
            value = (value << 4) | nibble;
        }
        return value;
    }

    /**
     * Returns whether the {@code length} characters of {@code s} from {@code offset} are all hex
     * digits (either case). Does not allocate.
     *
     * @param s the characters
     * @param offset index of the first character to check, >= 0
     * @param length how many characters to check, >= 0
     * @return {@code true} if all are hex digits; {@code false} if one is not or if {@code s} has
     *     fewer than {@code offset + length} characters
     * @throws NullPointerException if {@code s} is null
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    public static boolean isValidHex(CharSequence s, int offset, int length) {
        Objects.requireNonNull(s, "s");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was: " + offset);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was: " + length);
        }
        if (s.length() - offset < length) {
            return false;
        }
        for (int i = offset; i < offset + length; i++) {
            char c = s.charAt(i);
            if (c >= NIBBLES.length || NIBBLES[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a version-00 {@code traceparent} value,
     * {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}, as ASCII bytes into {@code dst}
     * from {@code offset}. Does not allocate.
     *
     * @param traceIdHigh the most significant 64 bits of the trace id
     * @param traceIdLow the least significant 64 bits of the trace id
     * @param spanId the span id (the header's parent id)
     * @param traceFlags the trace flags, e.g. {@code 0x01} for sampled
     * @param dst the destination
     * @param offset where the first byte goes
     * @return the number of bytes written, always {@link #TRACEPARENT_LENGTH}
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 55 positions
     *     remain from it
     * @throws IllegalArgumentException if the trace id or the span id is all zeros (invalid in W3C
     *     Trace Context)
     */
    public static int writeTraceparent(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags,
            byte[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        checkIds(traceIdHigh, traceIdLow, spanId);
        checkRoom("dst.length", dst.length, offset, TRACEPARENT_LENGTH);
        dst[offset] = '0';
        dst[offset + 1] = '0';
        dst[offset + 2] = '-';
        putHex(traceIdHigh, dst, offset + TRACE_ID_OFFSET);
        putHex(traceIdLow, dst, offset + TRACE_ID_OFFSET + SPAN_ID_HEX_LENGTH);
        dst[offset + SPAN_ID_OFFSET - 1] = '-';
        putHex(spanId, dst, offset + SPAN_ID_OFFSET);
        dst[offset + FLAGS_OFFSET - 1] = '-';
        dst[offset + FLAGS_OFFSET] = ASCII_DIGITS[(traceFlags >> 4) & 0xF];
        dst[offset + FLAGS_OFFSET + 1] = ASCII_DIGITS[traceFlags & 0xF];
        return TRACEPARENT_LENGTH;
    }

    /**
     * Writes a version-00 {@code traceparent} value,
     * {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}, into {@code dst} from
     * {@code offset}. Does not allocate.
     *
     * @param traceIdHigh the most significant 64 bits of the trace id
     * @param traceIdLow the least significant 64 bits of the trace id
     * @param spanId the span id (the header's parent id)
     * @param traceFlags the trace flags, e.g. {@code 0x01} for sampled
     * @param dst the destination
     * @param offset where the first character goes
     * @return the number of characters written, always {@link #TRACEPARENT_LENGTH}
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 55 positions
     *     remain from it
     * @throws IllegalArgumentException if the trace id or the span id is all zeros (invalid in W3C
     *     Trace Context)
     */
    public static int writeTraceparent(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags,
            char[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        checkIds(traceIdHigh, traceIdLow, spanId);
        checkRoom("dst.length", dst.length, offset, TRACEPARENT_LENGTH);
        dst[offset] = '0';
        dst[offset + 1] = '0';
        dst[offset + 2] = '-';
        putHex(traceIdHigh, dst, offset + TRACE_ID_OFFSET);
        putHex(traceIdLow, dst, offset + TRACE_ID_OFFSET + SPAN_ID_HEX_LENGTH);
        dst[offset + SPAN_ID_OFFSET - 1] = '-';
        putHex(spanId, dst, offset + SPAN_ID_OFFSET);
        dst[offset + FLAGS_OFFSET - 1] = '-';
        dst[offset + FLAGS_OFFSET] = DIGITS[(traceFlags >> 4) & 0xF];
        dst[offset + FLAGS_OFFSET + 1] = DIGITS[traceFlags & 0xF];
        return TRACEPARENT_LENGTH;
    }

    /**
     * Returns whether {@code traceparent} is a valid header value (see the class documentation).
     * Does not allocate.
     *
     * @param traceparent the header value
     * @return {@code true} if valid
     * @throws NullPointerException if {@code traceparent} is null
     */
    public static boolean isValidTraceparent(CharSequence traceparent) {
        Objects.requireNonNull(traceparent, "traceparent");
        return checkTraceparent(traceparent) == VALID;
    }

    /**
     * Checks that {@code traceparent} is a valid header value. Does not allocate unless it throws.
     *
     * @param traceparent the header value
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid; the message says why, naming the offending
     *     index and character where there is one
     */
    public static void requireValidTraceparent(CharSequence traceparent) {
        Objects.requireNonNull(traceparent, "traceparent");
        int result = checkTraceparent(traceparent);
        if (result != VALID) {
            throw new IllegalArgumentException(describeInvalid(traceparent, result));
        }
    }

    /**
     * Returns the high 64 bits of the trace id of a valid {@code traceparent}. Validates the whole
     * value first, so no field is ever read out of an invalid header. Does not allocate unless it
     * throws.
     *
     * @param traceparent the header value
     * @return the most significant 64 bits of the trace id
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValidTraceparent}
     */
    public static long traceparentTraceIdHigh(CharSequence traceparent) {
        requireValidTraceparent(traceparent);
        return decode16(traceparent, TRACE_ID_OFFSET);
    }

    /**
     * Returns the low 64 bits of the trace id of a valid {@code traceparent}. Validates the whole
     * value first. Does not allocate unless it throws.
     *
     * @param traceparent the header value
     * @return the least significant 64 bits of the trace id
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValidTraceparent}
     */
    public static long traceparentTraceIdLow(CharSequence traceparent) {
        requireValidTraceparent(traceparent);
        return decode16(traceparent, TRACE_ID_OFFSET + SPAN_ID_HEX_LENGTH);
    }

    /**
     * Returns the span id (the header's parent id) of a valid {@code traceparent}. Validates the
     * whole value first. Does not allocate unless it throws.
     *
     * @param traceparent the header value
     * @return the span id, never 0
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValidTraceparent}
     */
    public static long traceparentSpanId(CharSequence traceparent) {
        requireValidTraceparent(traceparent);
        return decode16(traceparent, SPAN_ID_OFFSET);
    }

    /**
     * Returns the trace flags of a valid {@code traceparent} (bit 0: sampled). Validates the whole
     * value first. Does not allocate unless it throws.
     *
     * @param traceparent the header value
     * @return the flags byte
     * @throws NullPointerException if {@code traceparent} is null
     * @throws IllegalArgumentException if it is invalid, as {@link #requireValidTraceparent}
     */
    public static byte traceparentFlags(CharSequence traceparent) {
        requireValidTraceparent(traceparent);
        return (byte) ((LOWER_NIBBLES[traceparent.charAt(FLAGS_OFFSET)] << 4)
                | LOWER_NIBBLES[traceparent.charAt(FLAGS_OFFSET + 1)]);
    }

    private static int putHex(long value, char[] dst, int offset) {
        for (int i = 0; i < SPAN_ID_HEX_LENGTH; i++) {
            dst[offset + i] = DIGITS[(int) (value >>> (60 - 4 * i)) & 0xF];
        }
        return offset + SPAN_ID_HEX_LENGTH;
    }

    private static int putHex(long value, byte[] dst, int offset) {
        for (int i = 0; i < SPAN_ID_HEX_LENGTH; i++) {
            dst[offset + i] = ASCII_DIGITS[(int) (value >>> (60 - 4 * i)) & 0xF];
        }
        return offset + SPAN_ID_HEX_LENGTH;
    }

    private static void checkRoom(String lengthName, int length, int offset, int needed) {
        if (length < needed) {
            throw new IndexOutOfBoundsException(lengthName + " must be >= " + needed + ", was: " + length);
        }
        // length - needed cannot overflow (both non-negative); offset + needed could.
        if (offset < 0 || offset > length - needed) {
            throw new IndexOutOfBoundsException("offset must be in [0, " + (length - needed) + "] to fit " + needed
                    + " characters into " + lengthName + " " + length + ", was: " + offset);
        }
    }

    private static void checkIds(long traceIdHigh, long traceIdLow, long spanId) {
        if (!Ids.isValidTraceId(traceIdHigh, traceIdLow)) {
            throw new IllegalArgumentException("trace id must not be all zeros");
        }
        if (!Ids.isValidSpanId(spanId)) {
            throw new IllegalArgumentException("span id must not be all zeros");
        }
    }

    /** Decodes 16 characters already validated as lowercase hex. */
    private static long decode16(CharSequence s, int offset) {
        long value = 0;
        for (int i = offset; i < offset + SPAN_ID_HEX_LENGTH; i++) {
            value = (value << 4) | LOWER_NIBBLES[s.charAt(i)];
        }
        return value;
    }

    private static int lowerNibble(char c) {
        return c < LOWER_NIBBLES.length ? LOWER_NIBBLES[c] : -1;
    }

    private static boolean isDashPosition(int i) {
        return i == TRACE_ID_OFFSET - 1 || i == SPAN_ID_OFFSET - 1 || i == FLAGS_OFFSET - 1
                || i == TRACEPARENT_LENGTH;
    }

    /**
     * Returns {@link #VALID}, a negative reason code, or the index of the first unexpected character.
     * One pass over the 55 characters: validating is the cost of reading a field, so it must be cheap.
     */
    private static int checkTraceparent(CharSequence s) {
        int length = s.length();
        if (length < TRACEPARENT_LENGTH) {
            return TOO_SHORT;
        }
        long traceIdBits = 0;
        long spanIdBits = 0;
        for (int i = 0; i < TRACEPARENT_LENGTH; i++) {
            char c = s.charAt(i);
            if (isDashPosition(i)) {
                if (c != '-') {
                    return i;
                }
                continue;
            }
            int nibble = lowerNibble(c);
            if (nibble < 0) {
                return i;
            }
            if (i >= TRACE_ID_OFFSET && i < SPAN_ID_OFFSET) {
                traceIdBits |= nibble;
            } else if (i >= SPAN_ID_OFFSET && i < FLAGS_OFFSET) {
                spanIdBits |= nibble;
            }
        }
        char v0 = s.charAt(0);
        char v1 = s.charAt(1);
        if (v0 == 'f' && v1 == 'f') {
            return VERSION_FF;
        }
        if (length > TRACEPARENT_LENGTH) {
            if (v0 == '0' && v1 == '0') {
                return TOO_LONG_FOR_VERSION_00;
            }
            // A future version may append fields, each introduced by '-'.
            if (s.charAt(TRACEPARENT_LENGTH) != '-') {
                return TRACEPARENT_LENGTH;
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

    private static String describeInvalid(CharSequence s, int result) {
        switch (result) {
            case TOO_SHORT:
                return "traceparent must be at least " + TRACEPARENT_LENGTH + " characters, was: " + s.length();
            case TOO_LONG_FOR_VERSION_00:
                return "traceparent of version 00 must be exactly " + TRACEPARENT_LENGTH + " characters, was: "
                        + s.length();
            case VERSION_FF:
                return "traceparent version ff is forbidden";
            case ZERO_TRACE_ID:
                return "traceparent trace id must not be all zeros";
            case ZERO_SPAN_ID:
                return "traceparent parent (span) id must not be all zeros";
            default:
                char c = s.charAt(result);
                return isDashPosition(result)
                        ? "traceparent must have '-' at index " + result + ", was: " + describe(c)
                        : "traceparent has invalid character " + describe(c) + " at index " + result
                                + ", expected a lowercase hex digit";
        }
    }

    /** Quotes a printable ASCII character, or names it by code point (no control bytes in messages). */
    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
