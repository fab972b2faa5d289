package io.lowalloc.core.attr;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one implementation of the typed {@code put}s and reads behind {@link AttributeStore} and
 * {@link FixedAttributeBuilder}: parallel arrays of keys, types, primitive values as raw
 * {@code long} bits and reference values, so nothing is boxed and no entry objects exist.
 *
 * <p>A new key that does not fit doubles the arrays, capped at the limit; a new key past the
 * limit is dropped and counted. Writing a present key replaces its value and type in place
 * (linear scan with {@link String#equals}). Order is insertion order of first writes. Only growth
 * allocates; {@link #clear()} keeps the grown arrays. Not thread-safe.
 *
 * <p>Sealed, and every public method final, so calls on either subclass bind statically.
 */
abstract sealed class AttributeArrays implements AttributeSink, AttributeReader
        permits AttributeStore, FixedAttributeBuilder {

    private static final String[] NO_KEYS = new String[0];
    private static final AttributeType[] NO_TYPES = new AttributeType[0];
    private static final long[] NO_BITS = new long[0];
    private static final Object[] NO_REFS = new Object[0];

    /** The capacity the first growth of an empty store jumps to (then it doubles). */
    private static final int MIN_GROWN_CAPACITY = 4;

    private final int limit;
    private String[] keys;
    private AttributeType[] types;
    private long[] bits;
    private Object[] refs;
    private int size;
    private int dropped;

    /** Arguments are validated by the subclasses' factories. */
    AttributeArrays(int initialCapacity, int limit) {
        this.limit = limit;
        if (initialCapacity == 0) {
            keys = NO_KEYS;
            types = NO_TYPES;
            bits = NO_BITS;
            refs = NO_REFS;
        } else {
            keys = new String[initialCapacity];
            types = new AttributeType[initialCapacity];
            bits = new long[initialCapacity];
            refs = new Object[initialCapacity];
        }
    }

    /**
     * {@return how many attributes fit before the arrays have to grow, never above the limit}
     * A {@link FixedAttributeBuilder} starts at its full capacity and never grows.
     */
    public final int capacity() {
        return keys.length;
    }

    /** The most attributes ever held; public on {@link AttributeStore}. */
    int limit() {
        return limit;
    }

    @Override
    public final int size() {
        return size;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counts new keys rejected at the limit since creation or the last {@link #clear()};
     * saturates at {@link Integer#MAX_VALUE}.
     */
    @Override
    public final int droppedCount() {
        return dropped;
    }

    /**
     * Removes every attribute and resets the dropped count, keeping the capacity. References
     * are nulled, so a cleared instance keeps no value alive. Allocates nothing.
     */
    public final void clear() {
        // Only the used prefix can hold references: slots past size were nulled on a previous clear.
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(refs, 0, size, null);
        Arrays.fill(types, 0, size, null);
        size = 0;
        dropped = 0;
    }

    @Override
    public final void put(String key, String value) {
        putReference(key, AttributeType.STRING, value);
    }

    @Override
    public final void put(String key, long value) {
        putBits(key, AttributeType.LONG, value);
    }

    @Override
    public final void put(String key, double value) {
        putBits(key, AttributeType.DOUBLE, Double.doubleToRawLongBits(value));
    }

    @Override
    public final void put(String key, boolean value) {
        putBits(key, AttributeType.BOOLEAN, value ? 1L : 0L);
    }

    @Override
    public final void put(String key, String[] value) {
        putReference(key, AttributeType.STRING_ARRAY, value);
    }

    @Override
    public final void put(String key, long[] value) {
        putReference(key, AttributeType.LONG_ARRAY, value);
    }

    @Override
    public final void put(String key, double[] value) {
        putReference(key, AttributeType.DOUBLE_ARRAY, value);
    }

    @Override
    public final void put(String key, boolean[] value) {
        putReference(key, AttributeType.BOOLEAN_ARRAY, value);
    }

    /**
     * Writes every attribute held into {@code target} through its {@code put} methods, in index
     * order; what the target does past its own limit is up to the target. Allocates nothing
     * itself.
     *
     * @param target where to write
     * @throws NullPointerException if {@code target} is {@code null}
     */
    public final void copyTo(AttributeSink target) {
        AttributeCopy.copy(this, Objects.requireNonNull(target, "target"));
    }

    @Override
    public final String key(int index) {
        return keys[Objects.checkIndex(index, size)];
    }

    @Override
    public final AttributeType type(int index) {
        return types[Objects.checkIndex(index, size)];
    }

    @Override
    public final String stringValue(int index) {
        return (String) refs[checkType(index, AttributeType.STRING)];
    }

    @Override
    public final long longValue(int index) {
        return bits[checkType(index, AttributeType.LONG)];
    }

    @Override
    public final double doubleValue(int index) {
        return Double.longBitsToDouble(bits[checkType(index, AttributeType.DOUBLE)]);
    }

    @Override
    public final boolean booleanValue(int index) {
        return bits[checkType(index, AttributeType.BOOLEAN)] != 0L;
    }

    @Override
    public final Object arrayValue(int index) {
        Objects.checkIndex(index, size);
        AttributeType actual = types[index];
        if (actual == AttributeType.STRING_ARRAY
                || actual == AttributeType.LONG_ARRAY
                || actual == AttributeType.DOUBLE_ARRAY
                || actual == AttributeType.BOOLEAN_ARRAY) {
            return refs[index];
        }
        throw new IllegalStateException(
                "attribute '" + keys[index] + "' at index " + index + " is " + actual + ", not an array");
    }

    @Override
    public final int indexOf(String key) {
        Objects.requireNonNull(key, "key");
        String[] k = keys;
        for (int i = 0; i < size; i++) {
            if (key.equals(k[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public final void forEach(AttributeVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        for (int i = 0; i < size; i++) {
            String key = keys[i];
            switch (types[i]) {
                case STRING -> visitor.visitString(key, (String) refs[i]);
                case LONG -> visitor.visitLong(key, bits[i]);
                case DOUBLE -> visitor.visitDouble(key, Double.longBitsToDouble(bits[i]));
                case BOOLEAN -> visitor.visitBoolean(key, bits[i] != 0L);
                case STRING_ARRAY -> visitor.visitStringArray(key, (String[]) refs[i]);
                case LONG_ARRAY -> visitor.visitLongArray(key, (long[]) refs[i]);
                case DOUBLE_ARRAY -> visitor.visitDoubleArray(key, (double[]) refs[i]);
                case BOOLEAN_ARRAY -> visitor.visitBooleanArray(key, (boolean[]) refs[i]);
                default -> throw new AssertionError(types[i]);
            }
        }
    }

    /** Appends {@code {k=v, ...}}, arrays in {@link Arrays#toString} form; for toString only. */
    final StringBuilder appendAttributes(StringBuilder b) {
        b.append('{');
        for (int i = 0; i < size; i++) {
            b.append(i > 0 ? ", " : "").append(keys[i]).append('=');
            Object ref = refs[i];
            switch (types[i]) {
                case STRING -> b.append((String) ref);
                case LONG -> b.append(bits[i]);
                case DOUBLE -> b.append(Double.longBitsToDouble(bits[i]));
                case BOOLEAN -> b.append(bits[i] != 0L);
                case STRING_ARRAY -> b.append(Arrays.toString((String[]) ref));
                case LONG_ARRAY -> b.append(Arrays.toString((long[]) ref));
                case DOUBLE_ARRAY -> b.append(Arrays.toString((double[]) ref));
                case BOOLEAN_ARRAY -> b.append(Arrays.toString((boolean[]) ref));
                default -> throw new AssertionError(types[i]);
            }
        }
        return b.append('}');
    }

    /** Raw reference slot, for tests that check {@link #clear()} lets go of values. */
    final Object referenceSlot(int slot) {
        return refs[slot];
    }

    /** Raw key slot, for tests that check {@link #clear()} lets go of keys. */
    final String keySlot(int slot) {
        return keys[slot];
    }

    private int checkType(int index, AttributeType expected) {
        Objects.checkIndex(index, size);
        AttributeType actual = types[index];
        if (actual != expected) {
            throw new IllegalStateException(
                    "attribute '" + keys[index] + "' at index " + index + " is " + actual + ", not " + expected);
        }
        return index;
    }

    private void putReference(String key, AttributeType type, Object value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        int i = slotFor(key);
        if (i >= 0) {
            types[i] = type;
            refs[i] = value;
            bits[i] = 0L;
        }
    }

    private void putBits(String key, AttributeType type, long value) {
        checkKey(key);
        int i = slotFor(key);
        if (i >= 0) {
            types[i] = type;
            bits[i] = value;
            // A primitive may replace a reference value: let go of the old object.
            refs[i] = null;
        }
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
    }

    /**
     * Returns the slot to write {@code key} into: its current slot, a new slot at the end, or
     * -1 if it is new and the limit is reached (then the drop is counted).
     */
    private int slotFor(String key) {
        int i = indexOf(key);
        if (i >= 0) {
            return i;
        }
        if (size == keys.length) {
            if (size == limit) {
                if (dropped != Integer.MAX_VALUE) {
                    dropped++;
                }
                return -1;
            }
            grow();
        }
        i = size++;
        keys[i] = key;
        return i;
    }

    private void grow() {
        int newCapacity = (int) Math.min(limit, Math.max(MIN_GROWN_CAPACITY, 2L * keys.length));
        keys = Arrays.copyOf(keys, newCapacity);
        types = Arrays.copyOf(types, newCapacity);
        bits = Arrays.copyOf(bits, newCapacity);
        refs = Arrays.copyOf(refs, newCapacity);
    }
}
