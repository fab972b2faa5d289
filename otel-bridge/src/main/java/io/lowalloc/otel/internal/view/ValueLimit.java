package io.lowalloc.otel.internal.view;

import io.lowalloc.core.attr.AttributeReader;

/**
 * The attribute value length limit of {@link io.lowalloc.core.span.SpanLimits#maxAttributeValueLength()},
 * applied where values are exported: a string longer than the limit is shown cut to it, anything
 * else as stored. A value within the limit costs one length comparison and nothing else.
 *
 * <p>Cutting keeps at most {@code max} {@code char}s, one fewer when the cut would separate a
 * high surrogate from its low surrogate (OpenTelemetry's Java SDK cuts at exactly {@code max}
 * {@code char}s and may split the pair; a lone surrogate would be encoded as {@code ?} by a
 * UTF-8 exporter). A cut string is remembered per index together with the string it came from,
 * so reading the same value again, in the same export or a later one, allocates nothing.
 */
final class ValueLimit {

    /** No limit: OpenTelemetry's default. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    /** A cut string and what it was cut from, kept together so that readers never mix two entries. */
    private record Cut(String source, int max, String result) {
    }

    private ValueLimit() {
    }

    /** {@return {@code value}, or its cut form from {@code cuts[index]} (made and kept there if absent)} */
    static String apply(Object[] cuts, int index, String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        if (index >= cuts.length) {
            return cut(value, max);
        }
        // One object per entry, published through its final fields: a racing reader sees a whole entry or another.
        if (cuts[index] instanceof Cut c && c.source() == value && c.max() == max) {
            return c.result();
        }
        Cut made = new Cut(value, max, cut(value, max));
        cuts[index] = made;
        return made.result();
    }

    /** {@return {@code value} cut to {@code max} chars if longer; allocates only then} */
    static String apply(String value, int max) {
        return value.length() <= max ? value : cut(value, max);
    }

    private static String cut(String value, int max) {
        int end = max;
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1)) && Character.isLowSurrogate(value.charAt(end))) {
            end--;
        }
        return value.substring(0, end);
    }

    /**
     * {@return how many string values and (non-null) string-array elements of {@code reader} are
     * longer than {@code max}; 0 at once when unlimited} Allocates nothing.
     */
    static int countOver(AttributeReader reader, int max) {
        if (max == UNLIMITED) {
            return 0;
        }
        int over = 0;
        for (int i = 0, n = reader.size(); i < n; i++) {
            switch (reader.type(i)) {
                case STRING -> over += reader.stringValue(i).length() > max ? 1 : 0;
                case STRING_ARRAY -> {
                    for (String s : (String[]) reader.arrayValue(i)) {
                        over += s != null && s.length() > max ? 1 : 0;
                    }
                }
                default -> {
                    // numbers, booleans and their arrays have no length to limit
                }
            }
        }
        return over;
    }
}
