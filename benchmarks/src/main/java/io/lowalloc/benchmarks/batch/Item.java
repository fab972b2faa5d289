package io.lowalloc.benchmarks.batch;

/** What the batching benchmark queues: a preallocated object with one field the exporter reads. */
public final class Item {

    private final long value;

    /**
     * Creates an item.
     *
     * @param value the value the exporter reads
     */
    public Item(long value) {
        this.value = value;
    }

    /**
     * Returns the value.
     *
     * @return the value given at creation
     */
    public long value() {
        return value;
    }
}
