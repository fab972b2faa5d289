package io.lowalloc.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each end-to-end harness for a fraction of a second per row (each run still a fresh JVM
 * against a sink in another JVM), so that CI keeps them working. Not a performance gate: the
 * assertions are about the accounting and the output, not the figures.
 */
class E2eHarnessSmokeTest {

    private static final List<String> EXPORTING = List.of(E2eRows.SDK_BATCH, E2eRows.LOWALLOC, E2eRows.NATIVE, E2eRows.SDK_POOLED);

    @Test
    void fixedRateLoadAccountsForEverySpanOfEveryRowAndWritesTheTable(@TempDir Path dir) throws Exception {
        RunTable table = FixedRateLoad.run(E2eOptions.parse(new String[] {
            "--rows", "sdkBatch,lowalloc,native,sdkPooled,none", "--runs", "1", "--rate", "5000",
            "--warmup-seconds", "0.2", "--seconds", "0.3", "--out-dir", dir.toString(), "--name", "fixed"},
            FixedRateLoad.defaults()));

        for (String row : EXPORTING) {
            Map<String, Double> run = only(table, row);
            assertThat(run.get("offered")).as(row).isEqualTo(2_500.0);
            assertThat(run.get("windowSpans")).as(row).isEqualTo(1_500.0);
            assertThat(run.get("exported")).as(row).isPositive();
            assertThat(run.get("exported") + run.get("failed") + run.get("dropped")).as(row).isEqualTo(2_500.0);
            assertThat(run.get("sinkSpans")).as(row + ": the sink received what was exported")
                    .isEqualTo(run.get("exported"));
            assertThat(run.get("sinkRequests")).as(row).isPositive();
            assertThat(run.get("sinkBadRequests")).as(row).isZero();
            assertThat(run.get("recordNsPerSpan")).as(row).isPositive();
            assertThat(run.get("producerCpuNsPerSpan")).as(row).isPositive();
            assertThat(run.get("processCpuNsPerSpan")).as(row).isPositive();
            // The native row may measure 0 B/span; the OpenTelemetry exporter rows never do.
            assertThat(run.get("allThreadsBytesPerSpan")).as(row).isNotNegative();
            if (!row.equals(E2eRows.NATIVE)) {
                assertThat(run.get("allThreadsBytesPerSpan")).as(row).isPositive();
            }
            assertThat(run).as(row).containsKeys("producerCpuNsPerSpanNet", "processCpuNsPerSpanNet", "gcCount");
        }
        Map<String, Double> none = only(table, E2eRows.NONE);
        assertThat(none.get("exported")).isZero();
        assertThat(none.get("sinkSpans")).isZero();
        assertThat(none.get("producerCpuNsPerSpanNet")).isZero();
        JsonObject json = readJson(dir.resolve("fixed.json"));
        assertThat(json.getAsJsonObject("summary").keySet()).containsExactly("sdkBatch", "lowalloc", "native", "sdkPooled", "none");
        assertThat(json.getAsJsonArray("runs")).hasSize(5);
        assertThat(json.getAsJsonObject("sinkFinal").get("spans").getAsLong()).isEqualTo(
                EXPORTING.stream().mapToLong(r -> only(table, r).get("sinkSpans").longValue()).sum());
        assertThat(Files.readString(dir.resolve("fixed.md"))).contains("| sdkPooled | 1 |", "| none | 1 |");
    }

