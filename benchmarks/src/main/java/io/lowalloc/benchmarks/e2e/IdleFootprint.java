package io.lowalloc.benchmarks.e2e;

import io.lowalloc.benchmarks.span.SpanPipeline;
import io.lowalloc.benchmarks.span.SpanPipelines;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The idle-footprint table (issue 10 target 6): how much heap a pipeline keeps once the load has
 * stopped. Each run of a row is a fresh JVM ({@code --jvm-options}, default {@code -Xmx256m
 * -XX:+UseG1GC}) that
 * <ol>
 *   <li>measures the baseline: used heap after {@value #SETTLE_GCS} {@code System.gc()} calls;
 *   <li>builds the row's default pipeline ({@link SpanPipelines}: {@code sdkBatch} SDK +
 *       {@code BatchSpanProcessor}, {@code lowalloc} {@code PooledSpanPipeline}, {@code recorder} core
 *       {@code SpanRecorder}, each with its field-reading no-op exporter);
 *   <li>warms it with the table 2 load — one producer recording flat out, as in
 *       {@code SpanPipelineBenchmark} (overload: the pool fills to what the workload needs at most) —
 *       for {@code --load-seconds}, then flushes;
 *   <li>lets it idle for {@code --idle-seconds} (the worker parks, nothing is recorded) and measures
 *       the used heap again after {@value #SETTLE_GCS} collections, with the pipeline still open.
 * </ol>
 * Figures: {@code retainedBytes} (used heap idle − baseline: the pipeline, its pool, queue and
 * worker, plus what the first use of its classes keeps in static caches), {@code pooledSpans} (idle
 * spans in the pool; -1 for the SDK), {@code poolCreated}, {@code bytesPerPooledSpan} (retained /
 * pooled spans), {@code spanDataInstances} and {@code spanDataShallowBytes} (the core
 * {@code SpanData} line of a class histogram taken through the {@code DiagnosticCommand} MXBean,
 * {@code gcClassHistogram}: shallow bytes only, the span's arrays are separate lines), and
 * {@code spansRecorded}.
 *
 * <p>Options (defaults): {@code --rows} ({@code sdkBatch,lowalloc,recorder}), {@code --runs} (3),
 * {@code --load-seconds} (3), {@code --idle-seconds} (2), {@code --jvm-options}, {@code --out-dir}
 * ({@code benchmarks/results}), {@code --name} ({@code idle-footprint}).
 */
public final class IdleFootprint {

    /** How many {@code System.gc()} calls settle the heap before each reading. */
    public static final int SETTLE_GCS = 4;

    private static final String SPAN_DATA_CLASS = "io.lowalloc.core.span.SpanData";

    private IdleFootprint() {
    }

    /**
     * Runs the table and writes {@code <out-dir>/<name>.json} and {@code .md}.
     *
     * @param args see the class description
     * @throws Exception if a run fails (its output is in the message)
     */
    public static void main(String[] args) throws Exception {
        E2eOptions options = E2eOptions.parse(args, defaults());
        if (options.flag("child")) {
            Jvm.printResult(runChild(options));
            System.exit(0);
        }
        run(options);
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("rows", String.join(",", SpanPipelines.SDK_BATCH, SpanPipelines.LOWALLOC, SpanPipelines.RECORDER));
        defaults.put("runs", "3");
        defaults.put("load-seconds", "3");
        defaults.put("idle-seconds", "2");
        defaults.put("jvm-options", "-Xmx256m -XX:+UseG1GC");
        defaults.put("out-dir", "benchmarks/results");
        defaults.put("name", "idle-footprint");
        defaults.put("child", "false");
        defaults.put("row", "");
        defaults.put("sink-port", "0");
        return defaults;
    }

    /** Runs every row {@code --runs} times, interleaved, each in a fresh JVM; writes the table and returns it. */
    static RunTable run(E2eOptions options) throws IOException, InterruptedException {
        List<String> rows = options.list("rows");
        long runs = options.positiveLong("runs");
        validate(options);
        for (String row : rows) {
            // Fails here, naming the row, before any JVM starts.
            SpanPipelines.create(row).close();
        }
        RunTable table = new RunTable("IdleFootprint", options.asMap());
        long timeout = (long) (options.positiveDouble("load-seconds") + options.nonNegativeDouble("idle-seconds")) + 120;
        for (int run = 1; run <= runs; run++) {
            for (String row : rows) {
                System.out.println("IdleFootprint run " + run + "/" + runs + " row " + row + ", load average "
                        + RunTable.loadAverage());
                table.add(row, run, Jvm.runForResult(options.words("jvm-options"), IdleFootprint.class,
                        options.childArgs(row, 0, Map.of(), defaults().keySet()), timeout));
            }
        }
        table.write(options.path("out-dir"), options.string("name"), List.of(
                new RunTable.Column("retained KB", "retainedKilobytes", 0),
                new RunTable.Column("pooled spans", "pooledSpans", 0),
                new RunTable.Column("B per pooled span", "bytesPerPooledSpan", 0),
                new RunTable.Column("SpanData instances", "spanDataInstances", 0),
                new RunTable.Column("SpanData shallow KB", "spanDataShallowKilobytes", 1),
                new RunTable.Column("spans recorded in the warm-up", "spansRecorded", 0)),
                "retained: used heap after " + SETTLE_GCS + " System.gc() with the pipeline idle, minus the same"
                        + " before building it; B per pooled span: retained / pooled spans (everything the pipeline"
                        + " keeps, charged to its spans); SpanData: the class histogram line (shallow size).");
        return table;
    }

    static void validate(E2eOptions options) {
        options.positiveDouble("load-seconds");
        options.nonNegativeDouble("idle-seconds");
    }

    /** One run, in this JVM. */
    static Map<String, Double> runChild(E2eOptions options) throws InterruptedException {
        validate(options);
        String row = options.string("row");
        long loadNanos = (long) (options.positiveDouble("load-seconds") * 1e9);
        long idleMillis = (long) (options.nonNegativeDouble("idle-seconds") * 1e3);
        long baseline = settledHeapUsed();
        SpanPipeline pipeline = SpanPipelines.create(row);
        Map<String, Double> r = new LinkedHashMap<>();
        try {
            long n = 0;
            long end = System.nanoTime() + loadNanos;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    pipeline.recordSpan(n++);
                }
            }
            pipeline.flush();
            Thread.sleep(idleMillis);
            long idle = settledHeapUsed();
            long retained = idle - baseline;
            long pooled = pipeline.pooledSpansIdle();
            long[] spanData = histogramLine(SPAN_DATA_CLASS);
            r.put("baselineBytes", (double) baseline);
            r.put("idleBytes", (double) idle);
            r.put("retainedBytes", (double) retained);
            r.put("retainedKilobytes", retained / 1024.0);
            r.put("pooledSpans", (double) pooled);
            r.put("poolCreated", (double) pipeline.pooledSpansCreated());
            r.put("bytesPerPooledSpan", pooled > 0 ? (double) retained / pooled : Double.NaN);
            r.put("spanDataInstances", (double) spanData[0]);
            r.put("spanDataShallowKilobytes", spanData[1] / 1024.0);
            r.put("spansRecorded", (double) n);
            r.put("exported", (double) pipeline.exportedSpans());
            r.put("maxHeapBytes", (double) Runtime.getRuntime().maxMemory());
        } finally {
            pipeline.close();
        }
        return r;
    }

    /** Used heap after {@value #SETTLE_GCS} full collections. */
    static long settledHeapUsed() throws InterruptedException {
        for (int i = 0; i < SETTLE_GCS; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The instance count and shallow bytes of {@code className} in a class histogram of live objects
     * ({@code DiagnosticCommand gcClassHistogram}, which collects first); {0, 0} if absent, {-1, -1}
     * if the JVM has no such command.
     */
    static long[] histogramLine(String className) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            String histogram = (String) server.invoke(name, "gcClassHistogram", new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
            for (String line : histogram.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                // " num:  #instances  #bytes  class name (module)"
                if (parts.length >= 4 && parts[3].equals(className)) {
                    return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
                }
            }
            return new long[] {0, 0};
        } catch (JMException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
