package io.lowalloc.core.testing;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-item accounting for concurrency runs: the outcome of every item id, recorded exactly once
 * by whoever learns it (the exporter for exported and failed items, the producer for dropped
 * ones). Recording an id a second time counts a duplicate. Thread-safe.
 */
public final class ItemLedger {

    /** The outcome of an id nobody recorded. */
    public static final int UNSEEN = 0;
    /** The item was exported. */
    public static final int EXPORTED = 1;
    /** The item's export failed. */
    public static final int FAILED = 2;
    /** The item was dropped before it was queued. */
    public static final int DROPPED = 3;

    private final AtomicIntegerArray outcomes;
    private final AtomicLong duplicates = new AtomicLong();

    /**
     * Creates a ledger for the ids {@code 0} to {@code items - 1}, all {@link #UNSEEN}.
     *
     * @param items the number of ids
     */
    public ItemLedger(int items) {
        outcomes = new AtomicIntegerArray(items);
    }

    /**
     * Records the outcome of one id; a second record of the same id counts a duplicate.
     *
     * @param id the item id, in {@code [0, items)}
     * @param outcome {@link #EXPORTED}, {@link #FAILED} or {@link #DROPPED}
     */
    public void record(long id, int outcome) {
        if (outcomes.getAndSet((int) id, outcome) != UNSEEN) {
            duplicates.incrementAndGet();
        }
    }

    /**
     * Counts the ids whose last recorded outcome is {@code outcome}.
     *
     * @param outcome an outcome constant; {@link #UNSEEN} counts the ids never recorded
     * @return the count
     */
    public long count(int outcome) {
        long count = 0;
        for (int i = 0; i < outcomes.length(); i++) {
            if (outcomes.get(i) == outcome) {
                count++;
            }
        }
        return count;
    }

    /**
     * Returns how many records were of an id already recorded.
     *
     * @return the duplicate count; 0 when every item was accounted for once
     */
    public long duplicates() {
        return duplicates.get();
    }
}
