package io.lowalloc.benchmarks.results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What one run of the GC-pause load test reports, as it stands in its JSON file
 * ({@code benchmarks/results/table5-gc-*.json}): one field per component, in component order. The
 * {@code gcLog*} components are null when the run read no GC log and are then left out of the
 * file; doubles are written with three decimals. Rates are per second of the measured interval,
 * allocation is that of all live threads unless named otherwise. Immutable.
 *
 * @param pipeline the pipeline id, e.g. {@code sdkBatch}
 * @param targetRate the target rate, spans per second
 * @param seconds the measured interval, seconds
 * @param warmupSeconds the warm-up before it, seconds
 * @param spans spans recorded in the measured interval
 * @param exported of those, spans exported after the final flush
 * @param dropped {@code spans - exported}
 * @param exportCalls export calls in the measured interval
 * @param achievedRate spans recorded per second
 * @param allocatedBytes bytes allocated
 * @param allocMBPerSecond allocation rate, MB (10^6 bytes) per second
 * @param bytesPerSpan bytes allocated per recorded span
 * @param producerBytesPerSpan bytes the producer thread allocated per recorded span
 * @param gcCount GC pauses counted by {@code GcMonitor}
 * @param gcPerSecond GC pauses per second
 * @param avgPauseMs {@code GcMonitor}'s average pause, milliseconds
 * @param p99PauseMs {@code GcMonitor}'s 99th percentile pause, whole milliseconds
 * @param maxPauseMs {@code GcMonitor}'s longest pause, whole milliseconds
 * @param totalPauseMs {@code GcMonitor}'s total pause time, whole milliseconds
 * @param gcLogPauseCount pauses in the GC log within the interval, or null without a GC log
 * @param gcLogAvgPauseMs their average, milliseconds, or null
 * @param gcLogP99PauseMs their 99th percentile, milliseconds, or null
 * @param gcLogMaxPauseMs the longest, milliseconds, or null
 * @param gcLogTotalPauseMs their sum, milliseconds, or null
 * @param collectors the garbage collectors' names, comma-separated
 * @param maxHeapBytes the JVM's maximum heap, bytes
 * @param cores the available processors
 * @param jvm the VM name and Java version
 * @param jvmArgs the JVM's input arguments, space-separated
 */
public record LoadTestReport(
        String pipeline,
        long targetRate,
        double seconds,
        double warmupSeconds,
        long spans,
        long exported,
        long dropped,
        long exportCalls,
        double achievedRate,
        long allocatedBytes,
        double allocMBPerSecond,
        double bytesPerSpan,
        double producerBytesPerSpan,
        long gcCount,
        double gcPerSecond,
        double avgPauseMs,
        long p99PauseMs,
        long maxPauseMs,
        long totalPauseMs,
        Integer gcLogPauseCount,
        Double gcLogAvgPauseMs,
        Double gcLogP99PauseMs,
        Double gcLogMaxPauseMs,
        Double gcLogTotalPauseMs,
        String collectors,
        long maxHeapBytes,
        int cores,
        String jvm,
        String jvmArgs) {

    /**
     * Reads a load test's JSON file.
     *
     * @param file a file written from {@link #toJson()}
     * @return the report; components the file lacks are 0 or null
     * @throws IOException if the file cannot be read or (naming it) is not a JSON object of this shape
     */
    public static LoadTestReport read(Path file) throws IOException {
        return ResultJson.read(file, LoadTestReport.class);
    }

    /**
     * Parses a load test's JSON text.
     *
     * @param json one JSON object
     * @return the report; components the text lacks are 0 or null
     * @throws com.google.gson.JsonParseException if the text is not a JSON object of this shape
     */
    public static LoadTestReport fromJson(String json) {
        return ResultJson.fromJson(json, LoadTestReport.class);
    }

    /**
     * Returns whether the run read pause durations from the JVM's GC log.
     *
     * @return true if the {@code gcLog*} components are set
     */
    public boolean hasGcLog() {
        return gcLogAvgPauseMs != null;
    }

    /**
     * Renders the report as the load test's file: one pretty-printed JSON object and a final newline.
     *
     * @return JSON text
     */
    public String toJson() {
        return ResultJson.GSON.toJson(this) + "\n";
    }
}
