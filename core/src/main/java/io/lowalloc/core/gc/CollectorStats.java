package io.lowalloc.core.gc;

import java.util.Objects;

/**
 * Collection count and accumulated time of one garbage collector (one
 * {@link java.lang.management.GarbageCollectorMXBean}), as part of a {@link GcStats}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the collector's name as the JVM reports it, e.g. {@code "G1 Young Generation"}
 * @param collectionCount the number of collections (a difference for a delta), never negative; a
 *     collector that does not report a count contributes 0
 * @param collectionTimeMillis the accumulated collection time in milliseconds (a difference for a
 *     delta), never negative. For concurrent collectors ("... Cycles" beans) this is cycle time,
 *     mostly spent concurrently with the application, not pause time
 */
public record CollectorStats(String name, long collectionCount, long collectionTimeMillis) {

    /**
     * Creates the figures of one collector.
     *
     * @param name see {@link #name()}
     * @param collectionCount see {@link #collectionCount()}
     * @param collectionTimeMillis see {@link #collectionTimeMillis()}
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public CollectorStats {
        Objects.requireNonNull(name, "name");
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
