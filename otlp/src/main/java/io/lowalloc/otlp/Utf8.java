package io.lowalloc.otlp;

/**
 * UTF-8 sizing and encoding of a {@link String} prefix straight into a byte array, without the
 * {@code byte[]} that {@link String#getBytes(java.nio.charset.Charset)} makes. The result is the
 * same as {@code s.substring(0, end).getBytes(UTF_8)}, which is also what protobuf-java writes for a
 * string field: a surrogate pair becomes one 4-byte sequence, and an unpaired surrogate becomes
 * {@code '?'} (one byte). Stateless; allocates nothing.
 *
 * <p>{@link #measure} returns a <em>token</em> that the size pass queues and the write pass hands
 * back: the UTF-8 length when every char is ASCII, its bitwise complement (negative) otherwise, so
 * the write pass copies an all-ASCII string with one bulk copy instead of a char loop.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Returns where a string value cut to {@code maxChars} chars ends: {@code s.length()} when it is
     * not longer, otherwise {@code maxChars}, or one fewer when the cut would separate a surrogate
     * pair (the rule the OpenTelemetry bridge's views apply to the attribute value length limit).
     *
     * @param s the string
     * @param maxChars the most chars kept, {@code >= 0}
     * @return the end index of the kept prefix
     */
    static int cutEnd(String s, int maxChars) {
        int length = s.length();
        if (length <= maxChars) {
            return length;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return end;
    }

    /**
     * Measures {@code s[0, end)}.
     *
     * @param s the string
     * @param end the end index, in {@code [0, s.length()]}
     * @return the token: {@code end} when all of it is ASCII, else {@code ~utf8Length}
     */
    static int measure(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) >= 0x80) {
                return ~(i + nonAsciiLength(s, i, end));
            }
        }
        return end;
    }

    /**
     * {@return the UTF-8 size in bytes that a token of {@link #measure} stands for}
     *
     * @param token the token
     */
    static int length(int token) {
        return token >= 0 ? token : ~token;
    }

    /**
     * Returns the UTF-8 size of {@code s[0, end)}.
     *
     * @param s the string
     * @param end the end index, in {@code [0, s.length()]}
     * @return the size in bytes
     */
    static int length(String s, int end) {
        return length(measure(s, end));
    }

    /** UTF-8 size of {@code s[from, end)}, where {@code s[from]} is not ASCII. */
    private static int nonAsciiLength(String s, int from, int end) {
        int size = end - from;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                size += 1;
            } else if (!Character.isSurrogate(c)) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                // Two chars, four bytes.
                size += 2;
                i++;
            }
            // An unpaired surrogate is written as '?': one byte, already counted.
        }
        return size;
    }

    /**
     * Writes {@code s[0, end)} as UTF-8 at {@code dst[pos]}; the caller has made room for
     * {@link #length(int)} bytes.
     *
     * @param s the string
     * @param end the end index, in {@code [0, s.length()]}
     * @param token what {@link #measure} returned for {@code s} and {@code end}
     * @param dst the destination
     * @param pos where to start writing
     * @return the position after the last byte written
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII, and allocation-free
    static int write(String s, int end, int token, byte[] dst, int pos) {
        if (token >= 0) {
            // All ASCII: the low byte of each char is its UTF-8 byte; a bulk copy for compact strings.
            s.getBytes(0, end, dst, pos);
            return pos + end;
        }
        int p = pos;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[p++] = (byte) c;
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xC0 | (c >>> 6));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                dst[p++] = (byte) (0xE0 | (c >>> 12));
                dst[p++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[p++] = (byte) (0xF0 | (cp >>> 18));
                dst[p++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                dst[p++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                dst[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                dst[p++] = (byte) '?';
            }
        }
        return p;
    }
}
