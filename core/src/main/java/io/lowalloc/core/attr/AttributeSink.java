package io.lowalloc.core.attr;

/**
 * Something attributes can be written into: a span, an event, a builder. Values are stored as
 * primitives or by reference, so writing allocates nothing once storage is warm.
 *
 * <p>Writing a key that is already present replaces its value (OpenTelemetry semantics).
 * What happens past an implementation's capacity is documented by the implementation; none of
 * the implementations in this library throws for it (they drop and count).
 *
 * <p>Keys and values must not be {@code null}; implementations throw
 * {@link NullPointerException} naming the argument.
 */
public interface AttributeSink {

    /**
     * Writes a string attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     */
    void put(String key, String value);

    /**
     * Writes a long attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     */
    void put(String key, long value);

    /**
     * Writes a double attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     */
    void put(String key, double value);

    /**
     * Writes a boolean attribute.
     *
     * @param key the attribute key, not empty
     * @param value the value
     */
    void put(String key, boolean value);

    /**
     * Writes a string-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     */
    void put(String key, String[] value);

    /**
     * Writes a long-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     */
    void put(String key, long[] value);

    /**
     * Writes a double-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     */
    void put(String key, double[] value);

    /**
     * Writes a boolean-array attribute; the array is held by reference, do not modify it later.
     *
     * @param key the attribute key, not empty
     * @param value the array
     */
    void put(String key, boolean[] value);
}
