package io.lowalloc.examples;

import io.lowalloc.core.attr.AttributeStore;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.Poolable;

/**
 * A reusable attribute buffer sized once for a known number of attributes — the Java form of the Go
 * example's pooled {@code AttributeBuffer} — and an example of making your own type
 * {@link Poolable}: one {@link PoolSlot} created with the object, and a {@link #reset()} that
 * clears every attribute (the pool calls it on release, so the next holder never sees the previous
 * holder's data) while keeping the preallocated storage.
 *
 * <p>Not thread-safe: one holder at a time, as the pool guarantees.
 */
public final class AttributeBuffer implements Poolable {

    private final PoolSlot slot = new PoolSlot();
    private final AttributeStore attributes;

    private AttributeBuffer(int capacity) {
        // initial capacity == limit: all storage is allocated now, so filling it never grows it.
        this.attributes = AttributeStore.create(capacity, capacity);
    }

    /**
     * Creates a pool of buffers that each hold up to {@code attributes} attributes.
     *
     * @param poolCapacity the most idle buffers kept, {@code > 0}
     * @param attributes attributes per buffer, {@code > 0}
     * @return a new, empty pool
     * @throws IllegalArgumentException if a count is {@code <= 0}
     */
    public static ObjectPool<AttributeBuffer> newPool(int poolCapacity, int attributes) {
        if (attributes <= 0) {
            throw new IllegalArgumentException("attributes must be > 0, was: " + attributes);
        }
        return ObjectPool.builder(() -> new AttributeBuffer(attributes))
                .capacity(poolCapacity)
                .name("attribute-buffers")
                .build();
    }

    /**
     * Returns the buffer's storage, to fill and read. Valid only while the buffer is acquired.
     *
     * @return the attribute storage
     */
    public AttributeStore attributes() {
        return attributes;
    }

    /**
     * Returns this buffer's slot, through which its pool tracks it.
     *
     * @return the slot created with this buffer
     */
    @Override
    public PoolSlot poolSlot() {
        return slot;
    }

    /** Clears every attribute, keeping the storage. Allocates nothing. */
    @Override
    public void reset() {
        attributes.clear();
    }

    /**
     * Describes the buffer for logs, e.g. {@code AttributeBuffer[size=100, capacity=100]}. Allocates.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "AttributeBuffer[size=" + attributes.size() + ", capacity=" + attributes.capacity() + "]";
    }
}
