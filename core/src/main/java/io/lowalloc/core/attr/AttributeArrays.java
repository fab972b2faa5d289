package io.lowalloc.core.attr;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one implementation of the typed {@code put}s and reads behind {@link AttributeStore} and
 * {@link FixedAttributeBuilder}: parallel arrays of keys, key hashes, type ordinals, primitive
 * values as raw {@code long} bits and reference values, so nothing is boxed and no entry objects
 * exist.
 *
 * <p>A new key that does not fit doubles the arrays, capped at the limit; a new key past the
 * limit is dropped and counted. Writing a present key replaces its value and type in place. Order
 * is insertion order of first writes. Only growth allocates; {@link #clear()} keeps the grown
 * arrays. Not thread-safe.
 *
 * <p>Key lookup is constant in time per put: up to {@value #INDEX_THRESHOLD} keys a scan that
 * compares the cached {@link String#hashCode()} first, then identity, then {@link String#equals};
 * past that, an open-addressing index (linear probing, at most half full) over the same slots.
 * A refill that writes the very same key objects in the same order as the previous fill (the
 * usual case: constant keys) skips the lookup altogether (see {@code replaySlot}).
 * The index is reset by bumping a generation stamp, not by clearing it, so {@link #clear()} costs
 * the same with or without it.
 *
 * <p>What {@link #clear()} touches: the size, the dropped count, the generation, and the used
 * prefix of the value references (nulled, so a cleared instance keeps no value alive). Keys and
 * their hashes stay in their slots, unreadable (every read is bounded by the size); keys are
 * typically constants, and a refill with the same keys in the same order then writes no key at
 * all, which keeps those cache lines clean for a span reset on another thread. A cleared instance
 * so retains at most {@link #capacity()} key strings, never a value.
 *
 * <p>Sealed, and every public method final, so calls on either subclass bind statically.
 */
abstract sealed class AttributeArrays implements AttributeSink, AttributeReader
        permits AttributeStore, FixedAttributeBuilder {

    /** Up to this many keys, lookups scan; past it, they go through the hash index. */
    static final int INDEX_THRESHOLD = 8;

    private static final String[] NO_KEYS = new String[0];
    private static final int[] NO_HASHES = new int[0];
    private static final byte[] NO_TYPES = new byte[0];
    private static final long[] NO_BITS = new long[0];
    private static final Object[] NO_REFS = new Object[0];
    private static final AttributeType[] TYPES = AttributeType.values();

    // Type ordinals as constants, so the put paths store a byte, not an enum reference.
    private static final byte STRING = (byte) AttributeType.STRING.ordinal();
    private static final byte LONG = (byte) AttributeType.LONG.ordinal();
    private static final byte DOUBLE = (byte) AttributeType.DOUBLE.ordinal();
    private static final byte BOOLEAN = (byte) AttributeType.BOOLEAN.ordinal();
    private static final byte STRING_ARRAY = (byte) AttributeType.STRING_ARRAY.ordinal();
    private static final byte LONG_ARRAY = (byte) AttributeType.LONG_ARRAY.ordinal();
    private static final byte DOUBLE_ARRAY = (byte) AttributeType.DOUBLE_ARRAY.ordinal();
    private static final byte BOOLEAN_ARRAY = (byte) AttributeType.BOOLEAN_ARRAY.ordinal();

    /** The capacity the first growth of an empty store jumps to (then it doubles). */
    private static final int MIN_GROWN_CAPACITY = 4;

    private final int limit;
    private String[] keys;
    /** {@code hashes[i] == keys[i].hashCode()} for every slot whose key is not null. */
    private int[] hashes;
    private byte[] types;
    private long[] bits;
    /**
     * Reference values. Every slot at or past {@code size} is null: only slots below the size are
     * written, and {@link #clear()} nulls those it may have filled before the size drops to 0.
     */
    private Object[] refs;
    private int size;
    private int dropped;
    /** Whether a reference value may sit in {@code refs[0, size)}: {@link #clear()} skips nulling if not. */
    private boolean holdsReferences;

    /**
     * The hash index, or null before first needed: entries are {@code generation << 32 | slot};
     * an entry whose generation is not the current one is empty. Length a power of two, at least
     * twice the capacity.
     */
    private long[] index;
    /** The index generation; starts at 1 so a zeroed table is empty. */
    private int generation = 1;
    /** Whether the index holds every key of {@code [0, size)} in the current generation. */
    private boolean indexed;
    /**
     * While a refill replays the previous fill's keys in order: how many slots that fill left,
     * else 0. Slots {@code [0, size)} then hold exactly that fill's first keys, and slots below
     * {@code replayLimit} hold pairwise different keys, so a key identical to the one in slot
     * {@code size} cannot be a duplicate and needs no lookup.
     */
    private int replayLimit;

    /** Arguments are validated by the subclasses' factories. */
    AttributeArrays(int initialCapacity, int limit, boolean preallocateIndex) {
        this.limit = limit;
        if (initialCapacity == 0) {
            keys = NO_KEYS;
            hashes = NO_HASHES;
            types = NO_TYPES;
            bits = NO_BITS;
            refs = NO_REFS;
        } else {
            keys = new String[initialCapacity];
            hashes = new int[initialCapacity];
            types = new byte[initialCapacity];
            bits = new long[initialCapacity];
            refs = new Object[initialCapacity];
        }
        if (preallocateIndex && initialCapacity > INDEX_THRESHOLD) {
            index = new long[indexLength(initialCapacity)];
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
     * Removes every attribute and resets the dropped count, keeping the capacity. Value
     * references are nulled, so a cleared instance keeps no value alive. Keys stay in their
     * slots, unreadable (every read and lookup is bounded by the size), so a cleared instance
     * retains at most {@link #capacity()} key strings, typically constants; a refill with the same
     * keys in the same order writes none of them again. Touches only the counts and the used
     * value slots, whatever the size. Allocates nothing.
     */
    public final void clear() {
        if (holdsReferences) {
            // Only the used prefix can hold values: slots past size were nulled on a previous clear.
            Arrays.fill(refs, 0, size, null);
            holdsReferences = false;
        }
        if (indexed) {
            nextGeneration();
        }
        // Keys of [0, size) are pairwise different, as in any fill: the next may replay them.
        replayLimit = size;
        size = 0;
        dropped = 0;
    }

    @Override
    public final void put(String key, String value) {
        putReference(key, STRING, value);
    }

    @Override
    public final void put(String key, long value) {
        putBits(key, LONG, value);
    }

    @Override
    public final void put(String key, double value) {
        putBits(key, DOUBLE, Double.doubleToRawLongBits(value));
    }

    @Override
    public final void put(String key, boolean value) {
        putBits(key, BOOLEAN, value ? 1L : 0L);
    }

    @Override
    public final void put(String key, String[] value) {
        putReference(key, STRING_ARRAY, value);
    }

    @Override
    public final void put(String key, long[] value) {
        putReference(key, LONG_ARRAY, value);
    }

    @Override
    public final void put(String key, double[] value) {
        putReference(key, DOUBLE_ARRAY, value);
    }

    @Override
    public final void put(String key, boolean[] value) {
        putReference(key, BOOLEAN_ARRAY, value);
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
        return TYPES[types[Objects.checkIndex(index, size)]];
    }

    @Override
    public final String stringValue(int index) {
        return (String) refs[checkType(index, STRING)];
    }

    @Override
    public final long longValue(int index) {
        return bits[checkType(index, LONG)];
    }

    @Override
    public final double doubleValue(int index) {
        return Double.longBitsToDouble(bits[checkType(index, DOUBLE)]);
    }

    @Override
    public final boolean booleanValue(int index) {
        return bits[checkType(index, BOOLEAN)] != 0L;
    }

    @Override
    public final Object arrayValue(int index) {
        Objects.checkIndex(index, size);
        byte actual = types[index];
        // The four array types are the last four AttributeType constants.
        if (actual >= STRING_ARRAY) {
            return refs[index];
        }
        throw new IllegalStateException("attribute '" + keys[index] + "' at index " + index + " is "
                + TYPES[actual] + ", not an array");
    }

    @Override
    public final int indexOf(String key) {
        Objects.requireNonNull(key, "key");
        int h = key.hashCode();
        // During a replay the index may be deferred: the scan is still exact.
        return indexed ? probe(key, h) : scan(key, h);
    }

    @Override
    public final void forEach(AttributeVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        for (int i = 0; i < size; i++) {
            String key = keys[i];
            switch (TYPES[types[i]]) {
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
            switch (TYPES[types[i]]) {
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

    /** Whether the hash index is in use for the current entries; for tests. */
    final boolean indexed() {
        return indexed;
    }

    /**
     * Whether every put since the last {@link #clear()} took the replay fast path (vacuously true
     * before the first put after a clear that emptied a non-empty instance); for tests.
     */
    final boolean replaying() {
        return replayLimit != 0;
    }

    /** Sets the index generation, for the test of its wrap-around. */
    final void generation(int generation) {
        this.generation = generation;
    }

    private int checkType(int index, byte expected) {
        Objects.checkIndex(index, size);
        byte actual = types[index];
        if (actual != expected) {
            throw new IllegalStateException("attribute '" + keys[index] + "' at index " + index + " is "
                    + TYPES[actual] + ", not " + TYPES[expected]);
        }
        return index;
    }

    private void putReference(String key, byte type, Object value) {
        if (value == null) {
            checkKey(key);
            throw new NullPointerException("value");
        }
        int i = replaySlot(key);
        if (i < 0) {
            i = slotFor(key, checkKey(key));
        }
        if (i >= 0) {
            types[i] = type;
            refs[i] = value;
            holdsReferences = true;
        }
    }

    private void putBits(String key, byte type, long value) {
        int i = replaySlot(key);
        if (i < 0) {
            i = slotFor(key, checkKey(key));
            if (i < 0) {
                return;
            }
            // Only a key found in place can hold a reference value (slots at or past the size hold
            // none, see refs): let go of it. A replayed slot is new, so the fast path skips this.
            if (refs[i] != null) {
                refs[i] = null;
            }
        }
        types[i] = type;
        bits[i] = value;
    }

    /**
     * Returns the slot to write {@code key} into: its current slot, a new slot at the end, or
     * -1 if it is new and the limit is reached (then the drop is counted).
     */
    private int slotFor(String key, int h) {
        replayLimit = 0;
        if (!indexed && size > INDEX_THRESHOLD) {
            // The replay that just ended deferred the index.
            buildIndex();
        }
        int i = indexed ? probe(key, h) : scan(key, h);
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
        // Slots keep their key across clear(): with the same key in the same place, write nothing.
        if (keys[i] != key) {
            keys[i] = key;
            hashes[i] = h;
        }
        if (indexed) {
            insert(h, i);
        } else if (size > INDEX_THRESHOLD) {
            buildIndex();
        }
        return i;
    }

    /**
     * The fast path of a refill with the same keys in the same order (instrumentation writing
     * constant keys): returns the next slot if it already holds this very key and every earlier
     * put replayed too, else -1. Such a key is valid and new (see {@code replayLimit}), so it
     * takes no validation, lookup, key write or index update; an index is built when the replay
     * ends, if the size calls for one.
     */
    private int replaySlot(String key) {
        int n = size;
        if (n < replayLimit && keys[n] == key) {
            size = n + 1;
            return n;
        }
        return -1;
    }

    /** Validates a key and returns its hash. */
    private static int checkKey(String key) {
        int h = Objects.requireNonNull(key, "key").hashCode();
        // An empty string hashes to 0: test the length only then.
        if (h == 0 && key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return h;
    }

    /** Linear lookup in {@code [0, size)}: hash first, then identity, then equals. */
    private int scan(String key, int h) {
        String[] k = keys;
        int[] hs = hashes;
        for (int i = 0, n = size; i < n; i++) {
            if (hs[i] == h) {
                String candidate = k[i];
                if (candidate == key || key.equals(candidate)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Index lookup; only while {@link #indexed}. */
    private int probe(String key, int h) {
        long[] table = index;
        int mask = table.length - 1;
        long gen = generation & 0xFFFF_FFFFL;
        for (int j = spread(h) & mask; ; j = (j + 1) & mask) {
            long entry = table[j];
            if ((entry >>> 32) != gen) {
                return -1;
            }
            int i = (int) entry;
            if (hashes[i] == h) {
                String candidate = keys[i];
                if (candidate == key || key.equals(candidate)) {
                    return i;
                }
            }
        }
    }

    /** Adds slot {@code i} (a key known to be absent) to the index. */
    private void insert(int h, int i) {
        long[] table = index;
        int mask = table.length - 1;
        long gen = generation & 0xFFFF_FFFFL;
        int j = spread(h) & mask;
        while ((table[j] >>> 32) == gen) {
            j = (j + 1) & mask;
        }
        table[j] = gen << 32 | i;
    }

    /** Indexes {@code [0, size)}; allocates the table only when it is missing or too small. */
    private void buildIndex() {
        int needed = indexLength(keys.length);
        if (index == null || index.length < needed) {
            index = new long[needed];
            generation = 1;
        } else {
            nextGeneration();
        }
        for (int i = 0; i < size; i++) {
            insert(hashes[i], i);
        }
        indexed = true;
    }

    /** Empties the index in O(1); on wrap-around, the one time in 2^32 - 1, by zeroing it. */
    private void nextGeneration() {
        indexed = false;
        if (++generation == 0) {
            Arrays.fill(index, 0L);
            generation = 1;
        }
    }

    /** Mixes the high bits of a string hash into the low bits that pick the index bucket. */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** The index length for {@code capacity} slots: a power of two, at least twice the capacity. */
    private static int indexLength(int capacity) {
        return Integer.highestOneBit(Math.max(capacity, 2) * 2 - 1) << 1;
    }

    private void grow() {
        int newCapacity = (int) Math.min(limit, Math.max(MIN_GROWN_CAPACITY, 2L * keys.length));
        keys = Arrays.copyOf(keys, newCapacity);
        hashes = Arrays.copyOf(hashes, newCapacity);
        types = Arrays.copyOf(types, newCapacity);
        bits = Arrays.copyOf(bits, newCapacity);
        refs = Arrays.copyOf(refs, newCapacity);
        if (indexed) {
            // More slots than the table may hold at half load: rebuild it larger.
            indexed = false;
            buildIndex();
        }
    }
}
