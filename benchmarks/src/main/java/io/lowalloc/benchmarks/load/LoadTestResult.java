package io.lowalloc.benchmarks.load;

import io.lowalloc.core.gc.GcPauseStats;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** What one load-test run measured, as text for the console and as JSON for the chart renderer. */
public final class LoadTestResult {

    private final LoadTestConfig config;
    private final long elapsedNanos;
    private final long spans;
    private final long exported;
    private final long exportCalls;
    private final long allocatedBytes;
    private final long producerAllocatedBytes;
    private final GcPauseStats pauses;
    private final GcLogPauses logged;
    private final List<String> collectors;

    LoadTestResult(LoadTestConfig config, long elapsedNanos, long spans, long exported, long exportCalls,
            long allocatedBytes, long producerAllocatedBytes, GcPauseStats pauses, GcLogPauses logged,
            List<String> collectors) {
        this.config = config;
        this.elapsedNanos = elapsedNanos;
        this.spans = spans;
        this.exported = exported;
        this.exportCalls = exportCalls;
        this.allocatedBytes = allocatedBytes;
        this.producerAllocatedBytes = producerAllocatedBytes;
        this.pauses = pauses;
        this.logged = logged;
        this.collectors = collectors;
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
     * Returns the spans recorded in the measured interval.
     *
     * @return the count
     */
    public long spans() {
        return spans;
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
     * Returns the GC monitor's summary.
     *
     * @return the pause statistics
     */
    public GcPauseStats pauses() {
        return pauses;
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
        return b.toString();
    }

    /**
     * Renders the result as one JSON object.
     *
     * @return JSON text
     */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        field(b, "pipeline", quote(config.pipeline()));
        field(b, "targetRate", Long.toString(config.rate()));
        field(b, "seconds", num(seconds()));
        field(b, "warmupSeconds", num(config.warmupSeconds()));
        field(b, "spans", Long.toString(spans));
        field(b, "exported", Long.toString(exported));
        field(b, "dropped", Long.toString(dropped()));
        field(b, "exportCalls", Long.toString(exportCalls));
        field(b, "achievedRate", num(achievedRate()));
        field(b, "allocatedBytes", Long.toString(allocatedBytes));
        field(b, "allocMBPerSecond", num(allocationMegabytesPerSecond()));
        field(b, "bytesPerSpan", num(bytesPerSpan()));
        field(b, "producerBytesPerSpan", num(producerBytesPerSpan()));
        field(b, "gcCount", Long.toString(pauses.pauseCount()));
        field(b, "gcPerSecond", num(gcsPerSecond()));
        field(b, "avgPauseMs", num(pauses.averagePauseMillis()));
        field(b, "p99PauseMs", Long.toString(pauses.p99PauseMillis()));
        field(b, "maxPauseMs", Long.toString(pauses.maxPauseMillis()));
        field(b, "totalPauseMs", Long.toString(pauses.totalPauseMillis()));
        if (logged != null) {
            field(b, "gcLogPauseCount", Integer.toString(logged.count()));
            field(b, "gcLogAvgPauseMs", num(logged.averageMillis()));
            field(b, "gcLogP99PauseMs", num(logged.p99Millis()));
            field(b, "gcLogMaxPauseMs", num(logged.maxMillis()));
            field(b, "gcLogTotalPauseMs", num(logged.totalMillis()));
        }
        field(b, "collectors", quote(String.join(",", collectors)));
        field(b, "maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        field(b, "cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        field(b, "jvm", quote(System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        b.append("  \"jvmArgs\": ").append(quote(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        b.append("\n}\n");
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
