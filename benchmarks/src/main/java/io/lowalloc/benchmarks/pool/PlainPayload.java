package io.lowalloc.benchmarks.pool;

/** A payload allocated with {@code new} for every use: the baseline of table 1. */
public final class PlainPayload extends Payload {

    /**
     * Creates a payload.
     *
     * @param bufferLongs the length of the buffer
     */
    public PlainPayload(int bufferLongs) {
        super(bufferLongs);
    }
}
