package io.lowalloc.examples;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.gc.GcMonitor;
import io.lowalloc.core.gc.GcPauseStats;
import io.lowalloc.core.gc.GcStats;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.SpanData;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5, "GC Tuning Demo", in two parts.
 *
 * <p>First, like the Go example, {@link GcStats} snapshots (collection count, collection time,
 * heap used) initially, after allocating and retaining {@code spans} spans, and after releasing
 * them; a {@code System.gc()} precedes each snapshot so that heap used shows what is live. The
 * spans are released to a pool of capacity {@value #POOL_CAPACITY}: it keeps that many and leaves
 * the rest to the GC.
 *
 * <p>Second, the same fixed-rate workload (spans of 8 attributes, {@value FixedRateWorkload#IN_FLIGHT}
 * in flight) runs without and with pooling while a {@link GcMonitor} records every pause: GCs per
 * second, average, p99 and maximum pause side by side. Then the JVM counterparts of Go's GC knobs,
 * with the values this JVM runs with.
 *
 * <p>Not thread-safe; run it on one thread.
 */
public final class GcTuningDemo {

    /** Capacity of the pool the retained spans are released to: {@value}. */
    public static final int POOL_CAPACITY = 1024;

    /** Rate of the side-by-side workload: {@value} spans per second on each side. */
    public static final int WORKLOAD_SPANS_PER_SECOND = 200_000;

    /** Length of each side of the workload in a full run: {@value} ms. */
    public static final long WORKLOAD_MILLIS = 2_000L;

    /** Length of each side of the workload with {@code --quick}: {@value} ms. */
    public static final long QUICK_WORKLOAD_MILLIS = 500L;

    private GcTuningDemo() {
    }

    /**
     * The measured figures of one run.
     *
     * @param retainedSpans spans allocated and retained in the first part
     * @param initial GC snapshot before the allocation
     * @param afterAllocation GC snapshot with the spans retained (after a {@code System.gc()})
     * @param afterRelease GC snapshot after the spans were released and a {@code System.gc()}
     * @param poolAfterRelease the pool's counters after the release
     * @param unpooled the workload without pooling
     * @param pooled the same workload with pooling
     */
    public record Result(int retainedSpans, GcStats initial, GcStats afterAllocation, GcStats afterRelease,
            PoolStats poolAfterRelease, Workload unpooled, Workload pooled) {
    }

    /**
     * One side of the fixed-rate workload.
     *
     * @param spans spans recorded
     * @param nanos how long the recording took, in nanoseconds
     * @param allocatedBytes bytes allocated by the recording thread
     * @param gcsPerSecond GC pauses per second of recording
     * @param pauses the pauses recorded by the {@link GcMonitor}
     */
    public record Workload(long spans, long nanos, long allocatedBytes, double gcsPerSecond, GcPauseStats pauses) {
    }

    /**
     * Runs the scenario and prints its section.
     *
     * @param retainedSpans spans to allocate and retain in the first part, {@code > 0}
     * @param quick whether the workload runs {@value #QUICK_WORKLOAD_MILLIS} ms per side instead of
     *     {@value #WORKLOAD_MILLIS} ms
     * @param out where the section is printed
     * @return the measured figures
     * @throws IllegalArgumentException if {@code retainedSpans <= 0}
     * @throws NullPointerException if {@code out} is null
     */
    public static Result run(int retainedSpans, boolean quick, PrintStream out) {
        if (retainedSpans <= 0) {
            throw new IllegalArgumentException("retainedSpans must be > 0, was: " + retainedSpans);
        }
        Objects.requireNonNull(out, "out");
        out.println();
        out.println("--- GC Tuning Demo ---");

        System.gc();
        GcStats initial = GcStats.capture();
        out.println("📊 Initial GC Stats (after System.gc()):");
        out.printf(Locale.ROOT, "   NumGC: %d, PauseTotal: %d ms, HeapUsed: %s%n", initial.collectionCount(),
                initial.collectionTimeMillis(), Figures.bytes(initial.heapUsedBytes()));

        ObjectPool<SpanData> pool = SpanData.newPool(POOL_CAPACITY, SpanPoolDemo.LIMITS);
        SpanData[] retained = new SpanData[retainedSpans];
        for (int i = 0; i < retainedSpans; i++) {
            SpanData span = pool.acquire();
            span.setName("span-" + i);
            span.put("iteration", i);
            retained[i] = span;
        }
        System.gc();
        GcStats afterAllocation = GcStats.capture();
        out.printf(Locale.ROOT, "📊 After Allocation (%d spans retained, then System.gc()):%n", retainedSpans);
        printDelta(out, afterAllocation, initial);

        for (int i = 0; i < retainedSpans; i++) {
            pool.release(retained[i]);
            retained[i] = null;
        }
        PoolStats poolStats = pool.stats();
        System.gc();
        GcStats afterRelease = GcStats.capture();
        out.printf(Locale.ROOT, "📊 After Release (%d kept by the pool of capacity %d, %d left to the GC, "
                + "then System.gc()):%n", poolStats.pooled(), POOL_CAPACITY, poolStats.discarded());
        printDelta(out, afterRelease, afterAllocation);

        long millis = quick ? QUICK_WORKLOAD_MILLIS : WORKLOAD_MILLIS;
        FixedRateWorkload workload =
                new FixedRateWorkload(WORKLOAD_SPANS_PER_SECOND, TimeUnit.MILLISECONDS.toNanos(millis));
        AllocationMeter meter = AllocationMeter.create();
        Workload unpooled = workload(workload.runUnpooled(meter));
        ObjectPool<SpanData> workloadPool = SpanData.newPool(FixedRateWorkload.IN_FLIGHT, SpanPoolDemo.LIMITS);
        workloadPool.prefill(FixedRateWorkload.IN_FLIGHT);
        Workload pooled = workload(workload.runPooled(workloadPool, meter));

        out.printf(Locale.ROOT, "📊 Same workload, %d spans/s of 8 attributes for %.1f s per side, %d in flight "
                + "(GcMonitor):%n", WORKLOAD_SPANS_PER_SECOND, millis / 1e3, FixedRateWorkload.IN_FLIGHT);
        out.println("                  GCs/s   avg pause   p99 pause   max pause   allocated    achieved rate");
        printRow(out, "without pool", unpooled);
        printRow(out, "with pool", pooled);
        out.printf(Locale.ROOT, "🚀 Improvement:   %d GC pauses -> %d, %s%n", unpooled.pauses().pauseCount(),
                pooled.pauses().pauseCount(), Figures.allocationRatio(unpooled.allocatedBytes(), pooled.allocatedBytes()));
        out.println("   (pause durations have the JVM's 1 ms resolution: a young pause under 1 ms reads 0 ms)");

        new JvmKnobs().print(out, GcMonitor.create().collectorNames());
        return new Result(retainedSpans, initial, afterAllocation, afterRelease, poolStats, unpooled, pooled);
    }

    private static Workload workload(FixedRateWorkload.Result r) {
        return new Workload(r.spans(), r.nanos(), r.allocatedBytes(), r.gcsPerSecond(), r.gc());
    }

    private static void printDelta(PrintStream out, GcStats now, GcStats before) {
        out.printf(Locale.ROOT, "   NumGC: %d (+%d), PauseTotal: %d ms (+%d ms), HeapUsed: %s (%s)%n",
                now.collectionCount(), now.collectionCount() - before.collectionCount(),
                now.collectionTimeMillis(), now.collectionTimeMillis() - before.collectionTimeMillis(),
                Figures.bytes(now.heapUsedBytes()), Figures.bytesDelta(now.heapUsedBytes() - before.heapUsedBytes()));
    }

    private static void printRow(PrintStream out, String label, Workload w) {
        out.printf(Locale.ROOT, "   %-12s %8.2f %8.2f ms %8d ms %8d ms %12s %10.0f spans/s%n", label, w.gcsPerSecond(),
                w.pauses().averagePauseMillis(), w.pauses().p99PauseMillis(), w.pauses().maxPauseMillis(),
                Figures.bytes(w.allocatedBytes()), w.nanos() <= 0 ? 0.0 : w.spans() * 1e9 / w.nanos());
    }
}
