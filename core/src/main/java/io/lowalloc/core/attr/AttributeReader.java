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

    /**
     * Returns the number of attributes held.
     *
     * @return the number of attributes, {@code >= 0}
     */
    int size();

    /**
     * Returns how many attributes were dropped because the capacity was reached.
     *
     * @return the dropped count, {@code >= 0}
     */
    int droppedCount();

    /**
     * Returns the key at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the key
     */
    String key(int index);

    /**
     * Returns the type at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the type
     */
    AttributeType type(int index);

    /**
     * Returns the string value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     */
    String stringValue(int index);

    /**
     * Returns the long value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     */
    long longValue(int index);

    /**
     * Returns the double value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     */
    double doubleValue(int index);

    /**
     * Returns the boolean value at an index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the value
     */
    boolean booleanValue(int index);

    /**
     * Returns the array value at an index: a {@code String[]}, {@code long[]},
     * {@code double[]} or {@code boolean[]} as given by {@link #type(int)}, by reference.
     *
     * @param index the index, in {@code [0, size())}
     * @return the array, by reference; do not modify it
     */
    Object arrayValue(int index);

    /**
     * Returns the index of a key, or {@code -1} if absent. Linear scan, no allocation.
     *
     * @param key the key
     * @return the index or {@code -1}
     */
    int indexOf(String key);

    /**
     * Visits every attribute in index order.
     *
     * @param visitor the visitor
     */
    void forEach(AttributeVisitor visitor);
}
