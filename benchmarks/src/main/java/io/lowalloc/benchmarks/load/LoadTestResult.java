package io.lowalloc.benchmarks.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lowalloc.benchmarks.results.LoadTestReport;
import io.lowalloc.core.gc.GcPauseStats;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one load-test run measured, as text for the console and as the {@link LoadTestReport} that
 * goes to its JSON file for the chart renderer. Counts and bytes are those of the measured interval.
 * Immutable.
 *
 * @param config what was run
 * @param elapsedNanos the measured interval, nanoseconds
 * @param spans spans recorded
 * @param exported of those, spans exported after the final flush
 * @param exportCalls export calls
 * @param allocatedBytes bytes allocated by all live threads
 * @param producerAllocatedBytes bytes allocated by the producer thread
 * @param pauses {@code GcMonitor}'s pause statistics
 * @param logged the pauses read from the JVM's GC log, or null if the run read none
 * @param collectors the garbage collectors' names
 * @param extras further figures written next to the report's in the JSON file (see {@code GcLoadTest})
 */
public record LoadTestResult(
        LoadTestConfig config,
        long elapsedNanos,
        long spans,
        long exported,
        long exportCalls,
        long allocatedBytes,
        long producerAllocatedBytes,
        GcPauseStats pauses,
        GcLogPauses logged,
        List<String> collectors,
        Map<String, Double> extras) {

    /** Rejects a missing config or pause statistics and copies the collector names. */
    public LoadTestResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pauses, "pauses");
        collectors = List.copyOf(collectors);
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * Returns the measured seconds.
     *
     * @return seconds
     */
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /**
     * Returns the spans recorded but not exported.
     *
     * @return the count
     */
    public long dropped() {
        return spans - exported;
    }

    /**
     * Returns the achieved rate.
     *
     * @return spans per second
     */
    public double achievedRate() {
        return spans / seconds();
    }

    /**
     * Returns the allocation rate of all live threads.
     *
     * @return MB (10^6 bytes) per second
     */
    public double allocationMegabytesPerSecond() {
        return allocatedBytes / 1e6 / seconds();
    }

    /**
     * Returns the allocation of all live threads per recorded span.
     *
     * @return bytes per span
     */
    public double bytesPerSpan() {
        return spans == 0 ? 0 : (double) allocatedBytes / spans;
    }

    /**
     * Returns the producer thread's allocation per recorded span: the recording path's share of
     * {@link #bytesPerSpan()}.
     *
     * @return bytes per span
     */
    public double producerBytesPerSpan() {
        return spans == 0 ? 0 : (double) producerAllocatedBytes / spans;
    }

    /**
     * Returns the GC pauses per second, counted by {@code GcMonitor} over the measured seconds.
     *
     * @return pauses per second
     */
    public double gcsPerSecond() {
        return pauses.pauseCount() / seconds();
    }

    /**
     * Renders the result for the console.
     *
     * @return several lines of text
     */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "pipeline=%s target=%d spans/s measured=%.1f s heap max=%d MB collectors=%s%n",
                config.pipeline(), config.rate(), seconds(), Runtime.getRuntime().maxMemory() >> 20, collectors));
        b.append(String.format(Locale.ROOT, "achieved %.0f spans/s, %d spans, %d dropped (%.3f %%), %d export calls%n",
                achievedRate(), spans, dropped(), spans == 0 ? 0 : 100.0 * dropped() / spans, exportCalls));
        b.append(String.format(Locale.ROOT, "allocation %.1f MB/s, %.0f B/span (producer thread %.1f B/span)%n",
                allocationMegabytesPerSecond(), bytesPerSpan(), producerBytesPerSpan()));
        b.append(String.format(Locale.ROOT, "GcMonitor: %d pauses, %.2f /s, avg %.2f ms, p99 %d ms, max %d ms, total %d ms%n",
                pauses.pauseCount(), gcsPerSecond(), pauses.averagePauseMillis(), pauses.p99PauseMillis(),
                pauses.maxPauseMillis(), pauses.totalPauseMillis()));
        if (logged != null) {
            b.append(String.format(Locale.ROOT, "GC log:    %d pauses, avg %.3f ms, p99 %.3f ms, max %.3f ms, total %.1f ms%n",
                    logged.count(), logged.averageMillis(), logged.p99Millis(), logged.maxMillis(),
                    logged.totalMillis()));
        }
        long count = logged != null ? logged.count() : pauses.pauseCount();
        if (count < 100) {
            b.append(String.format(Locale.ROOT, "(%d pauses < 100: the nearest-rank p99 is the max)%n", count));
        }
        if (!extras.isEmpty()) {
            b.append("extras: ").append(extras).append(String.format("%n"));
        }
        return b.toString();
    }

    /**
     * Returns the result as the record the load test writes to its JSON file. The heap size, core
     * count and JVM come from the running JVM.
     *
     * @return the report
     */
    public LoadTestReport toReport() {
        Runtime runtime = Runtime.getRuntime();
        return new LoadTestReport(config.pipeline(), config.rate(), seconds(), config.warmupSeconds(),
                spans, exported, dropped(), exportCalls, achievedRate(), allocatedBytes,
                allocationMegabytesPerSecond(), bytesPerSpan(), producerBytesPerSpan(),
                pauses.pauseCount(), gcsPerSecond(), pauses.averagePauseMillis(), pauses.p99PauseMillis(),
                pauses.maxPauseMillis(), pauses.totalPauseMillis(),
                logged == null ? null : logged.count(),
                logged == null ? null : logged.averageMillis(),
                logged == null ? null : logged.p99Millis(),
                logged == null ? null : logged.maxMillis(),
                logged == null ? null : logged.totalMillis(),
                String.join(",", collectors), runtime.maxMemory(), runtime.availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }
}
