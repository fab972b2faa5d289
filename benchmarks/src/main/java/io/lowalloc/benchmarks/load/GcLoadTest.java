package io.lowalloc.benchmarks.load;

import io.lowalloc.benchmarks.span.SpanPipeline;
import io.lowalloc.benchmarks.span.SpanPipelines;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.gc.GcMonitor;
import io.lowalloc.core.gc.GcPauseStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The GC-pause load test (table 5): one producer thread records {@code SpanShape} spans through a
 * pipeline at a fixed target rate (open loop: it catches up if it falls behind, in bursts of at
 * most {@value #MAX_BURST}) for a fixed time after a warm-up, and reports the achieved rate, spans
 * dropped (recorded minus exported after a final flush), allocation of all live threads in MB/s
 * and bytes per span (and the producer thread's share), and the GC pauses: count, per second,
 * average, p99 and max from lowalloc's {@link GcMonitor} (whole milliseconds) and, with
 * {@code --gc-log}, from the JVM's GC log (microseconds).
 *
 * <p>Run it in its own JVM with the heap and collector fixed, e.g.
 * {@code java -XX:+UseG1GC -Xms256m -Xmx256m -Xlog:gc:file=gc.log:uptime -cp benchmarks.jar
 * io.lowalloc.benchmarks.load.GcLoadTest --pipeline sdkBatch --gc-log gc.log --out result.json}.
 */
public final class GcLoadTest {

    /** The most spans recorded back to back when the producer is behind schedule. */
    static final int MAX_BURST = 1_000;
    private static final long IDLE_PARK_NANOS = 50_000L;

    private GcLoadTest() {
    }

    /**
     * Runs the load test and prints (and optionally writes) the result.
     *
     * @param args see {@link LoadTestConfig#parse(String[])}
     * @throws Exception if the pipeline, the GC log or the output file fails
     */
    public static void main(String[] args) throws Exception {
        LoadTestConfig config = LoadTestConfig.parse(args);
        LoadTestResult result = run(config);
        System.out.println(result.toText());
        if (config.out() != null) {
            Path parent = config.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(config.out(), result.toReport().toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs the load test.
     *
     * @param config what to run
     * @return the measurements
     * @throws IOException if the GC log cannot be read
     * @throws InterruptedException if interrupted while waiting for GC notifications
     */
    public static LoadTestResult run(LoadTestConfig config) throws IOException, InterruptedException {
        AllocationMeter meter = AllocationMeter.create();
        try (SpanPipeline pipeline = SpanPipelines.create(config.pipeline())) {
            long n = drive(pipeline, config.rate(), config.warmupSeconds(), 0);
            pipeline.flush();
            // Start every pipeline from the same heap state.
            System.gc();
            Thread.sleep(200);
            long exportedBefore = pipeline.exportedSpans();
            long callsBefore = pipeline.exportCalls();
            try (GcMonitor monitor = GcMonitor.create().start()) {
                double uptimeStart = uptimeSeconds();
                long allocatedBefore = meter.allThreadsAllocatedBytes();
                long producerBefore = meter.currentThreadAllocatedBytes();
                long start = System.nanoTime();
                long end = drive(pipeline, config.rate(), config.seconds(), n);
                long elapsedNanos = System.nanoTime() - start;
                long producerAllocated = meter.currentThreadAllocatedBytes() - producerBefore;
                long allocated = meter.allThreadsAllocatedBytes() - allocatedBefore;
                double uptimeEnd = uptimeSeconds();
                // GC notifications arrive asynchronously, shortly after the collection.
                Thread.sleep(300);
                GcPauseStats pauses = monitor.snapshot();
                pipeline.flush();
                long spans = end - n;
                long exported = pipeline.exportedSpans() - exportedBefore;
                long calls = pipeline.exportCalls() - callsBefore;
                GcLogPauses logged = config.gcLog() == null
                        ? null : GcLogPauses.read(config.gcLog(), uptimeStart, uptimeEnd);
                return new LoadTestResult(config, elapsedNanos, spans, exported, calls, allocated, producerAllocated,
                        pauses, logged,
                        monitor.collectorNames());
            }
        }
    }

    /** Records spans at {@code rate} per second for {@code seconds}; returns the next sequence number. */
    private static long drive(SpanPipeline pipeline, long rate, double seconds, long first) {
        long durationNanos = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = first;
        long produced = 0;
        for (;;) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= durationNanos) {
                return n;
            }
            long due = (long) (rate * (elapsed / 1e9));
            if (produced < due) {
                long burst = Math.min(due - produced, MAX_BURST);
                for (long i = 0; i < burst; i++) {
                    pipeline.recordSpan(n++);
                }
                produced += burst;
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    private static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }
}
