package io.lowalloc.benchmarks.pool;

import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.Poolable;

/** A payload pooled by lowalloc's {@code ObjectPool}. */
public final class CorePayload extends Payload implements Poolable {

    private final PoolSlot slot = new PoolSlot();

    /**
     * Creates a payload.
     *
     * @param bufferLongs the length of the buffer
     */
    public CorePayload(int bufferLongs) {
        super(bufferLongs);
    }

    @Override
    public PoolSlot poolSlot() {
        return slot;
    }

    @Override
    public void reset() {
        clear();
    }
}