    @Test
    void fixedRateLoadRunsTheInProcessRowsWithoutTheSinkAndLosesNothing(@TempDir Path dir) throws Exception {
        RunTable table = FixedRateLoad.run(E2eOptions.parse(new String[] {
            "--rows", String.join(",", E2eRows.READING_ROWS), "--runs", "2", "--rate", "5000",
            "--warmup-seconds", "0.2", "--seconds", "0.3", "--out-dir", dir.toString(), "--name", "fixed-reading"},
            FixedRateLoad.defaults()));

        for (String row : E2eRows.READING_ROWS) {
            assertThat(table.runs(row)).as(row + ": two interleaved runs").hasSize(2);
            for (Map<String, Double> run : table.runs(row)) {
                // 5,000 spans/s is far below any pipeline's worker: every span reaches the exporter.
                assertThat(run.get("exported")).as(row).isEqualTo(2_500.0);
                assertThat(run.get("dropped")).as(row).isZero();
                assertThat(run.get("sinkSpans")).as(row + ": nothing goes to the sink").isZero();
                assertThat(run.get("exportsToSink")).as(row).isZero();
                assertThat(run.get("recordNsPerSpan")).as(row).isPositive();
            }
            double[] spread = table.stats(row, "recordNsPerSpan");
            assertThat(spread[1]).as(row + " min <= median <= max").isLessThanOrEqualTo(spread[0]);
            assertThat(spread[0]).as(row).isLessThanOrEqualTo(spread[2]);
        }
        assertThat(Files.readString(dir.resolve("fixed-reading.md"))).contains("| recorderReading | 2 |", "–");
    }

    @Test
    void sustainedRateSearchesAnInProcessRowWithoutAskingTheSink(@TempDir Path dir) throws Exception {
        RunTable table = SustainedRate.run(E2eOptions.parse(new String[] {
            "--rows", E2eRows.RECORDER_READING, "--start-rate", "2000", "--min-rate", "100", "--max-rate", "4000",
            "--resolution", "0.5", "--probe-warmup-seconds", "0.1", "--probe-seconds", "0.2", "--warmup-seconds", "0.1",
            "--seconds", "0.3", "--out-dir", dir.toString(), "--name", "sustained-reading"}, SustainedRate.defaults()));

        Map<String, Double> result = only(table, E2eRows.RECORDER_READING);
        assertThat(result.get("sustainedRate")).isBetween(100.0, 4_000.0);
        assertThat(result.get("dropped")).isZero();
        assertThat(result.get("exported")).isPositive();
        assertThat(result.get("sinkSpans")).isZero();
    }

    @Test
    void sustainedRateFindsARateThatHeldAndConfirmsIt(@TempDir Path dir) throws Exception {
        RunTable table = SustainedRate.run(E2eOptions.parse(new String[] {
            "--rows", "lowalloc", "--start-rate", "2000", "--min-rate", "100", "--max-rate", "4000", "--resolution", "0.5",
            "--probe-warmup-seconds", "0.1", "--probe-seconds", "0.2", "--warmup-seconds", "0.1", "--seconds", "0.3",
            "--out-dir", dir.toString(), "--name", "sustained"}, SustainedRate.defaults()));

        Map<String, Double> result = only(table, E2eRows.LOWALLOC);
        JsonObject json = readJson(dir.resolve("sustained.json"));
        // A loaded CI machine may hold less than the start rate; the search then halves.
        assertThat(result.get("sustainedRate")).as(json.get("probes").toString()).isBetween(100.0, 4_000.0);
        assertThat(result.get("probes")).isGreaterThanOrEqualTo(2.0);
        assertThat(result.get("dropped")).isZero();
        assertThat(result.get("sinkSpans")).isEqualTo(result.get("exported")).isPositive();
        assertThat(json.getAsJsonArray("probes")).hasSize(result.get("probes").intValue());
    }

