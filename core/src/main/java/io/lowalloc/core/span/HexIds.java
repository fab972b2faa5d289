package io.lowalloc.core.span;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Lowercase hexadecimal form of ids (see {@link Ids}): a span id is one {@code long} written as
 * {@value #SPAN_ID_HEX_LENGTH} characters, a trace id two {@code long}s written high half first as
 * {@value #TRACE_ID_HEX_LENGTH}. Parsing accepts either case. The W3C header built from them is
 * {@link Traceparent}.
 *
 * <p>Allocation: only {@link #traceIdToHex} and {@link #spanIdToHex} allocate (the returned
 * {@code String}, for exporters that need strings); every other method reads or writes a caller's
 * buffer and allocates nothing unless it throws.
 *
 * <p>Buffers are validated: a negative offset or one that leaves too little room throws
 * {@link IndexOutOfBoundsException} naming the offset, the room needed and the buffer length.
 * Static and thread-safe (buffers excepted).
 */
public final class HexIds {

    /** Characters in a hex span id: {@value}. */
    public static final int SPAN_ID_HEX_LENGTH = 16;

    /** Characters in a hex trace id: {@value}. */
    public static final int TRACE_ID_HEX_LENGTH = 32;

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

    private HexIds() {
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
        putHex(high, chars, 0);
        putHex(low, chars, SPAN_ID_HEX_LENGTH);
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
        putHex(spanId, chars, 0);
        return new String(chars);
    }

    /**
     * Writes {@code value} as 16 lowercase hex characters (unsigned, zero-padded) into
     * {@code dst} from {@code offset}.
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
        checkRoom("dst.length", Objects.requireNonNull(dst, "dst").length, offset, SPAN_ID_HEX_LENGTH);
        return putHex(value, dst, offset);
    }

    /**
     * Writes {@code value} as 16 lowercase hex ASCII bytes (unsigned, zero-padded) into
     * {@code dst} from {@code offset}.
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
        checkRoom("dst.length", Objects.requireNonNull(dst, "dst").length, offset, SPAN_ID_HEX_LENGTH);
        return putHex(value, dst, offset);
    }

    /**
     * Appends {@code value} as 16 lowercase hex characters to {@code dst}, for log lines and
     * MDC-style correlation (a span id). Allocates nothing once {@code dst} has the room; an API
     * that takes a {@code String} (such as SLF4J's MDC) needs one, which allocates.
     *
     * @param value the value to write
     * @param dst the destination
     * @return {@code dst}
     * @throws NullPointerException if {@code dst} is null
     */
    public static StringBuilder appendHex(long value, StringBuilder dst) {
        Objects.requireNonNull(dst, "dst");
        for (int shift = 60; shift >= 0; shift -= 4) {
            dst.append(DIGITS[(int) (value >>> shift) & 0xf]);
        }
        return dst;
    }

    /**
     * Appends a trace id as 32 lowercase hex characters, high half first, to {@code dst}; as
     * {@link #appendHex(long, StringBuilder)}.
     *
     * @param high the most significant 64 bits
     * @param low the least significant 64 bits
     * @param dst the destination
     * @return {@code dst}
     * @throws NullPointerException if {@code dst} is null
     */
    public static StringBuilder appendTraceId(long high, long low, StringBuilder dst) {
        return appendHex(low, appendHex(high, dst));
    }

    /**
     * Writes a trace id as 32 lowercase hex characters, high half first, into {@code dst} from
     * {@code offset}. Allocates nothing.
     *
     * @param high the most significant 64 bits
     * @param low the least significant 64 bits
     * @param dst the destination
     * @param offset where the first character goes
     * @return {@code offset + 32}
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 32 positions
     *     remain from it
     */
    public static int writeTraceId(long high, long low, char[] dst, int offset) {
        checkRoom("dst.length", Objects.requireNonNull(dst, "dst").length, offset, TRACE_ID_HEX_LENGTH);
        return putHex(low, dst, putHex(high, dst, offset));
    }

    /**
     * Writes a trace id as 32 lowercase hex ASCII bytes, high half first, into {@code dst} from
     * {@code offset}. Allocates nothing.
     *
     * @param high the most significant 64 bits
     * @param low the least significant 64 bits
     * @param dst the destination
     * @param offset where the first byte goes
     * @return {@code offset + 32}
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or fewer than 32 positions
     *     remain from it
     */
    public static int writeTraceId(long high, long low, byte[] dst, int offset) {
        checkRoom("dst.length", Objects.requireNonNull(dst, "dst").length, offset, TRACE_ID_HEX_LENGTH);
        return putHex(low, dst, putHex(high, dst, offset));
    }

    /**
     * Parses 16 hex characters (either case) from {@code s} at {@code offset} into a {@code long}
     * (unsigned: {@code "ffffffffffffffff"} is -1).
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
        checkRoom("s.length()", Objects.requireNonNull(s, "s").length(), offset, SPAN_ID_HEX_LENGTH);
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
     * digits (either case).
     *
     * @param s the characters
     * @param offset index of the first character to check, {@code >= 0}
     * @param length how many characters to check, {@code >= 0}
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

    // Unchecked building blocks shared with Traceparent: callers have validated the buffer.

    static int putHex(long value, char[] dst, int offset) {
        for (int i = 0; i < SPAN_ID_HEX_LENGTH; i++) {
            dst[offset + i] = DIGITS[(int) (value >>> (60 - 4 * i)) & 0xF];
        }
        return offset + SPAN_ID_HEX_LENGTH;
    }

    static int putHex(long value, byte[] dst, int offset) {
        for (int i = 0; i < SPAN_ID_HEX_LENGTH; i++) {
            dst[offset + i] = ASCII_DIGITS[(int) (value >>> (60 - 4 * i)) & 0xF];
        }
        return offset + SPAN_ID_HEX_LENGTH;
    }

    /** Writes one byte as two lowercase hex characters. */
    static void putByteHex(byte value, char[] dst, int offset) {
        dst[offset] = DIGITS[(value >> 4) & 0xF];
        dst[offset + 1] = DIGITS[value & 0xF];
    }

    /** Writes one byte as two lowercase hex ASCII bytes. */
    static void putByteHex(byte value, byte[] dst, int offset) {
        dst[offset] = ASCII_DIGITS[(value >> 4) & 0xF];
        dst[offset + 1] = ASCII_DIGITS[value & 0xF];
    }

    /** Returns the value of a lowercase hex digit, or -1 for any other character. */
    static int lowerNibble(char c) {
        return c < LOWER_NIBBLES.length ? LOWER_NIBBLES[c] : -1;
    }

    static void checkRoom(String lengthName, int length, int offset, int needed) {
        if (length < needed) {
            throw new IndexOutOfBoundsException(lengthName + " must be >= " + needed + ", was: " + length);
        }
        // length - needed cannot overflow (both non-negative); offset + needed could.
        if (offset < 0 || offset > length - needed) {
            throw new IndexOutOfBoundsException("offset must be in [0, " + (length - needed) + "] to fit " + needed
                    + " characters into " + lengthName + " " + length + ", was: " + offset);
        }
    }

    /** Quotes a printable ASCII character, or names it by code point (no control bytes in messages). */
    static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
