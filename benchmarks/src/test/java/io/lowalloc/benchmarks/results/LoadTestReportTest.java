package io.lowalloc.benchmarks.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadTestReportTest {

    private static LoadTestReport report(Double gcLogAvg, String jvmArgs) {
        return new LoadTestReport("lowalloc", 200_000L, 20.0, 5.0, 4_000_000L, 3_999_000L, 1_000L, 7_812L,
                199_998.851, 704_493_064L, 35.225, 176.124, 0.0, 5L, 0.25, 2.4, 4L, 4L, 12L,
                gcLogAvg == null ? null : 5, gcLogAvg, gcLogAvg == null ? null : 4.007,
                gcLogAvg == null ? null : 4.007, gcLogAvg == null ? null : 12.158,
                "G1 Young Generation,G1 Old Generation", 268_435_456L, 2, "OpenJDK 64-Bit Server VM 17.0.15", jvmArgs);
    }

    @Test
    void rewritesEveryCommittedLoadTestFileByteForByte() throws Exception {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Paths.get("results"), "table5-gc-*.json")) {
            dir.forEach(files::add);
        }

        assertThat(files).hasSize(6);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            LoadTestReport report = LoadTestReport.read(file);
            assertThat(report.hasGcLog()).as(file.toString()).isTrue();
            assertThat(report.toJson()).as(file.toString()).isEqualTo(text);
        }
    }

    @Test
    void roundTripsARecord() {
        LoadTestReport report = report(2.432, "-Xmx256m -Xlog:gc:file=\"gc log.txt\":uptime \\x");

        String json = report.toJson();

        assertThat(LoadTestReport.fromJson(json)).isEqualTo(report);
        assertThat(json).startsWith("{\n  \"pipeline\": \"lowalloc\",\n  \"targetRate\": 200000,\n  \"seconds\": 20.000,\n")
                .contains("\n  \"gcLogAvgPauseMs\": 2.432,\n")
                .endsWith("\n  \"jvmArgs\": \"-Xmx256m -Xlog:gc:file=\\\"gc log.txt\\\":uptime \\\\x\"\n}\n");
    }

    @Test
    void leavesTheGcLogFieldsOutWithoutAGcLog() {
        LoadTestReport report = report(null, "");

        String json = report.toJson();

        assertThat(JsonParser.parseString(json).getAsJsonObject().keySet())
                .doesNotContain("gcLogPauseCount", "gcLogAvgPauseMs", "gcLogP99PauseMs", "gcLogMaxPauseMs",
                        "gcLogTotalPauseMs")
                .contains("totalPauseMs", "collectors");
        LoadTestReport read = LoadTestReport.fromJson(json);
        assertThat(read.hasGcLog()).isFalse();
        assertThat(read).isEqualTo(report);
    }

    @Test
    void writesNonFiniteDoublesAsJmhsStrings() {
        LoadTestReport report = new LoadTestReport("sdkBatch", 1L, 0.0, 0.0, 0L, 0L, 0L, 0L, Double.NaN, 0L,
                Double.POSITIVE_INFINITY, 0.0, 0.0, 0L, Double.NEGATIVE_INFINITY, 0.0, 0L, 0L, 0L,
                null, null, null, null, null, "", 0L, 1, "", "");

        String json = report.toJson();

        assertThat(json).contains("\"achievedRate\": \"NaN\"", "\"allocMBPerSecond\": \"Infinity\"",
                "\"gcPerSecond\": \"-Infinity\"");
        assertThat(LoadTestReport.fromJson(json)).isEqualTo(report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pipeline\": \"lowalloc\",}", "{\"pipeline\": \"lowalloc\"} {}", "{\"spans\": \"many\"}",
        "[]", ""})
    void rejectsInvalidJson(String json) {
        assertThatThrownBy(() -> LoadTestReport.fromJson(json)).isInstanceOf(JsonParseException.class);
    }

    @Test
    void readNamesAMissingFile() {
        Path missing = Paths.get("results", "no-such-file.json");

        assertThatThrownBy(() -> LoadTestReport.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-file.json");
    }
}
