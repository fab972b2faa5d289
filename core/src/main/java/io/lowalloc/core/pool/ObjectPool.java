package io.lowalloc.core.pool;

import java.util.function.Supplier;

/**
 * SKELETON — the public API is fixed, the implementation arrives with the pool work.
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T extends Poolable> {

    /** Default capacity. */
    public static final int DEFAULT_CAPACITY = 1024;

    private ObjectPool() {
    }

    /**
     * Starts a builder.
     *
     * @param factory makes new objects
     * @param <T> the pooled type
     * @return a builder
     */
    public static <T extends Poolable> Builder<T> builder(Supplier<? extends T> factory) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Creates a pool.
     *
     * @param factory makes new objects
     * @param capacity the maximum number of pooled objects
     * @param <T> the pooled type
     * @return the pool
     */
    public static <T extends Poolable> ObjectPool<T> create(Supplier<? extends T> factory, int capacity) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Takes an object.
     *
     * @return an object
     */
    public T acquire() {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Gives an object back.
     *
     * @param object the object
     */
    public void release(T object) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Creates objects until {@code count} are pooled or the pool is full.
     *
     * @param count how many objects to have pooled
     * @return how many were created
     */
    public int prefill(int count) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Returns the capacity.
     *
     * @return the capacity
     */
    public int capacity() {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Builder.
     *
     * @param <T> the pooled type
     */
    public static final class Builder<T extends Poolable> {
        private Builder() {
        }

        /**
         * Sets the capacity.
         *
         * @param capacity the capacity
         * @return this
         */
        public Builder<T> capacity(int capacity) {
            throw new UnsupportedOperationException("skeleton");
        }

        /**
         * Builds the pool.
         *
         * @return the pool
         */
        public ObjectPool<T> build() {
            throw new UnsupportedOperationException("skeleton");
        }
    }
}
