package io.lowalloc.core.gc;

import java.util.Objects;

/**
 * Collection count and accumulated time of one garbage collector (one
 * {@link java.lang.management.GarbageCollectorMXBean}), as part of a {@link GcStats}. In a delta
 * both figures are differences. Immutable and thread-safe.
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

    /** {@return the collector's name as the JVM reports it, e.g. {@code "G1 Young Generation"}} */
    public String name() {
        return name;
    }

    /** {@return the number of collections, {@code >= 0} (0 if the collector reports none)} */
    public long collectionCount() {
        return collectionCount;
    }

    /**
     * Returns the accumulated collection time; for concurrent collectors ({@code "... Cycles"}
     * beans) it is cycle time, mostly concurrent with the application, not pause time.
     *
     * @return the collection time in milliseconds, {@code >= 0}
     */
    public long collectionTimeMillis() {
        return collectionTimeMillis;
    }

    /** {@return a one-line form, e.g. {@code "G1 Young Generation: 12 collections, 34 ms"}} */
    @Override
    public String toString() {
        return name + ": " + collectionCount + " collections, " + collectionTimeMillis + " ms";
    }
}
