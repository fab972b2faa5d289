package io.lowalloc.benchmarks.e2e;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A snapshot of the process counters a run reports, taken on the producer thread.
 *
 * <p>{@code allThreadsAllocated} sums {@code getThreadAllocatedBytes} over the threads alive at
 * the moment of the snapshot: bytes allocated by a thread that died between two snapshots are
 * missed (and a thread born between them counts from zero), so the difference is exact only if
 * the set of threads stays the same — the run reports the live thread count at both ends to show
 * whether it did.
 *
 * @param nanoTime {@link System#nanoTime()}
 * @param threadCpuNanos the producer (current) thread's CPU time
 * @param processCpuNanos the process's CPU time
 * @param allThreadsAllocated bytes allocated by all live threads
 * @param threadAllocated bytes allocated by the producer thread
 * @param gcCount collections, all collectors
 * @param gcMillis accumulated collection time, all collectors
 * @param liveThreads the number of live threads
 */
record JvmCounters(long nanoTime, long threadCpuNanos, long processCpuNanos, long allThreadsAllocated,
        long threadAllocated, long gcCount, long gcMillis, int liveThreads) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();

    static JvmCounters take() {
        long[] ids = THREADS.getAllThreadIds();
        long all = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(ids)) {
            // -1: the thread died after getAllThreadIds.
            all += Math.max(0, bytes);
        }
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : GCS) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmCounters(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), OS.getProcessCpuTime(), all,
                THREADS.getCurrentThreadAllocatedBytes(), count, millis, ids.length);
    }
}
