package io.lowalloc.benchmarks.attr;

/**
 * The naive attribute: a key and a boxed value, one object per attribute — what a
 * {@code []attribute.KeyValue} append loop becomes in Java.
 */
public final class KeyValue {

    private final String key;
    private final Object value;

    /**
     * Creates a pair.
     *
     * @param key the key
     * @param value the (boxed) value
     */
    public KeyValue(String key, Object value) {
        this.key = key;
        this.value = value;
    }

    /**
     * Returns the key.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * Returns the value.
     *
     * @return the value
     */
    public Object value() {
        return value;
    }
}
