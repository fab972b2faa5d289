package io.lowalloc.core.attr;

import java.util.Objects;

/**
 * A fixed-capacity, reusable attribute list: the Java form of a Go {@code [16]attribute.KeyValue}
 * array plus a count. All room is preallocated at creation; filling, reading, copying and
 * clearing it allocate nothing, ever.
 *
 * <p>Typical use: keep one builder per thread or per component, {@link #clear()} it, add the
 * attributes of one operation fluently, then {@link #copyTo(AttributeSink)} the span (or any
 * other sink) in one call:
 * <pre>{@code
 * attrs.clear();
 * attrs.add("http.method", method).add("http.status_code", status).copyTo(span);
 * }</pre>
 *
 * <p>Semantics: adding a key already present replaces its value (and type) in place, exactly
 * like {@link AttributeSink#put}; it does not take a second slot. Once {@link #capacity()}
 * distinct keys are held, further new keys are dropped and counted in {@link #droppedCount()}
 * (replacing existing keys still works); nothing is ever thrown for it.
 *
 * <p>Not thread-safe: single-threaded by design, no synchronization at all.
 */
public final class FixedAttributeBuilder implements AttributeSink, AttributeReader {

    /** Default capacity: {@value}, like the Go example's {@code [16]attribute.KeyValue}. */
    public static final int DEFAULT_CAPACITY = 16;

    private final AttributeStore store;

    private FixedAttributeBuilder(int capacity) {
        // initial == limit: everything is allocated up front, so the store never grows.
        this.store = AttributeStore.create(capacity, capacity);
    }

    /**
     * Creates a builder with room for {@link #DEFAULT_CAPACITY} attributes.
     *
     * @return a new, empty builder
     */
    public static FixedAttributeBuilder create() {
        return new FixedAttributeBuilder(DEFAULT_CAPACITY);
    }

    /**
     * Creates a builder with room for {@code capacity} attributes, all preallocated.
     *
     * @param capacity the most attributes held, {@code > 0}
     * @return a new, empty builder
     * @throws IllegalArgumentException if {@code capacity <= 0}
     */
    public static FixedAttributeBuilder create(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was: " + capacity);
        }
        return new FixedAttributeBuilder(capacity);
    }

    /**
     * Adds (or replaces) a string attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, String value) {
        store.put(key, value);
        return this;
    }

    /**
     * Adds (or replaces) a long attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, long value) {
        store.put(key, value);
        return this;
    }

    /**
     * Adds (or replaces) a double attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, double value) {
        store.put(key, value);
        return this;
    }

    /**
     * Adds (or replaces) a boolean attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, boolean value) {
        store.put(key, value);
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, String value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, long value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, double value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, boolean value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, String[] value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, long[] value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, double[] value) {
        store.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public void put(String key, boolean[] value) {
        store.put(key, value);
    }

    /**
     * Writes every attribute held into {@code target} (a span, an {@link AttributeStore}, any
     * sink) through its {@code put} methods, in index order. What the target does past its own
     * capacity is up to the target. This builder is left unchanged. Allocates nothing itself.
     *
     * @param target where to write
     * @throws NullPointerException if {@code target} is {@code null}
     */
    public void copyTo(AttributeSink target) {
        AttributeCopy.copy(store, Objects.requireNonNull(target, "target"));
    }

    /**
     * Removes every attribute and resets the dropped count; the preallocated room is kept and
     * references are nulled. Allocates nothing.
     */
    public void clear() {
        store.clear();
    }

    /**
     * Returns the fixed capacity: the most attributes this builder holds.
     *
     * @return the capacity, {@code > 0}
     */
    public int capacity() {
        return store.limit();
    }

    @Override
    public int size() {
        return store.size();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counts new keys rejected because the builder was full since creation or the last
     * {@link #clear()}.
     */
    @Override
    public int droppedCount() {
        return store.droppedCount();
    }

    @Override
    public String key(int index) {
        return store.key(index);
    }

    @Override
    public AttributeType type(int index) {
        return store.type(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#STRING}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public String stringValue(int index) {
        return store.stringValue(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#LONG}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public long longValue(int index) {
        return store.longValue(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#DOUBLE}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public double doubleValue(int index) {
        return store.doubleValue(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#BOOLEAN}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public boolean booleanValue(int index) {
        return store.booleanValue(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the attribute is not one of the array types
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public Object arrayValue(int index) {
        return store.arrayValue(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code key} is {@code null}
     */
    @Override
    public int indexOf(String key) {
        return store.indexOf(key);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code visitor} is {@code null}
     */
    @Override
    public void forEach(AttributeVisitor visitor) {
        store.forEach(visitor);
    }

    /**
     * Returns a readable form such as {@code FixedAttributeBuilder{k=v} (capacity=16,
     * dropped=0)}. Allocates; not for hot paths.
     *
     * @return a description of the content
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64).append("FixedAttributeBuilder");
        AttributeStore.appendTo(store, b);
        return b.append(" (capacity=").append(capacity())
                .append(", dropped=").append(droppedCount())
                .append(')')
                .toString();
    }
}
