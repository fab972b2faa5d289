package io.lowalloc.core.gc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A snapshot of the JVM's garbage-collection counters and heap usage: the Java counterpart of
 * Go's {@code runtime.ReadMemStats} for GC figures. {@link #capture()} reads every
 * {@link GarbageCollectorMXBean} and the heap {@link MemoryUsage}; {@link #minus(GcStats)} makes a
 * delta of two. Totals sum all collector beans as reported, so on ZGC and Shenandoah (a
 * {@code "... Cycles"} and a {@code "... Pauses"} bean) one collection counts twice; see
 * {@link #collectors()}. Under Epsilon GC every count is 0.
 *
 * <p>Immutable and thread-safe. {@link #capture()} allocates; it is for measurement points
 * around a workload, not for a hot path.
 */
public final class GcStats {

    private final long collectionCount;
    private final long collectionTimeMillis;
    private final long heapUsedBytes;
    private final long heapCommittedBytes;
    private final long heapMaxBytes;
    private final List<CollectorStats> collectors;
    private final boolean delta;

    GcStats(List<CollectorStats> collectors, long heapUsedBytes, long heapCommittedBytes,
            long heapMaxBytes, boolean delta) {
        this.collectors = Collections.unmodifiableList(new ArrayList<>(collectors));
        long count = 0;
        long time = 0;
        for (int i = 0; i < this.collectors.size(); i++) {
            count += this.collectors.get(i).collectionCount();
            time += this.collectors.get(i).collectionTimeMillis();
        }
        this.collectionCount = count;
        this.collectionTimeMillis = time;
        this.heapUsedBytes = heapUsedBytes;
        this.heapCommittedBytes = heapCommittedBytes;
        this.heapMaxBytes = heapMaxBytes;
        this.delta = delta;
    }

    /** {@return a new snapshot of this JVM's GC counters and heap usage} */
    public static GcStats capture() {
        return capture(ManagementFactory.getGarbageCollectorMXBeans(), ManagementFactory.getMemoryMXBean());
    }

    static GcStats capture(List<GarbageCollectorMXBean> beans, MemoryMXBean memory) {
        List<CollectorStats> collectors = new ArrayList<>(beans.size());
        for (GarbageCollectorMXBean bean : beans) {
            // -1 means "undefined for this collector"; 0 keeps sums and deltas meaningful.
            collectors.add(new CollectorStats(bean.getName(),
                    Math.max(0, bean.getCollectionCount()), Math.max(0, bean.getCollectionTime())));
        }
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return new GcStats(collectors, heap.getUsed(), heap.getCommitted(), heap.getMax(), false);
    }

    /**
     * Returns this snapshot minus an earlier one: counts and times (total and per collector) are
     * subtracted, a collector absent from {@code earlier} counting from 0; the heap figures are
     * gauges, so the delta keeps this snapshot's.
     *
     * @param earlier a snapshot captured before this one
     * @return the delta, for which {@link #isDelta()} is {@code true}
     * @throws NullPointerException if {@code earlier} is null
     * @throws IllegalArgumentException if {@code earlier} is a delta, or was evidently captured after
     *     this snapshot (one of its counters is larger)
     * @throws IllegalStateException if this is a delta
     */
    public GcStats minus(GcStats earlier) {
        Objects.requireNonNull(earlier, "earlier");
        if (delta) {
            throw new IllegalStateException("minus must be called on a captured snapshot, not on a delta");
        }
        if (earlier.delta) {
            throw new IllegalArgumentException("earlier must be a captured snapshot, not a delta");
        }
        List<CollectorStats> diff = new ArrayList<>(collectors.size());
        for (int i = 0; i < collectors.size(); i++) {
            CollectorStats now = collectors.get(i);
            CollectorStats before = earlier.collector(now.name());
            long count = now.collectionCount() - (before == null ? 0 : before.collectionCount());
            long time = now.collectionTimeMillis() - (before == null ? 0 : before.collectionTimeMillis());
            if (count < 0 || time < 0) {
                throw new IllegalArgumentException("earlier must have been captured before this snapshot, but "
                        + now.name() + " went from " + before + " to " + now);
            }
            diff.add(new CollectorStats(now.name(), count, time));
        }
        return new GcStats(diff, heapUsedBytes, heapCommittedBytes, heapMaxBytes, true);
    }

    private CollectorStats collector(String name) {
        for (int i = 0; i < collectors.size(); i++) {
            if (collectors.get(i).name().equals(name)) {
                return collectors.get(i);
            }
        }
        return null;
    }

    /** {@return the number of collections summed over all collectors, {@code >= 0}} */
    public long collectionCount() {
        return collectionCount;
    }

    /**
     * {@return the collection time in milliseconds summed over all collectors, {@code >= 0},
     * including concurrent cycle time where reported; see
     * {@link CollectorStats#collectionTimeMillis()}}
     */
    public long collectionTimeMillis() {
        return collectionTimeMillis;
    }

    /** {@return the heap bytes in use at the (later) capture} */
    public long heapUsedBytes() {
        return heapUsedBytes;
    }

    /** {@return the heap bytes committed at the (later) capture} */
    public long heapCommittedBytes() {
        return heapCommittedBytes;
    }

    /** {@return the maximum heap size in bytes, or -1 if the JVM reports it undefined} */
    public long heapMaxBytes() {
        return heapMaxBytes;
    }

    /** {@return the per-collector figures, unmodifiable, in bean order; none under Epsilon} */
    public List<CollectorStats> collectors() {
        return collectors;
    }

    /** {@return whether this was made by {@link #minus(GcStats)} rather than captured} */
    public boolean isDelta() {
        return delta;
    }

    /**
     * {@return a one-line summary, e.g. {@code GcStats{3 collections, 17 ms, heap used 12.3 MiB /
     * committed 64.0 MiB / max 1024.0 MiB, [...]}}, {@code delta, } after the brace for a delta}
     */
    @Override
    public String toString() {
        return "GcStats{" + (delta ? "delta, " : "") + collectionCount + " collections, " + collectionTimeMillis
                + " ms, heap used " + mib(heapUsedBytes) + " / committed " + mib(heapCommittedBytes)
                + " / max " + (heapMaxBytes < 0 ? "undefined" : mib(heapMaxBytes)) + ", " + collectors + "}";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