    @Test
    void requestLatencyRecordsEveryRequestAndOrderedPercentiles(@TempDir Path dir) throws Exception {
        RunTable table = RequestLatency.run(E2eOptions.parse(new String[] {
            "--rows", "none,lowalloc", "--runs", "1", "--rate", "5000", "--wait", "park",
            "--warmup-seconds", "0.2", "--seconds", "0.3", "--out-dir", dir.toString(), "--name", "latency"},
            RequestLatency.defaults()));

        for (String row : List.of(E2eRows.NONE, E2eRows.LOWALLOC)) {
            Map<String, Double> run = only(table, row);
            assertThat(run.get("requests")).as(row).isEqualTo(1_500.0);
            assertThat(run.get("p50Micros")).as(row).isPositive();
            assertThat(List.of(run.get("p50Micros"), run.get("p90Micros"), run.get("p99Micros"), run.get("p999Micros"),
                    run.get("maxMicros"))).as(row).isSorted();
            assertThat(run.get("clamped")).as(row).isZero();
        }
        Map<String, Double> traced = only(table, E2eRows.LOWALLOC);
        assertThat(traced.get("exported")).isPositive();
        assertThat(traced.get("sinkSpans")).isEqualTo(traced.get("exported"));
        assertThat(traced.get("exported") + traced.get("dropped")).isEqualTo(2_500.0);
        assertThat(only(table, E2eRows.NONE).get("p50MicrosNet")).isCloseTo(0.0, within(1e-9));
        assertThat(Files.readString(dir.resolve("latency.md"))).contains("p99.9 µs", "| lowalloc | 1 |");
    }

    @Test
    void theNativeRowIsTheRecorderWithTheNativeExporterAndADefaultRow() {
        assertThat(E2eRows.create(E2eRows.NATIVE)).isInstanceOf(NativeOtlpRowFactory.class);
        assertThat(E2eRows.create(E2eRows.CLASS_PREFIX + E2eRows.NATIVE_FACTORY_CLASS)).isInstanceOf(NativeOtlpRowFactory.class);
        assertThat(E2eRows.DEFAULT_ROWS).contains(E2eRows.NATIVE);
    }

    @Test
    void rejectsAnUnknownRowBeforeStartingAnything() {
        assertThatThrownBy(() -> FixedRateLoad.run(E2eOptions.parse(new String[] {"--rows", "sdkBatch,fast"},
                FixedRateLoad.defaults())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("row must be one of [sdkBatch, lowalloc, native, sdkPooled, none, sdkBatchReading,"
                        + " lowallocReading, recorderReading]")
                .hasMessageEndingWith("was: fast");
    }

    @Test
    void rejectsAnUnknownOptionAndANonPositiveRate() {
        assertThatThrownBy(() -> E2eOptions.parse(new String[] {"--speed", "1"}, FixedRateLoad.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option: --speed");
        assertThatThrownBy(() -> FixedRateLoad.run(E2eOptions.parse(new String[] {"--rate", "0"},
                FixedRateLoad.defaults())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be > 0, was: 0");
        assertThatThrownBy(() -> RequestLatency.run(E2eOptions.parse(new String[] {"--wait", "sleep"},
                RequestLatency.defaults())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wait must be one of [spin, park], was: sleep");
    }

    @Test
    void defaultsAreTheIssueTables() {
        E2eOptions fixed = E2eOptions.parse(new String[0], FixedRateLoad.defaults());
        E2eOptions latency = E2eOptions.parse(new String[0], RequestLatency.defaults());

        assertThat(fixed.positiveLong("rate")).isEqualTo(100_000L);
        assertThat(fixed.positiveDouble("seconds")).isEqualTo(60.0);
        assertThat(fixed.positiveDouble("warmup-seconds")).isEqualTo(5.0);
        assertThat(fixed.positiveLong("runs")).isEqualTo(5L);
        assertThat(fixed.words("jvm-options")).containsExactly("-Xmx64m", "-XX:+UseG1GC");
        assertThat(fixed.list("rows")).containsExactly("sdkBatch", "lowalloc", "native", "sdkPooled", "none");
        assertThat(latency.positiveLong("rate")).isEqualTo(50_000L);
        assertThat(latency.list("rows")).containsExactly("none", "sdkBatch", "lowalloc", "native");
    }

    private static Map<String, Double> only(RunTable table, String row) {
        assertThat(table.runs(row)).as(row).hasSize(1);
        return table.runs(row).get(0);
    }

    private static JsonObject readJson(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
