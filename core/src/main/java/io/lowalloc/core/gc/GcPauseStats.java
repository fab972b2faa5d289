package io.lowalloc.core.gc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Summary of the GC events a {@link GcMonitor} recorded over its monitored interval.
 *
 * <p>Units: pause durations are whole <b>milliseconds</b>, because that is the resolution of
 * {@code com.sun.management.GcInfo#getDuration()} — a sub-millisecond pause is reported by the JVM
 * as 0 ms. Counts, total, average and maximum are exact over every pause since
 * {@link GcMonitor#start()} or the last {@link GcMonitor#reset()}; the 99th percentile is computed
 * over the most recent {@link #percentileSampleSize()} pauses (the monitor's bounded window).
 * Concurrent-cycle reports (ZGC, Shenandoah "... Cycles" beans) are not pauses: they are counted
 * separately in {@link #concurrentCycleCount()} and {@link #concurrentCycleMillis()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pauseCount the number of stop-the-world pauses recorded
 * @param totalPauseMillis the summed duration of all recorded pauses, in milliseconds
 * @param maxPauseMillis the longest recorded pause in milliseconds, or 0 when none was recorded
 * @param p99PauseMillis the 99th percentile pause in milliseconds (nearest-rank method: the
 *     smallest recorded duration that at least 99 % of the sampled pauses do not exceed), over the
 *     most recent {@code percentileSampleSize} pauses; 0 when no pause was recorded
 * @param percentileSampleSize how many pauses {@code p99PauseMillis} was computed over: the pause
 *     count, capped at the monitor's window size
 * @param concurrentCycleCount the number of concurrent-cycle reports (not pauses) recorded
 * @param concurrentCycleMillis the summed duration of the recorded concurrent cycles in
 *     milliseconds; the application runs during most of that time
 * @param intervalNanos the length of the monitored interval in nanoseconds: from
 *     {@link GcMonitor#start()} (or the last {@link GcMonitor#reset()}) until this snapshot, or
 *     until {@link GcMonitor#close()} for a closed monitor
 * @param countsByCollector the number of recorded events (pauses and concurrent cycles) per
 *     collector name, in the order the collectors were first registered or seen; an unmodifiable
 *     copy
 */
public record GcPauseStats(long pauseCount, long totalPauseMillis, long maxPauseMillis, long p99PauseMillis,
        int percentileSampleSize, long concurrentCycleCount, long concurrentCycleMillis, long intervalNanos,
        Map<String, Long> countsByCollector) {

    /**
     * Creates a summary from its parts, copying {@code countsByCollector} in its order.
     *
     * @param pauseCount see {@link #pauseCount()}
     * @param totalPauseMillis see {@link #totalPauseMillis()}
     * @param maxPauseMillis see {@link #maxPauseMillis()}
     * @param p99PauseMillis see {@link #p99PauseMillis()}
     * @param percentileSampleSize see {@link #percentileSampleSize()}
     * @param concurrentCycleCount see {@link #concurrentCycleCount()}
     * @param concurrentCycleMillis see {@link #concurrentCycleMillis()}
     * @param intervalNanos see {@link #intervalNanos()}
     * @param countsByCollector see {@link #countsByCollector()}
     * @throws NullPointerException if {@code countsByCollector} is {@code null}
     */
    public GcPauseStats {
        countsByCollector = Collections.unmodifiableMap(new LinkedHashMap<>(countsByCollector));
    }

    /**
     * Returns the mean pause duration in milliseconds, or 0 when no pause was recorded.
     *
     * @return average pause in milliseconds
     */
    public double averagePauseMillis() {
        return pauseCount == 0 ? 0.0 : (double) totalPauseMillis / pauseCount;
    }

    /**
     * Returns the pause rate over the monitored interval: {@link #pauseCount()} divided by
     * {@link #intervalNanos()} in seconds; 0 for an empty interval.
     *
     * @return pauses per second
     */
    public double pausesPerSecond() {
        return intervalNanos <= 0 ? 0.0 : pauseCount * 1e9 / intervalNanos;
    }

    /**
     * Returns a one-line summary with every figure and its unit.
     *
     * @return a readable summary
     */
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
