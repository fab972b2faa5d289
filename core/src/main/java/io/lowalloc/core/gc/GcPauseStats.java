package io.lowalloc.core.gc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Summary of the GC events a {@link GcMonitor} recorded over its monitored interval. Durations are
 * whole milliseconds (the resolution of {@code GcInfo#getDuration()}: a sub-millisecond pause
 * reads as 0). Counts, total, average and maximum are exact since {@link GcMonitor#start()} or the
 * last {@link GcMonitor#reset()}; the p99 covers the last {@link #percentileSampleSize()} pauses.
 * Concurrent cycles (ZGC, Shenandoah) are not pauses and are counted apart. Immutable and
 * thread-safe.
 */
public final class GcPauseStats {

    private final long pauseCount;
    private final long totalPauseMillis;
    private final long maxPauseMillis;
    private final long p99PauseMillis;
    private final int percentileSampleSize;
    private final long concurrentCycleCount;
    private final long concurrentCycleMillis;
    private final long intervalNanos;
    private final Map<String, Long> countsByCollector;

    GcPauseStats(long pauseCount, long totalPauseMillis, long maxPauseMillis, long p99PauseMillis,
            int percentileSampleSize, long concurrentCycleCount, long concurrentCycleMillis, long intervalNanos,
            Map<String, Long> countsByCollector) {
        this.pauseCount = pauseCount;
        this.totalPauseMillis = totalPauseMillis;
        this.maxPauseMillis = maxPauseMillis;
        this.p99PauseMillis = p99PauseMillis;
        this.percentileSampleSize = percentileSampleSize;
        this.concurrentCycleCount = concurrentCycleCount;
        this.concurrentCycleMillis = concurrentCycleMillis;
        this.intervalNanos = intervalNanos;
        this.countsByCollector = Collections.unmodifiableMap(new LinkedHashMap<>(countsByCollector));
    }

    /** {@return the number of stop-the-world pauses recorded} */
    public long pauseCount() {
        return pauseCount;
    }

    /** {@return the summed duration of all recorded pauses, in milliseconds} */
    public long totalPauseMillis() {
        return totalPauseMillis;
    }

    /** {@return the mean pause in milliseconds, 0 when no pause was recorded} */
    public double averagePauseMillis() {
        return pauseCount == 0 ? 0.0 : (double) totalPauseMillis / pauseCount;
    }

    /**
     * {@return the 99th percentile pause in milliseconds over the last
     * {@link #percentileSampleSize()} pauses, by nearest rank (the smallest duration that at least
     * 99 % of them do not exceed); 0 when none}
     */
    public long p99PauseMillis() {
        return p99PauseMillis;
    }

    /** {@return the longest recorded pause in milliseconds, 0 when none} */
    public long maxPauseMillis() {
        return maxPauseMillis;
    }

    /** {@return how many pauses the p99 covers: the pause count, capped at the window} */
    public int percentileSampleSize() {
        return percentileSampleSize;
    }

    /** {@return pauses per second of the monitored interval; 0 for an empty interval} */
    public double pausesPerSecond() {
        return intervalNanos <= 0 ? 0.0 : pauseCount * 1e9 / intervalNanos;
    }

    /**
     * {@return the monitored interval in nanoseconds: from {@link GcMonitor#start()} or the last
     * {@link GcMonitor#reset()} until this snapshot, or until {@link GcMonitor#close()}}
     */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** {@return the number of concurrent-cycle reports (not pauses) recorded} */
    public long concurrentCycleCount() {
        return concurrentCycleCount;
    }

    /** {@return the summed concurrent-cycle time in milliseconds (the app ran)} */
    public long concurrentCycleMillis() {
        return concurrentCycleMillis;
    }

    /** {@return events (pauses and cycles) per collector, unmodifiable, in first-seen order} */
    public Map<String, Long> countsByCollector() {
        return countsByCollector;
    }

    /** {@return a one-line summary with every figure and its unit} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "GcPauseStats{pauses=%d, total=%d ms, avg=%.3f ms, p99=%d ms (of last %d), max=%d ms, "
                        + "rate=%.3f/s over %.3f s, concurrentCycles=%d (%d ms), byCollector=%s}",
                pauseCount, totalPauseMillis, averagePauseMillis(), p99PauseMillis, percentileSampleSize,
                maxPauseMillis, pausesPerSecond(), intervalNanos / 1e9, concurrentCycleCount,
                concurrentCycleMillis, countsByCollector);
    }
}
