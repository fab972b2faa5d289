package io.lowalloc.benchmarks.pool;

import io.netty.util.Recycler;

/** A payload recycled by Netty's {@link Recycler}, which hands each object a handle to recycle through. */
public final class NettyPayload extends Payload {

    private final Recycler.Handle<NettyPayload> handle;

    /**
     * Creates a payload.
     *
     * @param bufferLongs the length of the buffer
     * @param handle the recycler's handle for this object
     */
    public NettyPayload(int bufferLongs, Recycler.Handle<NettyPayload> handle) {
        super(bufferLongs);
        this.handle = handle;
    }

    /**
     * Creates a recycler of payloads.
     *
     * @param bufferLongs the buffer length of every payload
     * @param maxCapacityPerThread how many payloads each thread keeps
     * @return a new recycler
     */
    public static Recycler<NettyPayload> recycler(int bufferLongs, int maxCapacityPerThread) {
        return new Recycler<NettyPayload>(maxCapacityPerThread) {
            @Override
            protected NettyPayload newObject(Handle<NettyPayload> handle) {
                return new NettyPayload(bufferLongs, handle);
            }
        };
    }

    /** Clears the payload and gives it back to its recycler (from any thread). */
    public void recycle() {
        clear();
        handle.recycle(this);
    }
}
