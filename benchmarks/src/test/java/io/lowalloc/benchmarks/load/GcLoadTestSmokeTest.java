package io.lowalloc.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lowalloc.benchmarks.results.LoadTestReport;
import io.lowalloc.benchmarks.span.SpanPipelines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GcLoadTestSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {SpanPipelines.SDK_BATCH, SpanPipelines.SDK_POOLED, SpanPipelines.LOWALLOC,
        SpanPipelines.RECORDER})
    void runsAtTheTargetRateAndWritesJson(String pipeline, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("result.json");

        GcLoadTest.main(new String[] {
            "--pipeline", pipeline, "--rate", "20000", "--seconds", "0.5", "--warmup-seconds", "0.2",
            "--out", out.toString()});

        LoadTestReport report = LoadTestReport.read(out);
        assertThat(report.pipeline()).isEqualTo(pipeline);
        assertThat(report.spans()).isBetween(5_000L, 11_000L);
        assertThat(report.exported() + report.dropped()).isEqualTo(report.spans());
        assertThat(report.achievedRate()).isBetween(10_000.0, 22_000.0);
        assertThat(report.allocatedBytes()).isPositive();
        assertThat(report.hasGcLog()).isFalse();
        JsonObject json = JsonParser.parseString(
                new String(Files.readAllBytes(out), StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.keySet()).contains("gcCount", "gcPerSecond", "avgPauseMs", "p99PauseMs", "maxPauseMs")
                .doesNotContain("gcLogAvgPauseMs");
    }

    @ParameterizedTest
    @ValueSource(strings = {SpanPipelines.SDK_BATCH, SpanPipelines.LOWALLOC})
    void aFairStartTenuresWhatThePipelineKeepsAndSaysWhetherThePoolGrew(String pipeline, @TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("fair.json");

        GcLoadTest.main(new String[] {
            "--pipeline", pipeline, "--rate", "20000", "--seconds", "0.3", "--warmup-seconds", "0.3",
            "--tenure-gcs", "2", "--out", out.toString()});

        JsonObject json = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("tenureGcs").getAsDouble()).isEqualTo(2.0);
        assertThat(json.get("oldGenUsedBytesAtStart").getAsDouble()).as("old generation after the full GCs").isPositive();
        assertThat(json.get("pausesBelow100").getAsDouble()).isEqualTo(1.0);
        if (pipeline.equals(SpanPipelines.SDK_BATCH)) {
            assertThat(json.get("poolCreatedInWindow").getAsDouble()).as("the SDK has no pool").isEqualTo(-1.0);
        } else {
            assertThat(json.get("poolCreatedAtStart").getAsDouble()).as("warm-up filled the pool").isPositive();
            assertThat(json.get("poolIdleAtStart").getAsDouble()).isPositive();
            assertThat(json.get("poolCreatedInWindow").getAsDouble()).isNotNegative();
        }
        // The committed report type still reads the file.
        assertThat(LoadTestReport.read(out).pipeline()).isEqualTo(pipeline);
    }

    @Test
    void rejectsATenureCountOutOfRange() {
        assertThatThrownBy(() -> LoadTestConfig.parse(new String[] {"--tenure-gcs", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenure-gcs must be in [1, 10], was: 0");
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThatThrownBy(() -> LoadTestConfig.parse(new String[] {"--speed", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option: --speed");
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> LoadTestConfig.parse(new String[] {"--rate", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be > 0, was: 0");
    }

    @Test
    void rejectsAMissingValue() {
        assertThatThrownBy(() -> LoadTestConfig.parse(new String[] {"--seconds"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --seconds needs a value");
    }

    @Test
    void defaultsToTwoHundredThousandSpansPerSecondForTwentySeconds() {
        LoadTestConfig config = LoadTestConfig.parse(new String[0]);

        assertThat(config.rate()).isEqualTo(200_000L);
        assertThat(config.seconds()).isEqualTo(20.0);
        assertThat(config.pipeline()).isEqualTo(SpanPipelines.SDK_BATCH);
    }

    @Test
    void readsPausesInsideTheWindowFromAGcLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.write(log, String.join("\n",
                "[0.010s] Using G1",
                "[1.000s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->3M(256M) 9.000ms",
                "[2.500s] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 25M->3M(256M) 1.500ms",
                "[3.000s] GC(2) Pause Remark 20M->20M(256M) 0.500ms",
                "[9.000s] GC(3) Pause Full (System.gc()) 20M->2M(256M) 30.000ms").getBytes(StandardCharsets.UTF_8));

        GcLogPauses pauses = GcLogPauses.read(log, 2.0, 8.0);

        assertThat(pauses.count()).isEqualTo(2);
        assertThat(pauses.averageMillis()).isEqualTo(1.0);
        assertThat(pauses.maxMillis()).isEqualTo(1.5);
        assertThat(pauses.p99Millis()).isEqualTo(1.5);
        assertThat(pauses.totalMillis()).isEqualTo(2.0);
    }
}
