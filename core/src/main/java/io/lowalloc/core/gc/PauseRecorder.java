package io.lowalloc.core.gc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounded statistics behind {@link GcMonitor}: exact counters plus a ring of the most recent
 * pause durations for the percentile.
 *
 * <p>Thread-safe: writers (the JMX notification thread) and readers synchronize on this object;
 * every critical section is short and O(1), except {@link #snapshot(long)} which copies and sorts
 * the window (reader pays, writer never waits long).
 */
final class PauseRecorder {

    /** Beyond this many distinct collector names, further names are counted under {@link #OTHER}. */
    static final int MAX_COLLECTORS = 32;

    /** The key under which events of collectors beyond {@link #MAX_COLLECTORS} are counted. */
    static final String OTHER = "(other)";

    private final long[] window;
    private int next;
    private long pauseCount;
    private long totalPauseMillis;
    private long maxPauseMillis;
    private long concurrentCycleCount;
    private long concurrentCycleMillis;
    private long intervalStartNanos;
    // Value arrays are mutated in place so recording an event of a known collector never allocates.
    private final Map<String, long[]> countsByCollector = new LinkedHashMap<>();

    PauseRecorder(int windowSize, long startNanos) {
        this.window = new long[windowSize];
        this.intervalStartNanos = startNanos;
    }

    synchronized void register(String gcName) {
        counter(gcName);
    }

    synchronized void record(String gcName, String gcAction, long durationMillis) {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("durationMillis must be >= 0, was: " + durationMillis);
        }
        counter(gcName)[0]++;
        if (GcEventKind.isConcurrentCycle(gcName, gcAction)) {
            concurrentCycleCount++;
            concurrentCycleMillis += durationMillis;
            return;
        }
        pauseCount++;
        totalPauseMillis += durationMillis;
        maxPauseMillis = Math.max(maxPauseMillis, durationMillis);
        window[next] = durationMillis;
        next = next + 1 == window.length ? 0 : next + 1;
    }

    private long[] counter(String gcName) {
        long[] counter = countsByCollector.get(gcName);
        if (counter == null) {
            String key = countsByCollector.size() < MAX_COLLECTORS ? gcName : OTHER;
            counter = countsByCollector.computeIfAbsent(key, k -> new long[1]);
        }
        return counter;
    }

    synchronized void reset(long nowNanos) {
        next = 0;
        pauseCount = 0;
        totalPauseMillis = 0;
        maxPauseMillis = 0;
        concurrentCycleCount = 0;
        concurrentCycleMillis = 0;
        intervalStartNanos = nowNanos;
        for (long[] counter : countsByCollector.values()) {
            counter[0] = 0;
        }
    }

    synchronized GcPauseStats snapshot(long endNanos) {
        int samples = (int) Math.min(pauseCount, window.length);
        long p99 = 0;
        if (samples > 0) {
            long[] sorted = Arrays.copyOf(window, samples);
            Arrays.sort(sorted);
            // Nearest rank: the ceil(0.99 * n)-th smallest value (1-based).
            int rank = (99 * samples + 99) / 100;
            p99 = sorted[rank - 1];
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : countsByCollector.entrySet()) {
            counts.put(e.getKey(), e.getValue()[0]);
        }
        return new GcPauseStats(pauseCount, totalPauseMillis, maxPauseMillis, p99, samples,
                concurrentCycleCount, concurrentCycleMillis, Math.max(0, endNanos - intervalStartNanos), counts);
    }
}
