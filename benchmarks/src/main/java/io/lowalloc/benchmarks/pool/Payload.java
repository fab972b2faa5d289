package io.lowalloc.benchmarks.pool;

/**
 * The object every pool in table 1 hands out: a few scalar fields and a {@code long[]} buffer whose
 * length is the benchmark's {@code payloadLongs} parameter, so that plain allocation costs what a
 * small record-like object with a buffer costs. Each pool needs its own subclass because each
 * library wants its own interface or handle.
 */
public abstract class Payload {

    private final long[] buffer;
    private long id;
    private long timestamp;

    /**
     * Creates a payload.
     *
     * @param bufferLongs the length of the buffer, {@code >= 1}
     */
    protected Payload(int bufferLongs) {
        this.buffer = new long[bufferLongs];
    }

    /**
     * Writes the fields an owner would write: the id, a timestamp and the first buffer slot.
     *
     * @param value the value to write
     * @return this payload
     */
    public final Payload fill(long value) {
        id = value;
        timestamp = value + 1;
        buffer[0] = value;
        return this;
    }

    /**
     * Reads what {@link #fill(long)} wrote, so that a consumer really touches the object.
     *
     * @return a checksum of the written fields
     */
    public final long read() {
        return id ^ timestamp ^ buffer[0];
    }

    /** Clears the written fields, as a pool does before it reuses the object. */
    public final void clear() {
        id = 0L;
        timestamp = 0L;
        buffer[0] = 0L;
    }
}
