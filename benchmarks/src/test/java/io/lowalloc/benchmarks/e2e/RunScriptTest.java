package io.lowalloc.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.benchmarks.load.LoadTestConfig;
import io.lowalloc.benchmarks.span.SpanPipelines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed run script of the issue-10 tables parses with the harnesses' own option parsers and
 * asks for what the issue asks (so a renamed option or row fails here, not an hour into the lead's
 * run): 5 × 60 s latency runs, a 60 s sustained confirming window, ≥ 5 fixed-rate runs, 60 s table-5
 * windows with tenuring, two forks for the table 2 rows.
 */
class RunScriptTest {

    private static final Path SCRIPT = Paths.get("results", "2026-12-02b", "run-all.sh");

    @Test
    void everyHarnessCommandParsesAndAsksForTheIssuesRepetitions() throws Exception {
        Map<String, List<E2eOptions>> byHarness = new LinkedHashMap<>();
        for (String line : commands()) {
            int at = line.indexOf("$E.e2e.");
            if (at < 0) {
                continue;
            }
            String[] words = line.substring(at + "$E.e2e.".length()).trim().split("\\s+");
            String harness = words[0];
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            Map<String, String> defaults = switch (harness) {
                case "FixedRateLoad" -> FixedRateLoad.defaults();
                case "SustainedRate" -> SustainedRate.defaults();
                case "RequestLatency" -> RequestLatency.defaults();
                case "IdleFootprint" -> IdleFootprint.defaults();
                default -> throw new AssertionError("unknown harness in the script: " + harness);
            };
            E2eOptions options = E2eOptions.parse(args, defaults);
            if (harness.equals("IdleFootprint")) {
                options.list("rows").forEach(row -> SpanPipelines.create(row).close());
            } else {
                options.list("rows").forEach(E2eRows::create);
            }
            byHarness.computeIfAbsent(harness, h -> new ArrayList<>()).add(options);
        }

        assertThat(byHarness.keySet()).containsExactly("FixedRateLoad", "SustainedRate", "RequestLatency",
                "IdleFootprint");
        E2eOptions latency = byHarness.get("RequestLatency").get(0);
        assertThat(latency.positiveLong("runs")).isEqualTo(5);
        assertThat(latency.positiveDouble("seconds")).isEqualTo(60.0);
        E2eOptions fixed = byHarness.get("FixedRateLoad").get(0);
        assertThat(fixed.positiveLong("runs")).isGreaterThanOrEqualTo(5);
        assertThat(fixed.positiveLong("rate")).isEqualTo(100_000);
        assertThat(fixed.list("rows")).containsAll(E2eRows.READING_ROWS).contains(E2eRows.NONE);
        List<String> sustainedRows = new ArrayList<>();
        for (E2eOptions sustained : byHarness.get("SustainedRate")) {
            assertThat(sustained.positiveDouble("seconds")).as("confirming window").isEqualTo(60.0);
            sustainedRows.addAll(sustained.list("rows"));
        }
        assertThat(sustainedRows).containsAll(E2eRows.READING_ROWS).contains(E2eRows.SDK_BATCH, E2eRows.NATIVE);
    }

    @Test
    void tableFiveRunsSixtySecondsAfterTenuringAndTableTwoRunsTwoForks() throws Exception {
        List<String> lines = commands();
        List<String> table5 = lines.stream().filter(l -> l.contains("load.GcLoadTest")).toList();
        assertThat(table5).hasSize(1);
        String line = table5.get(0);
        String[] args = line.substring(line.indexOf("GcLoadTest") + "GcLoadTest".length()).trim()
                .replace("$p", SpanPipelines.SDK_BATCH).split("\\s+");
        LoadTestConfig config = LoadTestConfig.parse(args);
        assertThat(config.seconds()).isEqualTo(60.0);
        assertThat(config.tenureGcs()).isGreaterThanOrEqualTo(2);
        assertThat(line).contains("-Xms256m -Xmx256m", "-Xlog:gc:file=");
        assertThat(lines).anyMatch(l -> l.startsWith("for p in sdkBatch lowalloc"));

        assertThat(lines).anyMatch(l -> l.matches("H=\"-f 2 .*\""));
        for (String table : List.of("SpanBurstBenchmark", "SpanBlockingBenchmark", "SpanPipelineBenchmark")) {
            assertThat(lines).as(table).anyMatch(l -> l.contains("'" + table + "' $H "));
        }
    }

    /** The script's lines, continuation lines joined, comments dropped. */
    private static List<String> commands() throws Exception {
        String text = Files.readString(SCRIPT, StandardCharsets.UTF_8).replace("\\\n", " ");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed);
            }
        }
        return lines;
    }
}
