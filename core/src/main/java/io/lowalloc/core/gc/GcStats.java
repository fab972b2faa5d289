package io.lowalloc.core.gc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable snapshot of the JVM's garbage-collection counters and heap usage — the Java
 * counterpart of Go's {@code runtime.ReadMemStats} for GC figures.
 *
 * <p>{@link #capture()} reads every {@link GarbageCollectorMXBean} and the heap
 * {@link MemoryUsage} of the {@link MemoryMXBean}; {@link #minus(GcStats)} turns two snapshots into a
 * delta. Totals are sums over all collector beans as the JVM reports them: on collectors that
 * publish both a "... Cycles" and a "... Pauses" bean (ZGC, Shenandoah) one collection is counted
 * by both; read {@link #collectors()} to tell them apart. Under {@code -XX:+UseEpsilonGC} there are
 * no collector beans and every count is 0.
 *
 * <p>Immutable and thread-safe. {@link #capture()} allocates (JMX reads and this object); it is
 * meant for measurement points around a workload, not for a hot path.
 *
 * @param collectors the per-collector figures in the JVM's bean order; an unmodifiable copy, empty
 *     when the JVM has no collector beans (Epsilon GC)
 * @param heapUsedBytes the heap bytes in use when the (later) snapshot was captured
 * @param heapCommittedBytes the heap bytes committed by the JVM when the (later) snapshot was
 *     captured
 * @param heapMaxBytes the maximum heap size in bytes, or -1 if the JVM reports it as undefined
 * @param isDelta whether this is a difference made by {@link #minus(GcStats)} rather than a capture
 */
public record GcStats(List<CollectorStats> collectors, long heapUsedBytes, long heapCommittedBytes,
        long heapMaxBytes, boolean isDelta) {

    /**
     * Creates a snapshot from its parts, copying {@code collectors}.
     *
     * @param collectors see {@link #collectors()}
     * @param heapUsedBytes see {@link #heapUsedBytes()}
     * @param heapCommittedBytes see {@link #heapCommittedBytes()}
     * @param heapMaxBytes see {@link #heapMaxBytes()}
     * @param isDelta see {@link #isDelta()}
     * @throws NullPointerException if {@code collectors} or one of its elements is {@code null}
     */
    public GcStats {
        collectors = List.copyOf(collectors);
    }

    /**
     * Captures the current GC counters and heap usage of this JVM.
     *
     * @return a new snapshot
     */
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
     * Returns the difference between this snapshot and an earlier one: collection counts and times
     * (total and per collector) are subtracted; the heap figures are gauges, not counters, so the
     * delta carries this (later) snapshot's heap values unchanged. A collector absent from
     * {@code earlier} counts from 0.
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
        if (isDelta) {
            throw new IllegalStateException("minus must be called on a captured snapshot, not on a delta");
        }
        if (earlier.isDelta) {
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

    /**
     * Returns the number of collections summed over all collectors, never negative.
     *
     * @return the total collection count
     */
    public long collectionCount() {
        long count = 0;
        for (int i = 0; i < collectors.size(); i++) {
            count += collectors.get(i).collectionCount();
        }
        return count;
    }

    /**
     * Returns the accumulated collection time in milliseconds summed over all collectors, never
     * negative. Includes concurrent cycle time where a collector reports it (see
     * {@link CollectorStats#collectionTimeMillis()}).
     *
     * @return the total collection time in milliseconds
     */
    public long collectionTimeMillis() {
        long time = 0;
        for (int i = 0; i < collectors.size(); i++) {
            time += collectors.get(i).collectionTimeMillis();
        }
        return time;
    }

    /**
     * Returns a one-line summary, e.g. {@code GcStats{3 collections, 17 ms, heap used 12.3 MiB /
     * committed 64.0 MiB / max 1024.0 MiB, [G1 Young Generation: 2 collections, 9 ms, ...]}}; a delta
     * is marked by {@code delta, } after the opening brace.
     *
     * @return a readable summary
     */
    @Override
    public String toString() {
        return "GcStats{" + (isDelta ? "delta, " : "") + collectionCount() + " collections, "
                + collectionTimeMillis() + " ms, heap used " + mib(heapUsedBytes) + " / committed "
                + mib(heapCommittedBytes) + " / max " + (heapMaxBytes < 0 ? "undefined" : mib(heapMaxBytes)) + ", "
                + collectors + "}";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
