package io.lowalloc.benchmarks.attr;

/**
 * The naive attribute: a key and a boxed value, one object per attribute — what a
 * {@code []attribute.KeyValue} append loop becomes in Java.
 *
 * @param key the key
 * @param value the (boxed) value
 */
public record KeyValue(String key, Object value) {
}
