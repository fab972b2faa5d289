package io.lowalloc.core.attr;

/**
 * Read access to a list of attributes by index (0 to {@link #size()} - 1, insertion order) or
 * by visitor. Reading allocates nothing.
 *
 * <p>Accessors for a type throw {@link IllegalStateException} when the attribute at that index
 * has another type, and {@link IndexOutOfBoundsException} for an index outside
 * {@code [0, size())}.
 */
public interface AttributeReader {

    /** {@return the number of attributes held, {@code >= 0}} */
    int size();

    /** {@return how many new keys were dropped because the limit was reached, {@code >= 0}} */
    int droppedCount();

    /**
     * Returns the key at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the key
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    String key(int index);

    /**
     * Returns the type at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the type
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    AttributeType type(int index);

    /**
     * Returns the string value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#STRING}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    String stringValue(int index);

    /**
     * Returns the long value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#LONG}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    long longValue(int index);

    /**
     * Returns the double value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#DOUBLE}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    double doubleValue(int index);

    /**
     * Returns the boolean value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     * @throws IllegalStateException if the attribute is not a {@link AttributeType#BOOLEAN}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    boolean booleanValue(int index);

    /**
     * Returns the array value at an index: a {@code String[]}, {@code long[]},
     * {@code double[]} or {@code boolean[]} as given by {@link #type(int)}, by reference.
     *
     * @param index the index, in {@code [0, size())}
     * @return the array, by reference; do not modify it
     * @throws IllegalStateException if the attribute is not one of the array types
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    Object arrayValue(int index);

    /**
     * Returns the index of a key, or {@code -1} if absent. Linear scan, no allocation.
     *
     * @param key the key
     * @return the index or {@code -1}
     * @throws NullPointerException if {@code key} is {@code null}
     */
    int indexOf(String key);

    /**
     * Visits every attribute in index order.
     *
     * @param visitor the visitor
     * @throws NullPointerException if {@code visitor} is {@code null}
     */
    void forEach(AttributeVisitor visitor);
}
