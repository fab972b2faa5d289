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
     * Writes a string-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, String[] value);

    /**
     * Writes a long-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, long[] value);

    /**
     * Writes a double-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, double[] value);

    /**
     * Writes a boolean-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    void put(String key, boolean[] value);
}
