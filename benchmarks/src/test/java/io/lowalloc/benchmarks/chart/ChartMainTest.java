package io.lowalloc.benchmarks.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartMainTest {

    private static final String TABLE2 = "[\n"
            + result("oneProducer", 1, "sdkBatch", 600000, 50000, 968.5)
            + ",\n" + result("twoProducers", 2, "sdkBatch", 700000, "\"NaN\"", 970.1)
            + ",\n" + result("oneProducer", 1, "lowalloc", 2500000, 90000, 0.4)
            + "\n]";

    private static String result(String method, int threads, String pipeline, double score, Object error, double norm) {
        return "{\"benchmark\": \"io.lowalloc.benchmarks.span.SpanPipelineBenchmark." + method + "\", "
                + "\"threads\": " + threads + ", \"params\": {\"pipeline\": \"" + pipeline + "\"}, "
                + "\"primaryMetric\": {\"score\": " + score + ", \"scoreError\": " + error
                + ", \"scoreUnit\": \"ops/s\"}, "
                + "\"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": " + norm
                + ", \"scoreError\": 1.5, \"scoreUnit\": \"B/op\"}}}";
    }

    @Test
    void rendersSpanChartsFromJmhJson(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.write(results.resolve(ChartMain.TABLE2), TABLE2.getBytes(StandardCharsets.UTF_8));

        List<Path> written = ChartMain.render(results, dir.resolve("svg"));

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("span-throughput.svg", "span-bytes.svg");
        String bytes = new String(Files.readAllBytes(dir.resolve("svg/span-bytes.svg")), StandardCharsets.UTF_8);
        assertThat(bytes).startsWith("<svg ").endsWith("</svg>\n")
                .contains("(a) OTel SDK + BatchSpanProcessor", "(c) lowalloc core via otel-bridge", ">969<", ">0.40<");
        String rate = new String(Files.readAllBytes(dir.resolve("svg/span-throughput.svg")), StandardCharsets.UTF_8);
        assertThat(rate).contains(">600k<", ">700k<", ">2.50M<");
    }

    @Test
    void rendersGcChartsFromLoadTestJson(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.write(results.resolve("table5-gc-sdkBatch.json"), ("{\"pipeline\": \"sdkBatch\", \"targetRate\": 200000,"
                + " \"seconds\": 20.0, \"maxHeapBytes\": 268435456, \"allocMBPerSecond\": 190.5, \"gcPerSecond\": 1.25,"
                + " \"avgPauseMs\": 2.5, \"p99PauseMs\": 4, \"maxPauseMs\": 5}").getBytes(StandardCharsets.UTF_8));

        List<Path> written = ChartMain.render(results, dir.resolve("svg"));

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("gc-pauses.svg", "gc-allocation.svg");
        String pauses = new String(Files.readAllBytes(dir.resolve("svg/gc-pauses.svg")), StandardCharsets.UTF_8);
        assertThat(pauses).contains(">2.5<", ">4<", ">5<", "from GcMonitor (whole ms)", "heap 256 MB");
        String alloc = new String(Files.readAllBytes(dir.resolve("svg/gc-allocation.svg")), StandardCharsets.UTF_8);
        assertThat(alloc).contains(">191<", ">125<");
    }

    @Test
    void rendersNothingForAnEmptyResultsDirectory(@TempDir Path dir) throws Exception {
        assertThat(ChartMain.render(dir, dir.resolve("svg"))).isEmpty();
    }

    @Test
    void rendersTheCommittedChartsFromTheResultsTheyWereBuiltFrom(@TempDir Path dir) throws Exception {
        // Surefire runs in the module directory. charts/SOURCE.txt names the results directory the committed
        // charts were rendered from (ChartMain writes it), so this holds for whichever run they show.
        Path charts = Paths.get("charts");
        String source = Files.readString(charts.resolve(ChartMain.SOURCE_FILE), StandardCharsets.UTF_8).trim();
        assertThat(Paths.get(source)).as("results directory named by charts/SOURCE.txt").isDirectory();

        List<Path> written = ChartMain.render(Paths.get(source), dir);

        Set<String> committed;
        try (Stream<Path> files = Files.list(charts)) {
            committed = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg"))
                    .collect(Collectors.toSet());
        }
        assertThat(written).extracting(p -> p.getFileName().toString()).as("every committed chart, and no other")
                .containsExactlyInAnyOrderElementsOf(committed);
        for (Path svg : written) {
            assertThat(svg).as(svg.getFileName().toString()).hasSameBinaryContentAs(charts.resolve(svg.getFileName()));
        }
        assertThat(dir.resolve(ChartMain.SOURCE_FILE)).hasSameTextualContentAs(charts.resolve(ChartMain.SOURCE_FILE));
    }

    @Test
    void rendersADatedRunsLayoutAndNamesItsDirectoryInEveryNote(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("benchmarks/results/2026-12-02b"));
        Files.write(results.resolve(ChartMain.SPANS_OVERLOAD), TABLE2.getBytes(StandardCharsets.UTF_8));
        Files.write(results.resolve(ChartMain.SPANS_BURST), ("[\n" + jmh("SpanBurstBenchmark.burst", "sdkBatch", 625, "ns/op")
                + ",\n" + jmh("SpanBurstBenchmark.burst", "recorder", 192, "ns/op") + "\n]").getBytes(StandardCharsets.UTF_8));
        Files.write(results.resolve(ChartMain.SPANS_BLOCKING), ("[\n"
                + jmh("SpanBlockingBenchmark.blockWhenFull", "lowalloc", 810000, "ops/s") + "\n]")
                .getBytes(StandardCharsets.UTF_8));

        List<Path> written = ChartMain.render(results, dir.resolve("svg"));

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("span-throughput.svg", "span-bytes.svg", "span-recording.svg", "span-blocking.svg");
        String recording = Files.readString(dir.resolve("svg/span-recording.svg"), StandardCharsets.UTF_8);
        assertThat(recording).contains(">625<", ">192<", "(d) lowalloc SpanRecorder, core exporter",
                "Source: benchmarks/results/2026-12-02b/spans-a.json");
        assertThat(Files.readString(dir.resolve("svg/span-blocking.svg"), StandardCharsets.UTF_8))
                .contains(">810k<", "Source: benchmarks/results/2026-12-02b/spans-b.json");
        assertThat(Files.readString(dir.resolve("svg/span-bytes.svg"), StandardCharsets.UTF_8))
                .contains("Source: benchmarks/results/2026-12-02b/spans-c.json");
        assertThat(Files.readString(dir.resolve("svg").resolve(ChartMain.SOURCE_FILE), StandardCharsets.UTF_8))
                .isEqualTo("results/2026-12-02b\n");
    }

    @Test
    void namesTheResultsDirectoryFromItsLastResultsElement() {
        assertThat(ChartMain.sourceLabel(Paths.get("results"))).isEqualTo("benchmarks/results/");
        assertThat(ChartMain.sourceLabel(Paths.get("/x/benchmarks/results/2026-12-02b"))).isEqualTo(
                "benchmarks/results/2026-12-02b/");
        assertThat(ChartMain.sourceLabel(Paths.get("/tmp/runs"))).isEqualTo("benchmarks/runs/");
    }

    private static String jmh(String benchmark, String pipeline, double score, String unit) {
        return "{\"benchmark\": \"io.lowalloc.benchmarks.span." + benchmark + "\", \"threads\": 1, "
                + "\"params\": {\"pipeline\": \"" + pipeline + "\"}, \"primaryMetric\": {\"score\": " + score
                + ", \"scoreError\": 10, \"scoreUnit\": \"" + unit + "\"}, \"secondaryMetrics\": {}}";
    }

    @Test
    void picksNiceAxisSteps() {
        assertThat(BarChart.niceStep(0.7)).isEqualTo(1.0);
        assertThat(BarChart.niceStep(180)).isEqualTo(200.0);
        assertThat(BarChart.niceStep(2300)).isEqualTo(2500.0);
        assertThat(BarChart.niceStep(4100)).isEqualTo(5000.0);
    }
}
