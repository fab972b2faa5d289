package io.lowalloc.core.span;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The W3C Trace Context {@code tracestate} header as a span carries it: the value as received, a
 * {@code String} held by reference, written out unchanged, and validated only when something
 * reads its members ({@link #isValid(CharSequence)}; the OpenTelemetry bridge parses it when an
 * exporter asks). A value longer than {@value #MAX_LENGTH} characters, the bound the
 * specification sets for propagation, is truncated by whole list members as the specification
 * allows: members longer than {@value #LONG_MEMBER_LENGTH} characters are removed first (from the
 * end), then members from the end, until the rest fits.
 *
 * <p>Allocation: {@link #carry(String)} of a value within the bound returns it and allocates
 * nothing; {@link #copyOf(byte[], int, int)} copies a value out of a reusable buffer once (one
 * {@code String}); truncation allocates. Static and thread-safe.
 */
public final class TraceState {

    /** The longest value propagated, in characters: {@value}. */
    public static final int MAX_LENGTH = 512;
    /** The most list members a valid value holds: {@value}. */
    public static final int MAX_MEMBERS = 32;
    /** Members longer than this, in characters, are the first to go when truncating: {@value}. */
    public static final int LONG_MEMBER_LENGTH = 128;

    private static final int MAX_KEY_LENGTH = 256;
    private static final int MAX_TENANT_LENGTH = 241;
    private static final int MAX_SYSTEM_LENGTH = 14;
    private static final int MAX_VALUE_LENGTH = 256;

    private TraceState() {
    }

    /**
     * Returns the value to carry for a received {@code tracestate}: {@code value} itself if it
     * is at most {@value #MAX_LENGTH} characters, else its truncation by whole members (see the
     * class documentation).
     *
     * @param value the header value; null for none
     * @return the value to carry, {@code ""} for null
     */
    public static String carry(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_LENGTH ? value : truncate(value);
    }

    /**
     * Copies a {@code tracestate} value out of a buffer of ASCII bytes (for example a server's
     * reusable request buffer) once, truncating it as {@link #carry(String)} does.
     *
     * @param src the buffer
     * @param offset where the value starts
     * @param length the value's length in bytes
     * @return the value to carry; {@code ""} if {@code length} is 0 (no allocation then)
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static String copyOf(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(src, "src").length);
        return length == 0 ? "" : carry(new String(src, offset, length, StandardCharsets.ISO_8859_1));
    }

    /**
     * Returns whether {@code value} is a valid {@code tracestate}: at most {@value #MAX_MEMBERS}
     * comma-separated list members (empty members and optional spaces or tabs around them
     * allowed), each {@code key=value} with a key of lowercase letters, digits and
     * {@code _ - * /} that starts with a letter (at most 256 characters), or
     * {@code tenant@system} (tenant starting with a letter or digit, at most 241 characters;
     * system starting with a letter, at most 14), and a value of at most 256 printable ASCII
     * characters other than {@code ,} and {@code =}, not ending in a space. Keys are not checked
     * for duplicates. Allocates nothing.
     *
     * @param value the header value
     * @return true if valid; {@code ""} is valid (no members)
     * @throws NullPointerException if {@code value} is null
     */
    public static boolean isValid(CharSequence value) {
        Objects.requireNonNull(value, "value");
        int length = value.length();
        int members = 0;
        int start = 0;
        while (start <= length) {
            int end = start;
            while (end < length && value.charAt(end) != ',') {
                end++;
            }
            int from = start;
            int to = end;
            while (from < to && isOws(value.charAt(from))) {
                from++;
            }
            while (to > from && isOws(value.charAt(to - 1))) {
                to--;
            }
            if (from < to) {
                if (++members > MAX_MEMBERS || !isValidMember(value, from, to)) {
                    return false;
                }
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isValidMember(CharSequence s, int from, int to) {
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '=') {
                eq = i;
                break;
            }
        }
        return eq > from && isValidKey(s, from, eq) && isValidValue(s, eq + 1, to);
    }

    private static boolean isValidKey(CharSequence s, int from, int to) {
        int at = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (!isLcAlpha(c) && !isDigit(c) && c != '_' && c != '-' && c != '*' && c != '/') {
                return false;
            }
        }
        if (at < 0) {
            return to - from <= MAX_KEY_LENGTH && isLcAlpha(s.charAt(from));
        }
        int tenant = at - from;
        int system = to - at - 1;
        return tenant >= 1 && tenant <= MAX_TENANT_LENGTH && (isLcAlpha(s.charAt(from)) || isDigit(s.charAt(from)))
                && system >= 1 && system <= MAX_SYSTEM_LENGTH && isLcAlpha(s.charAt(at + 1));
    }

    private static boolean isValidValue(CharSequence s, int from, int to) {
        if (to - from < 1 || to - from > MAX_VALUE_LENGTH || s.charAt(to - 1) == ' ') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The rare path: split into trimmed non-empty members, drop long ones then the last ones. */
    private static String truncate(String value) {
        List<String> members = new ArrayList<>();
        for (String member : value.split(",", -1)) {
            String trimmed = member.strip();
            if (!trimmed.isEmpty()) {
                members.add(trimmed);
            }
        }
        int length = joinedLength(members);
        for (int i = members.size() - 1; i >= 0 && length > MAX_LENGTH; i--) {
            if (members.get(i).length() > LONG_MEMBER_LENGTH) {
                members.remove(i);
                length = joinedLength(members);
            }
        }
        while (length > MAX_LENGTH) {
            members.remove(members.size() - 1);
            length = joinedLength(members);
        }
        return String.join(",", members);
    }

    private static int joinedLength(List<String> members) {
        int length = Math.max(0, members.size() - 1);
        for (String member : members) {
            length += member.length();
        }
        return length;
    }
}
