package io.lowalloc.core.attr;

/**
 * Receives attributes one by one, typed, without boxing. Implement it once and reuse the
 * instance: visiting allocates nothing.
 *
 * <p>Array values are the caller's arrays, passed by reference: a visitor must not modify them.
 */
public interface AttributeVisitor {

    /**
     * Visits a string attribute.
     *
     * @param key the attribute key
     * @param value the value
     */
    void visitString(String key, String value);

    /**
     * Visits a long attribute.
     *
     * @param key the attribute key
     * @param value the value
     */
    void visitLong(String key, long value);

    /**
     * Visits a double attribute.
     *
     * @param key the attribute key
     * @param value the value
     */
    void visitDouble(String key, double value);

    /**
     * Visits a boolean attribute.
     *
     * @param key the attribute key
     * @param value the value
     */
    void visitBoolean(String key, boolean value);

    /**
     * Visits a string-array attribute.
     *
     * @param key the attribute key
     * @param value the array, by reference
     */
    void visitStringArray(String key, String[] value);

    /**
     * Visits a long-array attribute.
     *
     * @param key the attribute key
     * @param value the array, by reference
     */
    void visitLongArray(String key, long[] value);

    /**
     * Visits a double-array attribute.
     *
     * @param key the attribute key
     * @param value the array, by reference
     */
    void visitDoubleArray(String key, double[] value);

    /**
     * Visits a boolean-array attribute.
     *
     * @param key the attribute key
     * @param value the array, by reference
     */
    void visitBooleanArray(String key, boolean[] value);
}
