package io.lowalloc.benchmarks.chart;

import io.lowalloc.benchmarks.results.JmhResult;
import io.lowalloc.benchmarks.results.LoadTestReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the SVG charts from a results directory, in either layout: the phase-1 one
 * ({@code benchmarks/results/}) or a dated run's ({@code benchmarks/results/2026-12-02b/}, written by
 * its {@code run-all.sh}):
 * <ul>
 *   <li>{@value #TABLE1} or {@value #POOL} (JMH JSON) → {@code pool-time.svg}, {@code pool-bytes.svg};</li>
 *   <li>{@value #TABLE2}, {@value #SPANS_OVERLOAD} or {@value #SPANS} (JMH JSON, table 2 under overload)
 *       → {@code span-throughput.svg}, {@code span-bytes.svg};</li>
 *   <li>{@value #SPANS_BURST} (table 2 (a)) → {@code span-recording.svg}; {@value #SPANS_BLOCKING} (table 2 (b))
 *       → {@code span-blocking.svg};</li>
 *   <li>{@code table5-gc-*.json} (load test JSON; {@code table5-gc-PIPELINE-runN.json} for repeated runs)
 *       → {@code gc-pauses.svg}, {@code gc-allocation.svg}.</li>
 * </ul>
 * The first existing name of each list is used; missing inputs are skipped. Each chart's note names
 * its source file under {@code benchmarks/}, and {@value #SOURCE_FILE} in the output directory records
 * the results directory the charts were rendered from (relative to {@code benchmarks/}), so that the
 * test can re-render the committed charts from the same results. Usage:
 * {@code ChartMain RESULTS_DIR OUT_DIR}.
 */
public final class ChartMain {

    /** The table 1 single-thread JMH result file name. */
    public static final String TABLE1 = "table1-pool.json";
    /** The table 2 JMH result file name. */
    public static final String TABLE2 = "table2-span-pipeline.json";
    /** A dated run's table 1 single-thread file. */
    public static final String POOL = "pool.json";
    /** A dated run's table 2 (c) overload file. */
    public static final String SPANS_OVERLOAD = "spans-c.json";
    /** The 2026-12-02 run's table 2 file (overload, before the split). */
    public static final String SPANS = "spans.json";
    /** A dated run's table 2 (a) file: producer cost with the worker keeping up. */
    public static final String SPANS_BURST = "spans-a.json";
    /** A dated run's table 2 (b) file: rate with blocking. */
    public static final String SPANS_BLOCKING = "spans-b.json";
    /** The file, in the output directory, that names the results directory the charts came from. */
    public static final String SOURCE_FILE = "SOURCE.txt";
    private static final String GC_NORM = "gc.alloc.rate.norm";

    /** One load-test result and its legend label. */
    private record LoadRun(String label, LoadTestReport report) {
    }

    private ChartMain() {
    }

    /**
     * Renders every chart whose input exists.
     *
     * @param args results directory and output directory
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ChartMain RESULTS_DIR OUT_DIR, was: " + Arrays.toString(args));
        }
        for (Path written : render(Paths.get(args[0]), Paths.get(args[1]))) {
            System.out.println("wrote " + written);
        }
    }

    /**
     * Renders every chart whose input exists.
     *
     * @param results the directory holding the JSON results
     * @param out where to write the SVG files (created if needed)
     * @return the files written
     * @throws IOException if reading or writing fails
     */
    public static List<Path> render(Path results, Path out) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        String source = sourceLabel(results);
        Path t1 = first(results, TABLE1, POOL);
        if (t1 != null) {
            poolCharts(JmhResult.read(t1), source + t1.getFileName(), out, written);
        }
        Path t2 = first(results, TABLE2, SPANS_OVERLOAD, SPANS);
        if (t2 != null) {
            spanCharts(JmhResult.read(t2), source + t2.getFileName(), out, written);
        }
        Path burst = first(results, SPANS_BURST);
        if (burst != null) {
            singleMetricChart(JmhResult.read(burst), "burst", out.resolve("span-recording.svg"),
                    "Span recording, export worker keeping up, 0 drops: producer time (lower is better)", "ns/span",
                    "JMH avgt over bursts of 1,024 spans, waits for the worker untimed; error bars = 99.9% CI. Source: "
                            + source + burst.getFileName(), written);
        }
        Path blocking = first(results, SPANS_BLOCKING);
        if (blocking != null) {
            singleMetricChart(JmhResult.read(blocking), "blockWhenFull", out.resolve("span-blocking.svg"),
                    "Span pipeline rate with the producer blocked when the queue is full, 0 drops (higher is better)",
                    "spans/s", "JMH thrpt, one producer; error bars = 99.9% CI. Source: " + source
                            + blocking.getFileName(), written);
        }
        List<LoadRun> loads = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(results, "table5-gc-*.json")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            // (a), (b), (c), then by run: a pipeline keeps its place in every chart.
            sorted.sort(Comparator.comparing((Path p) -> pipelineName(pipelineOf(p))).thenComparing(Path::toString));
            for (Path p : sorted) {
                LoadTestReport load = LoadTestReport.read(p);
                String file = p.getFileName().toString();
                int run = file.lastIndexOf("-run");
                loads.add(new LoadRun(pipelineName(load.pipeline())
                        + (run < 0 ? "" : ", run " + file.substring(run + 4, file.length() - ".json".length())), load));
            }
        }
        if (!loads.isEmpty()) {
            gcCharts(loads, source, out, written);
        }
        if (!written.isEmpty()) {
            Files.write(out.resolve(SOURCE_FILE), (source.substring(BENCHMARKS.length(), source.length() - 1) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return written;
    }

    private static final String BENCHMARKS = "benchmarks/";

    /**
     * Returns how a chart note names the results directory: {@code benchmarks/} and the path from the
     * last {@code results} element on, with a trailing slash (e.g. {@code benchmarks/results/2026-12-02b/});
     * a directory outside any {@code results} directory is named by its last element.
     *
     * @param results the results directory
     * @return the label, ending in {@code /}
     */
    static String sourceLabel(Path results) {
        Path absolute = results.toAbsolutePath().normalize();
        int from = -1;
        for (int i = 0; i < absolute.getNameCount(); i++) {
            if (absolute.getName(i).toString().equals("results")) {
                from = i;
            }
        }
        if (absolute.getNameCount() == 0) {
            return BENCHMARKS + "results/";
        }
        Path tail = from < 0 ? absolute.getFileName() : absolute.subpath(from, absolute.getNameCount());
        return BENCHMARKS + tail.toString().replace('\\', '/') + "/";
    }

    private static Path first(Path dir, String... names) {
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Returns the display name of a pipeline id.
     *
     * @param id e.g. {@code sdkBatch}
     * @return e.g. {@code (a) SDK + BatchSpanProcessor}
     */
    public static String pipelineName(String id) {
        switch (id) {
            case "sdkBatch":
                return "(a) OTel SDK + BatchSpanProcessor";
            case "sdkPooled":
                // The committed results were measured with the processor's earlier, copying design;
                // relabel (and re-render) when they are measured again with BoundedBatchSpanProcessor.
                return "(b) OTel SDK + PooledBatchSpanProcessor";
            case "lowalloc":
                return "(c) lowalloc core via otel-bridge";
            case "recorder":
                return "(d) lowalloc SpanRecorder, core exporter";
            default:
                return id;
        }
    }

    private static String pipelineOf(Path loadResult) {
        String file = loadResult.getFileName().toString();
        String rest = file.substring("table5-gc-".length(), file.length() - ".json".length());
        int run = rest.indexOf("-run");
        return run < 0 ? rest : rest.substring(0, run);
    }

    private static void poolCharts(List<JmhResult> results, String source, Path out, List<Path> written)
            throws IOException {
        List<String> methods = new ArrayList<>(Arrays.asList(
                "plainAllocation", "objectPool", "nettyRecycler", "commonsPool2", "stormpot"));
        List<String> sizes = new ArrayList<>();
        for (JmhResult r : results) {
            if (!methods.contains(r.method())) {
                methods.add(r.method());
            }
            if (!sizes.contains(r.param("payloadLongs"))) {
                sizes.add(r.param("payloadLongs"));
            }
        }
        List<String> categories = new ArrayList<>();
        for (String m : methods) {
            categories.add(m);
        }
        BarChart time = BarChart.create("Pool acquire + release, one thread (lower is better)", "ns/op")
                .categories(categories);
        BarChart bytes = BarChart.create("Pool acquire + release, one thread: allocation (lower is better)", "B/op")
                .categories(categories);
        for (String size : sizes) {
            double[] t = new double[methods.size()];
            double[] te = new double[methods.size()];
            double[] a = new double[methods.size()];
            double[] ae = new double[methods.size()];
            Arrays.fill(t, Double.NaN);
            Arrays.fill(a, Double.NaN);
            for (JmhResult r : results) {
                if (size.equals(r.param("payloadLongs"))) {
                    int i = methods.indexOf(r.method());
                    t[i] = r.primaryMetric().score();
                    te[i] = r.primaryMetric().scoreError();
                    a[i] = r.secondary(GC_NORM).score();
                    ae[i] = r.secondary(GC_NORM).scoreError();
                }
            }
            time.series("payload " + size + " longs", t, te);
            bytes.series("payload " + size + " longs", a, ae);
        }
        String note = "JMH avgt, error bars = 99.9% CI; B/op = gc.alloc.rate.norm. Source: " + source;
        written.add(write(out.resolve("pool-time.svg"), time.note(note).toSvg()));
        written.add(write(out.resolve("pool-bytes.svg"), bytes.note(note).toSvg()));
    }

    private static void spanCharts(List<JmhResult> results, String source, Path out, List<Path> written)
            throws IOException {
        Map<String, double[][]> byPipeline = new LinkedHashMap<>();
        List<String> methods = Arrays.asList("oneProducer", "twoProducers");
        for (JmhResult r : results) {
            int i = methods.indexOf(r.method());
            if (i < 0) {
                continue;
            }
            double[][] v = byPipeline.computeIfAbsent(r.param("pipeline"), k -> nanRows(4, methods.size()));
            v[0][i] = r.primaryMetric().score();
            v[1][i] = r.primaryMetric().scoreError();
            v[2][i] = r.secondary(GC_NORM).score();
            v[3][i] = r.secondary(GC_NORM).scoreError();
        }
        List<String> categories = Arrays.asList("1 producer thread", "2 producer threads");
        BarChart rate = BarChart.create("Span recording: create + 8 attributes + end + batch export (higher is better)",
                "spans/s").categories(categories);
        BarChart bytes = BarChart.create("Span recording: bytes allocated per span, all threads (lower is better)",
                "B/span").categories(categories);
        for (Map.Entry<String, double[][]> e : byPipeline.entrySet()) {
            rate.series(pipelineName(e.getKey()), e.getValue()[0], e.getValue()[1]);
            bytes.series(pipelineName(e.getKey()), e.getValue()[2], e.getValue()[3]);
        }
        String note = "JMH thrpt, error bars = 99.9% CI; B/span = gc.alloc.rate.norm. Source: " + source;
        written.add(write(out.resolve("span-throughput.svg"), rate.note(note).toSvg()));
        written.add(write(out.resolve("span-bytes.svg"), bytes.note(note).toSvg()));
    }

    private static void gcCharts(List<LoadRun> loads, String sourceDir, Path out, List<Path> written)
            throws IOException {
        boolean fromLog = true;
        for (LoadRun l : loads) {
            fromLog &= l.report().hasGcLog();
        }
        List<String> categories = Arrays.asList("average pause", "p99 pause", "max pause");
        BarChart pauses = BarChart.create("GC pauses under a fixed span rate, G1 (lower is better)", "ms")
                .categories(categories);
        BarChart alloc = BarChart.create("Allocation and GC frequency under a fixed span rate, G1 (lower is better)",
                "MB/s  |  GCs/s x 100").categories(Arrays.asList("allocation MB/s", "GCs per second x 100"));
        String rate = "";
        for (LoadRun run : loads) {
            LoadTestReport l = run.report();
            rate = String.format(Locale.ROOT, "%d spans/s for %.0f s, heap %d MB",
                    l.targetRate(), l.seconds(), l.maxHeapBytes() >> 20);
            if (fromLog) {
                pauses.series(run.label(), new double[] {
                    orNaN(l.gcLogAvgPauseMs()), orNaN(l.gcLogP99PauseMs()), orNaN(l.gcLogMaxPauseMs())}, null);
            } else {
                pauses.series(run.label(), new double[] {l.avgPauseMs(), l.p99PauseMs(), l.maxPauseMs()}, null);
            }
            alloc.series(run.label(), new double[] {l.allocMBPerSecond(), l.gcPerSecond() * 100}, null);
        }
        String source = fromLog ? "pause durations from the JVM GC log (-Xlog:gc)" : "pause durations from GcMonitor (whole ms)";
        written.add(write(out.resolve("gc-pauses.svg"),
                pauses.note(rate + "; " + source + ". Source: " + sourceDir + "table5-gc-*.json").toSvg()));
        written.add(write(out.resolve("gc-allocation.svg"),
                alloc.note(rate + ". Source: " + sourceDir + "table5-gc-*.json").toSvg()));
    }

    /**
     * One bar per pipeline: {@code method}'s primary score with its error, in one category. The bytes
     * per span stay in the tables: one axis for two units would mislead.
     */
    private static void singleMetricChart(List<JmhResult> results, String method, Path file, String title,
            String unit, String note, List<Path> written) throws IOException {
        BarChart chart = BarChart.create(title, unit).categories(Arrays.asList(method));
        boolean any = false;
        for (JmhResult r : results) {
            if (method.equals(r.method())) {
                chart.series(pipelineName(r.param("pipeline")), new double[] {r.primaryMetric().score()},
                        new double[] {r.primaryMetric().scoreError()});
                any = true;
            }
        }
        if (any) {
            written.add(write(file, chart.note(note).toSvg()));
        }
    }

    private static double[][] nanRows(int rows, int columns) {
        double[][] v = new double[rows][columns];
        for (double[] row : v) {
            Arrays.fill(row, Double.NaN);
        }
        return v;
    }

    /** A file that has some {@code gcLog*} fields but not this one: no bar, as for any missing value. */
    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static Path write(Path file, String svg) throws IOException {
        Files.write(file, svg.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
