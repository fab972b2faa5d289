package io.lowalloc.core.attr;

import java.util.Arrays;
import java.util.Objects;

/**
 * A growable-up-to-a-limit list of attributes kept in parallel preallocated arrays: keys, types,
 * primitive values as raw {@code long} bits and reference values ({@code String} and arrays) as
 * {@code Object}s. Nothing is boxed and no entry objects exist.
 *
 * <p>Capacity and limit: the arrays start at the initial capacity and, when a new key does not
 * fit, double (capped at the limit). That growth is the only allocation and happens only while a
 * reused store warms up: {@link #clear()} keeps the grown arrays. A new key that arrives when the
 * store already holds {@link #limit()} attributes is dropped and counted in
 * {@link #droppedCount()}; the store never grows past its limit and never throws for it.
 *
 * <p>Writing a key that is present replaces its value and type in place (linear scan with
 * {@link String#equals}, no hashing). Order is insertion order of first writes.
 *
 * <p>Allocation: {@code put}, reads, {@link #forEach}, {@link #putAll}, {@link #copyTo} and
 * {@link #clear()} allocate nothing once the capacity needed has been reached;
 * {@link #toString()} allocates.
 *
 * <p>Not thread-safe: meant to be owned by one thread at a time (hand-off through a
 * thread-safe queue is fine).
 */
public final class AttributeStore implements AttributeSink, AttributeReader {

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

