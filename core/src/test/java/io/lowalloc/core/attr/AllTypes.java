package io.lowalloc.core.attr;

/** One attribute of each of the eight types, shared by the attribute tests. */
public final class AllTypes {

    public static final String[] STRINGS = {"a", "b"};
    public static final long[] LONGS = {1L, 2L};
    public static final double[] DOUBLES = {0.5, 1.5};
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
