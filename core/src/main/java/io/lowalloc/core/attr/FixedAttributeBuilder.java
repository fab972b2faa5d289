package io.lowalloc.core.attr;

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
 * <p>Adding a key already present replaces its value and type in place, like
 * {@link AttributeSink#put}. Once {@link #capacity()} distinct keys are held, further new keys are
 * dropped and counted in {@link #droppedCount()}; nothing is thrown for it. An add costs the same
 * at any size (past a few keys, duplicates are found through a preallocated hash index), and
 * {@link #clear()} touches only the counts and the values written.
 *
 * <p>Not thread-safe: one owner at a time, no synchronization.
 */
public final class FixedAttributeBuilder extends AttributeArrays {

    /** Default capacity: {@value}, like the Go example's {@code [16]attribute.KeyValue}. */
    public static final int DEFAULT_CAPACITY = 16;

    private FixedAttributeBuilder(int capacity) {
        // initial == limit: everything, the hash index included, is allocated up front, so nothing grows.
        super(capacity, capacity, true);
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
     * Adds (or replaces) a string attribute, as {@link #put(String, String)}.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, String value) {
        put(key, value);
        return this;
    }

    /**
     * Adds (or replaces) a long attribute, as {@link #put(String, long)}.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, long value) {
        put(key, value);
        return this;
    }

    /**
     * Adds (or replaces) a double attribute, as {@link #put(String, double)}.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, double value) {
        put(key, value);
        return this;
    }

    /**
     * Adds (or replaces) a boolean attribute, as {@link #put(String, boolean)}.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @return this builder
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedAttributeBuilder add(String key, boolean value) {
        put(key, value);
        return this;
    }

    /** {@return a readable form such as {@code FixedAttributeBuilder{k=v} (capacity=16, dropped=0)}} */
    @Override
    public String toString() {
        return appendAttributes(new StringBuilder(64).append("FixedAttributeBuilder"))
                .append(" (capacity=").append(capacity())
                .append(", dropped=").append(droppedCount())
                .append(')')
                .toString();
    }
}
