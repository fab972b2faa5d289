package io.lowalloc.core.testing;

import io.lowalloc.core.attr.AttributeSink;

/**
 * One attribute of each of the eight types, written by {@link #putAll(AttributeSink)}, and what a
 * {@link RecordingVisitor} records for them. The arrays are shared instances: a test can check
 * that a sink keeps the caller's array (no copy).
 */
public final class AllTypes {

    /** The value of {@code sa}. */
    public static final String[] STRINGS = {"a", "b"};
    /** The value of {@code la}. */
    public static final long[] LONGS = {1L, 2L};
    /** The value of {@code da}. */
    public static final double[] DOUBLES = {0.5, 1.5};
    /** The value of {@code ba}. */
    public static final boolean[] BOOLEANS = {true, false};

    /** What {@link RecordingVisitor} records for {@link #putAll(AttributeSink)}, in order. */
    public static final String[] VISITS = {
        "STRING s=text",
        "LONG l=42",
        "DOUBLE d=2.5",
        "BOOLEAN b=true",
        "STRING_ARRAY sa=[a, b]",
        "LONG_ARRAY la=[1, 2]",
        "DOUBLE_ARRAY da=[0.5, 1.5]",
        "BOOLEAN_ARRAY ba=[true, false]",
    };

    private AllTypes() {
    }

    /**
     * Writes {@code s, l, d, b, sa, la, da, ba}, in that order, one of each type.
     *
     * @param sink the sink to write to
     */
    public static void putAll(AttributeSink sink) {
        sink.put("s", "text");
        sink.put("l", 42L);
        sink.put("d", 2.5);
        sink.put("b", true);
        sink.put("sa", STRINGS);
        sink.put("la", LONGS);
        sink.put("da", DOUBLES);
        sink.put("ba", BOOLEANS);
    }
}
