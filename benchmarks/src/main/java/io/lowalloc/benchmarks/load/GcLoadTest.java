package io.lowalloc.benchmarks.load;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lowalloc.benchmarks.span.SpanPipeline;
import io.lowalloc.benchmarks.span.SpanPipelines;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.gc.GcMonitor;
import io.lowalloc.core.gc.GcPauseStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The GC-pause load test (table 5): one producer thread records {@code SpanShape} spans through a
 * pipeline at a fixed target rate (open loop: it catches up if it falls behind, in bursts of at
 * most {@value #MAX_BURST}) for a fixed time after a warm-up, and reports the achieved rate, spans
 * dropped (recorded minus exported after a final flush), allocation of the threads alive at the end of
 * the window in MB/s
 * and bytes per span (and the producer thread's share), and the GC pauses: count, per second,
 * average, p99 and max from lowalloc's {@link GcMonitor} (whole milliseconds) and, with
 * {@code --gc-log}, from the JVM's GC log (microseconds).
 *
 * <p>Fair start (table 5): after the warm-up the pipeline is flushed and {@code --tenure-gcs} full
 * collections run ({@code System.gc()}; 2 in the committed script), so the spans every pooled
 * pipeline keeps — prefilled by the warm-up, which runs at the measured rate — are in the old
 * generation before the window opens and the window sees the steady state. The JSON adds
 * {@code tenureGcs}, {@code oldGenUsedBytesAtStart} (used bytes of the old-generation pools after
 * those collections), {@code poolCreatedAtStart}, {@code poolCreatedInWindow} (0: the pool needed no
 * new span during the window) and {@code poolIdleAtStart} (-1 for the SDK, which has no pool), and
 * {@code pausesBelow100} (1 when fewer than 100 pauses were seen: p99 then equals max).
 *
 * <p>Run it in its own JVM with the heap and collector fixed, e.g.
 * {@code java -XX:+UseG1GC -Xms256m -Xmx256m -Xlog:gc:file=gc.log:uptime -cp benchmarks.jar
 * io.lowalloc.benchmarks.load.GcLoadTest --pipeline sdkBatch --gc-log gc.log --out result.json}.
 */
public final class GcLoadTest {

    /** The most spans recorded back to back when the producer is behind schedule. */
    static final int MAX_BURST = 1_000;
    private static final long IDLE_PARK_NANOS = 50_000L;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

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
            JsonObject json = JsonParser.parseString(result.toReport().toJson()).getAsJsonObject();
            result.extras().forEach(json::addProperty);
            Files.write(config.out(), (JSON.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8));
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
            // Start every pipeline from the same heap state, with what it keeps already tenured.
            for (int i = 0; i < config.tenureGcs(); i++) {
                System.gc();
            }
            Thread.sleep(200);
            Map<String, Double> extras = new LinkedHashMap<>();
            extras.put("tenureGcs", (double) config.tenureGcs());
            extras.put("oldGenUsedBytesAtStart", (double) oldGenUsedBytes());
            long poolCreatedAtStart = pipeline.pooledSpansCreated();
            extras.put("poolCreatedAtStart", (double) poolCreatedAtStart);
            extras.put("poolIdleAtStart", (double) pipeline.pooledSpansIdle());
            long exportedBefore = pipeline.exportedSpans();
            long callsBefore = pipeline.exportCalls();
            try (GcMonitor monitor = GcMonitor.create().start()) {
                double uptimeStart = uptimeSeconds();
                long[][] allocatedBefore = threadAllocatedBytes();
                long producerBefore = meter.currentThreadAllocatedBytes();
                long start = System.nanoTime();
                long end = drive(pipeline, config.rate(), config.seconds(), n);
                long elapsedNanos = System.nanoTime() - start;
                long producerAllocated = meter.currentThreadAllocatedBytes() - producerBefore;
                long allocated = allocatedSince(allocatedBefore);
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
                extras.put("poolCreatedInWindow", poolCreatedAtStart < 0 ? -1.0
                        : (double) (pipeline.pooledSpansCreated() - poolCreatedAtStart));
                long pauseCount = logged != null ? logged.count() : pauses.pauseCount();
                extras.put("pausesBelow100", pauseCount < 100 ? 1.0 : 0.0);
                return new LoadTestResult(config, elapsedNanos, spans, exported, calls, allocated, producerAllocated,
                        pauses, logged,
                        monitor.collectorNames(), extras);
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

    /** Thread ids and their allocated bytes, now: {ids, bytes}. */
    private static long[][] threadAllocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        return new long[][] {ids, THREADS.getThreadAllocatedBytes(ids)};
    }

    /**
     * Bytes allocated since {@code before} by the threads alive now: a thread born since counts from
     * zero, a thread that died since is left out (its bytes are missed, never subtracted, so the sum
     * cannot go negative when an earlier pipeline's worker exits during the window).
     */
    private static long allocatedSince(long[][] before) {
        long[][] now = threadAllocatedBytes();
        long sum = 0;
        for (int i = 0; i < now[0].length; i++) {
            if (now[1][i] < 0) {
                continue;
            }
            long start = 0;
            for (int j = 0; j < before[0].length; j++) {
                if (before[0][j] == now[0][i]) {
                    start = Math.max(0, before[1][j]);
                    break;
                }
            }
            sum += now[1][i] - start;
        }
        return sum;
    }

    /** The used bytes of the old-generation memory pools (G1 Old Gen, Tenured Gen, ...). */
    private static long oldGenUsedBytes() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (name.contains("Old") || name.contains("Tenured")) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }
}
