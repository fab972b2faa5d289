package io.lowalloc.core.gc;

import java.util.Objects;

/**
 * Collection count and accumulated time of one garbage collector (one
 * {@link java.lang.management.GarbageCollectorMXBean}), as part of a {@link GcStats}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CollectorStats {

    private final String name;
    private final long collectionCount;
    private final long collectionTimeMillis;

    CollectorStats(String name, long collectionCount, long collectionTimeMillis) {
        this.name = Objects.requireNonNull(name, "name");
        this.collectionCount = collectionCount;
        this.collectionTimeMillis = collectionTimeMillis;
    }

    /**
     * Returns the collector's name as the JVM reports it, e.g. {@code "G1 Young Generation"}.
     *
     * @return the collector name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of collections (a difference for a delta), never negative; a collector
     * that does not report a count contributes 0.
     *
     * @return the number of collections
     */
    public long collectionCount() {
        return collectionCount;
    }

    /**
     * Returns the accumulated collection time in milliseconds (a difference for a delta), never
     * negative. For concurrent collectors ("... Cycles" beans) this is cycle time, mostly spent
     * concurrently with the application, not pause time.
     *
     * @return the accumulated collection time in milliseconds
     */
    public long collectionTimeMillis() {
        return collectionTimeMillis;
    }

    /**
     * Returns e.g. {@code "G1 Young Generation: 12 collections, 34 ms"}.
     *
     * @return a readable one-line form
     */
    @Override
    public String toString() {
        return name + ": " + collectionCount + " collections, " + collectionTimeMillis + " ms";
    }
}