    private AttributeStore(int initialCapacity, int limit) {
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
     * Creates a store.
     *
     * @param initialCapacity how many attributes to preallocate room for, in {@code [0, limit]}
     * @param limit the maximum number of attributes held, {@code >= 1}; further new keys are
     *     dropped and counted
     * @return a new, empty store
     * @throws IllegalArgumentException if {@code initialCapacity < 0}, {@code limit < 1} or
     *     {@code initialCapacity > limit}
     */
    public static AttributeStore create(int initialCapacity, int limit) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0, was: " + initialCapacity);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was: " + limit);
        }
        if (initialCapacity > limit) {
            throw new IllegalArgumentException(
                    "initialCapacity must be <= limit (" + limit + "), was: " + initialCapacity);
        }
        return new AttributeStore(initialCapacity, limit);
    }

    /**
     * Returns the current capacity: how many attributes fit before the arrays have to grow.
     *
     * @return the capacity, in {@code [0, limit()]}
     */
    public int capacity() {
        return keys.length;
    }

    /**
     * Returns the limit: the most attributes this store will ever hold.
     *
     * @return the limit, {@code >= 1}
     */
    public int limit() {
        return limit;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counts new keys rejected because the limit was reached since creation or the last
     * {@link #clear()}; saturates at {@link Integer#MAX_VALUE}.
     */
    @Override
    public int droppedCount() {
        return dropped;
    }

    /**
     * Removes every attribute and resets the dropped count, keeping the grown capacity.
     * References are nulled so a cleared store keeps no value alive. Allocates nothing.
     */
    public void clear() {
        // Only the used prefix can hold references: slots past size were nulled on a previous clear.
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(refs, 0, size, null);
        Arrays.fill(types, 0, size, null);
        size = 0;
        dropped = 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, String value) {
        putReference(key, AttributeType.STRING, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, long value) {
        putBits(key, AttributeType.LONG, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, double value) {
        putBits(key, AttributeType.DOUBLE, Double.doubleToRawLongBits(value));
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, boolean value) {
        putBits(key, AttributeType.BOOLEAN, value ? 1L : 0L);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, String[] value) {
        putReference(key, AttributeType.STRING_ARRAY, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, long[] value) {
        putReference(key, AttributeType.LONG_ARRAY, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, double[] value) {
        putReference(key, AttributeType.DOUBLE_ARRAY, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, boolean[] value) {
        putReference(key, AttributeType.BOOLEAN_ARRAY, value);
    }

    /**
     * Writes every attribute of {@code source} into this store, in index order, with the
     * same semantics as the {@code put} methods: existing keys are replaced, new keys past the
     * limit are dropped and counted here. The source's own dropped count is not added.
     * Allocates nothing once the capacity needed has been reached.
     *
     * @param source the attributes to copy; may be this store (then nothing changes)
     * @throws NullPointerException if {@code source} is {@code null}
     */
    public void putAll(AttributeReader source) {
        AttributeCopy.copy(Objects.requireNonNull(source, "source"), this);
    }

    /**
     * Writes every attribute of this store into {@code target}, in index order, through its
     * {@code put} methods. Allocates nothing itself.
     *
     * @param target where to write
     * @throws NullPointerException if {@code target} is {@code null}
     */
    public void copyTo(AttributeSink target) {
        AttributeCopy.copy(this, Objects.requireNonNull(target, "target"));
    }

    @Override
    public String key(int index) {
        return keys[Objects.checkIndex(index, size)];
    }

    @Override
    public AttributeType type(int index) {
        return types[Objects.checkIndex(index, size)];
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#STRING}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public String stringValue(int index) {
        return (String) refs[checkType(index, AttributeType.STRING)];
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#LONG}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public long longValue(int index) {
        return bits[checkType(index, AttributeType.LONG)];
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#DOUBLE}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public double doubleValue(int index) {
        return Double.longBitsToDouble(bits[checkType(index, AttributeType.DOUBLE)]);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#BOOLEAN}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public boolean booleanValue(int index) {
        return bits[checkType(index, AttributeType.BOOLEAN)] != 0L;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not one of the array types
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public Object arrayValue(int index) {
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

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     */
    @Override
    public int indexOf(String key) {
        Objects.requireNonNull(key, "key");
        String[] k = keys;
        for (int i = 0; i < size; i++) {
            if (key.equals(k[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code visitor} is {@code null}
     */
    @Override
    public void forEach(AttributeVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        for (int i = 0; i < size; i++) {
            String key = keys[i];
            switch (types[i]) {
                case STRING:
                    visitor.visitString(key, (String) refs[i]);
                    break;
                case LONG:
                    visitor.visitLong(key, bits[i]);
                    break;
                case DOUBLE:
                    visitor.visitDouble(key, Double.longBitsToDouble(bits[i]));
                    break;
                case BOOLEAN:
                    visitor.visitBoolean(key, bits[i] != 0L);
                    break;
                case STRING_ARRAY:
                    visitor.visitStringArray(key, (String[]) refs[i]);
                    break;
                case LONG_ARRAY:
                    visitor.visitLongArray(key, (long[]) refs[i]);
                    break;
                case DOUBLE_ARRAY:
                    visitor.visitDoubleArray(key, (double[]) refs[i]);
                    break;
                case BOOLEAN_ARRAY:
                    visitor.visitBooleanArray(key, (boolean[]) refs[i]);
                    break;
                default:
                    throw new AssertionError(types[i]);
            }
        }
    }

    /**
     * Returns a readable form such as {@code {http.method=GET, http.status=200}
     * (capacity=16, limit=128, dropped=0)}. Allocates; not for hot paths.
     *
     * @return a description of the content
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(32 + size * 24);
        appendTo(this, b);
        return b.append(" (capacity=").append(capacity())
                .append(", limit=").append(limit)
                .append(", dropped=").append(dropped)
                .append(')')
                .toString();
    }

    /**
     * Appends {@code {k=v, ...}} for any reader, arrays in {@link Arrays#toString} form.
     * Shared with {@link FixedAttributeBuilder#toString()}; allocates.
     */
    static void appendTo(AttributeReader reader, StringBuilder b) {
        b.append('{');
        for (int i = 0; i < reader.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(reader.key(i)).append('=');
            switch (reader.type(i)) {
                case STRING:
                    b.append(reader.stringValue(i));
                    break;
                case LONG:
                    b.append(reader.longValue(i));
                    break;
                case DOUBLE:
                    b.append(reader.doubleValue(i));
                    break;
                case BOOLEAN:
                    b.append(reader.booleanValue(i));
                    break;
                case STRING_ARRAY:
                    b.append(Arrays.toString((String[]) reader.arrayValue(i)));
                    break;
                case LONG_ARRAY:
                    b.append(Arrays.toString((long[]) reader.arrayValue(i)));
                    break;
                case DOUBLE_ARRAY:
                    b.append(Arrays.toString((double[]) reader.arrayValue(i)));
                    break;
                case BOOLEAN_ARRAY:
                    b.append(Arrays.toString((boolean[]) reader.arrayValue(i)));
                    break;
                default:
                    throw new AssertionError(reader.type(i));
            }
        }
        b.append('}');
    }

    /** Raw reference slot, for tests that check {@link #clear()} lets go of values. */
    Object referenceSlot(int slot) {
        return refs[slot];
    }

    /** Raw key slot, for tests that check {@link #clear()} lets go of keys. */
    String keySlot(int slot) {
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
