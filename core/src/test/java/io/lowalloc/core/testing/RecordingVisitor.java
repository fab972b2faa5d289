package io.lowalloc.core.testing;

import io.lowalloc.core.attr.AttributeVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link AttributeVisitor} that records each visit as {@code "TYPE key=value"} (arrays as
 * {@link Arrays#toString}), in order. Not thread-safe; allocates (test only).
 */
public final class RecordingVisitor implements AttributeVisitor {

    /** The visits so far, in order. */
    public final List<String> visits = new ArrayList<>();

    @Override
    public void visitString(String key, String value) {
        visits.add("STRING " + key + "=" + value);
    }

    @Override
    public void visitLong(String key, long value) {
        visits.add("LONG " + key + "=" + value);
    }

    @Override
    public void visitDouble(String key, double value) {
        visits.add("DOUBLE " + key + "=" + value);
    }

    @Override
    public void visitBoolean(String key, boolean value) {
        visits.add("BOOLEAN " + key + "=" + value);
    }

    @Override
    public void visitStringArray(String key, String[] value) {
        visits.add("STRING_ARRAY " + key + "=" + Arrays.toString(value));
    }

    @Override
    public void visitLongArray(String key, long[] value) {
        visits.add("LONG_ARRAY " + key + "=" + Arrays.toString(value));
    }

    @Override
    public void visitDoubleArray(String key, double[] value) {
        visits.add("DOUBLE_ARRAY " + key + "=" + Arrays.toString(value));
    }

    @Override
    public void visitBooleanArray(String key, boolean[] value) {
        visits.add("BOOLEAN_ARRAY " + key + "=" + Arrays.toString(value));
    }
}
