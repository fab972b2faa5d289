package io.lowalloc.benchmarks.pool;

import stormpot.Allocator;
import stormpot.Pool;
import stormpot.Slot;

/** A payload pooled by Stormpot, which hands each object the slot it is released through. */
public final class StormpotPayload extends Payload implements stormpot.Poolable {

    private final Slot slot;

    /**
     * Creates a payload.
     *
     * @param bufferLongs the length of the buffer
     * @param slot the pool's slot for this object
     */
    public StormpotPayload(int bufferLongs, Slot slot) {
        super(bufferLongs);
        this.slot = slot;
    }

    /**
     * Creates a Stormpot pool of payloads, with the default (background) allocator thread and no
     * expiration, so that no object is ever reallocated during a measurement.
     *
     * @param bufferLongs the buffer length of every payload
     * @param size how many payloads the pool holds
     * @return a new pool
     */
    public static Pool<StormpotPayload> pool(int bufferLongs, int size) {
        Allocator<StormpotPayload> allocator = new Allocator<>() {
            @Override
            public StormpotPayload allocate(Slot slot) {
                return new StormpotPayload(bufferLongs, slot);
            }

            @Override
            public void deallocate(StormpotPayload poolable) {
                // Nothing to close.
            }
        };
        return Pool.from(allocator).setSize(size).setExpiration(stormpot.Expiration.never()).build();
    }

    /** Clears the payload and releases it to its pool (from any thread). */
    @Override
    public void release() {
        clear();
        slot.release(this);
    }
}
