package io.lowalloc.core.attr;

/**
 * Something attributes can be written into: a span, an event, a builder. Values are stored as
 * primitives or by reference, so writing allocates nothing once storage is warm.
 *
 * <p>Writing a key that is already present replaces its value (OpenTelemetry semantics).
 * What happens past an implementation's capacity is documented by the implementation; none of
 * the implementations in this library throws for it (they drop and count).
 *
 * <p>A {@code put} rejecting its arguments ({@link NullPointerException} naming {@code "key"} or
 * {@code "value"}, {@link IllegalArgumentException} for an empty key) changes nothing.
 *
 * <p><b>Array values are held by reference, not copied.</b> The four array {@code put}s keep the
 * caller's array. A span's attributes are read when the span is exported, after {@code end()}, so
 * a change to an element of the array at any time until then — until the span is back in its
 * pool — changes what is exported. Pass an array that is never modified afterwards: a constant, or
 * a new array per value. (A copy would allocate on every array put; holding the reference keeps an
 * array put allocation-free.)
 */
public interface AttributeSink {

    /**
     * Writes a string attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, String value);

    /**
     * Writes a long attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, long value);

    /**
     * Writes a double attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, double value);

    /**
     * Writes a boolean attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, boolean value);

    /**
     * Writes a string-array attribute. <b>The array is held by reference, not copied</b>: do not
     * modify it afterwards; a change before the span is exported (even after {@code end()}) is
     * exported.
     *
     * @param key the attribute key, not empty
     * @param value the array, held by reference
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, String[] value);

    /**
     * Writes a long-array attribute. <b>The array is held by reference, not copied</b>: do not
     * modify it afterwards; a change before the span is exported (even after {@code end()}) is
     * exported.
     *
     * @param key the attribute key, not empty
     * @param value the array, held by reference
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, long[] value);

    /**
     * Writes a double-array attribute. <b>The array is held by reference, not copied</b>: do not
     * modify it afterwards; a change before the span is exported (even after {@code end()}) is
     * exported.
     *
     * @param key the attribute key, not empty
     * @param value the array, held by reference
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, double[] value);

    /**
     * Writes a boolean-array attribute. <b>The array is held by reference, not copied</b>: do not
     * modify it afterwards; a change before the span is exported (even after {@code end()}) is
     * exported.
     *
     * @param key the attribute key, not empty
     * @param value the array, held by reference
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, boolean[] value);
}
