package io.lowalloc.otel.internal.view;

import io.lowalloc.core.attr.AttributeType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The {@code List} value of an array attribute ({@code List<String>}, {@code List<Long>},
 * {@code List<Double>} or {@code List<Boolean>}) over the core's array, without copying it.
 *
 * <p>OpenTelemetry's API hands elements out boxed. {@code Boolean}s and small {@code Long}s come
 * from the JDK's caches; otherwise the box made for an element is remembered per index and
 * reused while the element keeps its value, so re-reading an unchanged array, or the same
 * values span after span, allocates nothing. An element whose value changed costs one box.
 * String elements longer than the attribute value length limit are shown cut (see
 * {@link ValueLimit}), the cut string remembered per index.
 */
final class ArrayValueList extends IndexedList<Object> {

    private static final Object[] NO_BOXES = new Object[0];

    private AttributeType type = AttributeType.STRING_ARRAY;
    private Object array = new String[0];
    private int length;
    private int maxLength = ValueLimit.UNLIMITED;
    private Object[] boxes = NO_BOXES;

    ArrayValueList(Generation owner) {
        super(owner);
    }

    /**
     * Shows {@code array}, an array of the Java type matching {@code type}, held by reference,
     * with string elements cut to {@code maxLength}.
     */
    void bind(AttributeType type, Object array, int maxLength) {
        this.type = type;
        this.array = array;
        this.length = length(type, array);
        this.maxLength = maxLength;
        // Strings need memo slots only for cut strings, made lazily in element().
        if (type != AttributeType.BOOLEAN_ARRAY && type != AttributeType.STRING_ARRAY && boxes.length < length) {
            boxes = Arrays.copyOf(boxes, length);
        }
    }

    @Override
    Object element(int index) {
        switch (type) {
            case STRING_ARRAY:
                return string(index);
            case BOOLEAN_ARRAY:
                return ((boolean[]) array)[index];
            case LONG_ARRAY:
                return Boxes.boxLong(boxes, index, ((long[]) array)[index]);
            case DOUBLE_ARRAY:
                return Boxes.boxDouble(boxes, index, ((double[]) array)[index]);
            default:
                throw new AssertionError(type);
        }
    }

    private String string(int index) {
        String s = ((String[]) array)[index];
        if (s == null || s.length() <= maxLength) {
            return s;
        }
        if (boxes.length < length) {
            boxes = Arrays.copyOf(boxes, length); // first cut in this list: only over-limit values allocate
        }
        return ValueLimit.apply(boxes, index, s, maxLength);
    }

    @Override
    int length() {
        return length;
    }

    static int length(AttributeType type, Object array) {
        switch (type) {
            case STRING_ARRAY:
                return ((String[]) array).length;
            case LONG_ARRAY:
                return ((long[]) array).length;
            case DOUBLE_ARRAY:
                return ((double[]) array).length;
            case BOOLEAN_ARRAY:
                return ((boolean[]) array).length;
            default:
                throw new IllegalArgumentException("not an array type: " + type);
        }
    }

    /**
     * An immutable copy of an array value as the {@code List} OpenTelemetry expects, string
     * elements cut to {@code maxLength}. Allocates.
     */
    static List<?> copyOf(AttributeType type, Object array, int maxLength) {
        switch (type) {
            case STRING_ARRAY: {
                String[] copy = ((String[]) array).clone();
                for (int i = 0; i < copy.length; i++) {
                    if (copy[i] != null) {
                        copy[i] = ValueLimit.apply(copy[i], maxLength);
                    }
                }
                return Collections.unmodifiableList(Arrays.asList(copy));
            }
            case LONG_ARRAY: {
                long[] a = (long[]) array;
                Long[] boxed = new Long[a.length];
                for (int i = 0; i < a.length; i++) {
                    boxed[i] = a[i];
                }
                return Collections.unmodifiableList(Arrays.asList(boxed));
            }
            case DOUBLE_ARRAY: {
                double[] a = (double[]) array;
                Double[] boxed = new Double[a.length];
                for (int i = 0; i < a.length; i++) {
                    boxed[i] = a[i];
                }
                return Collections.unmodifiableList(Arrays.asList(boxed));
            }
            case BOOLEAN_ARRAY: {
                boolean[] a = (boolean[]) array;
                Boolean[] boxed = new Boolean[a.length];
                for (int i = 0; i < a.length; i++) {
                    boxed[i] = a[i];
                }
                return Collections.unmodifiableList(Arrays.asList(boxed));
            }
            default:
                throw new IllegalArgumentException("not an array type: " + type);
        }
    }
}
