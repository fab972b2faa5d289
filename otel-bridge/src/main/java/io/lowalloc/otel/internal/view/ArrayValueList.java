package io.lowalloc.otel.internal.view;

import io.lowalloc.core.attr.AttributeType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The {@code List} value of an array attribute ({@code List<String>}, {@code List<Long>},
 * {@code List<Double>} or {@code List<Boolean>}) over the core's array, without copying it.
 *
 * <p>OpenTelemetry's API hands elements out boxed. {@code Boolean}s and small {@code Long}s come
 * from the JDK's caches; otherwise the box made for an element is remembered per index and
 * reused while the element keeps its value, so re-reading an unchanged array, or the same
 * values span after span, allocates nothing. An element whose value changed costs one box.
 */
final class ArrayValueList extends IndexedList<Object> {

    private static final Object[] NO_BOXES = new Object[0];

    private AttributeType type = AttributeType.STRING_ARRAY;
    private Object array = new String[0];
    private int length;
    private Object[] boxes = NO_BOXES;

    /** Shows {@code array}, an array of the Java type matching {@code type}, held by reference. */
    void bind(AttributeType type, Object array) {
        this.type = type;
        this.array = array;
        this.length = length(type, array);
        if (type != AttributeType.STRING_ARRAY && type != AttributeType.BOOLEAN_ARRAY && boxes.length < length) {
            boxes = Arrays.copyOf(boxes, length);
        }
        reclaimCursor();
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, length);
        switch (type) {
            case STRING_ARRAY:
                return ((String[]) array)[index];
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

    @Override
    public int size() {
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

    /** An immutable copy of an array value as the {@code List} OpenTelemetry expects. Allocates. */
    static List<?> copyOf(AttributeType type, Object array) {
        switch (type) {
            case STRING_ARRAY:
                return Collections.unmodifiableList(Arrays.asList(((String[]) array).clone()));
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
