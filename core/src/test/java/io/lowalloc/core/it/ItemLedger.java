package io.lowalloc.core.it;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-item accounting for concurrency runs: the outcome of every item id, recorded exactly once
 * by whoever learns it (the exporter for exported and failed items, the producer for dropped
 * ones). Recording an id a second time counts a duplicate. Thread-safe.
 */
final class ItemLedger {

    static final int UNSEEN = 0;
    static final int EXPORTED = 1;
    static final int FAILED = 2;
    static final int DROPPED = 3;

    private final AtomicIntegerArray outcomes;
    private final AtomicLong duplicates = new AtomicLong();

    ItemLedger(int items) {
        outcomes = new AtomicIntegerArray(items);
    }

    void record(long id, int outcome) {
        if (outcomes.getAndSet((int) id, outcome) != UNSEEN) {
            duplicates.incrementAndGet();
        }
    }

    /** How many ids have {@code outcome} ({@link #UNSEEN} counts the ids never recorded). */
    long count(int outcome) {
        long count = 0;
        for (int i = 0; i < outcomes.length(); i++) {
            if (outcomes.get(i) == outcome) {
                count++;
            }
        }
        return count;
    }

    long duplicates() {
        return duplicates.get();
    }
}
