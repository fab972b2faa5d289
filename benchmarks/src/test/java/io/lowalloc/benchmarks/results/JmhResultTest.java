package io.lowalloc.benchmarks.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JmhResultTest {

    /** The committed results of the last full run (surefire runs in the module directory). */
    private static final Path RESULTS = Paths.get("results");

    @Test
    void readsACommittedJmhFile() throws Exception {
        List<JmhResult> results = JmhResult.read(RESULTS.resolve("table1-pool.json"));

        assertThat(results).hasSize(10);
        JmhResult first = results.get(0);
        assertThat(first.benchmark()).isEqualTo("io.lowalloc.benchmarks.pool.PoolBenchmark.commonsPool2");
        assertThat(first.method()).isEqualTo("commonsPool2");
        assertThat(first.mode()).isEqualTo("avgt");
        assertThat(first.threads()).isEqualTo(1);
        assertThat(first.params()).containsExactly(org.assertj.core.api.Assertions.entry("payloadLongs", "8"));
        assertThat(first.primaryMetric())
                .isEqualTo(new JmhResult.Metric(532.3139361322876, 95.79347416185827, "ns/op"));
        assertThat(first.secondary("gc.alloc.rate.norm"))
                .isEqualTo(new JmhResult.Metric(96.00712218952036, 0.03396074755485756, "B/op"));
        assertThat(first.secondaryMetrics()).containsOnlyKeys("gc.alloc.rate", "gc.alloc.rate.norm", "gc.count", "gc.time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"table1-pool.json", "table1-pool-crossthread.json", "table2-span-pipeline.json",
        "table3-attributes.json", "table4-batching.json"})
    void readsEveryCommittedJmhFileWithItsAllocationMetric(String file) throws Exception {
        List<JmhResult> results = JmhResult.read(RESULTS.resolve(file));

        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.benchmark()).startsWith("io.lowalloc.benchmarks.");
            assertThat(r.mode()).isIn("thrpt", "avgt");
            assertThat(r.primaryMetric().score()).isPositive();
            assertThat(r.secondary("gc.alloc.rate.norm").scoreUnit()).isEqualTo("B/op");
        });
    }

    @Test
    void readsJmhsNaNStringAsNaN() throws Exception {
        // The cross-thread groups have sub-metrics and a gc.count whose error JMH could not compute.
        JmhResult first = JmhResult.read(RESULTS.resolve("table1-pool-crossthread.json")).get(0);

        assertThat(first.secondary("gc.count").scoreError()).isNaN();
        assertThat(JmhResult.parse("[{\"benchmark\": \"a.B.c\", \"primaryMetric\": {\"score\": \"Infinity\","
                + " \"scoreError\": \"NaN\", \"scoreUnit\": \"ops/s\"}}]").get(0).primaryMetric())
                .isEqualTo(new JmhResult.Metric(Double.POSITIVE_INFINITY, Double.NaN, "ops/s"));
    }

    @Test
    void absentPartsReadAsEmptyOrNaN() {
        JmhResult r = JmhResult.parse("[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\", \"threads\": 2}]").get(0);

        assertThat(r.method()).isEqualTo("c");
        assertThat(r.params()).isEmpty();
        assertThat(r.param("size")).isNull();
        assertThat(r.primaryMetric()).isSameAs(JmhResult.Metric.ABSENT);
        assertThat(r.secondary("gc.alloc.rate.norm").score()).isNaN();
        assertThat(r.secondaryMetrics()).isEmpty();
    }

    @Test
    void mapsAreUnmodifiable() {
        JmhResult r = JmhResult.parse("[{\"benchmark\": \"a.B.c\", \"params\": {\"size\": \"8\"}}]").get(0);

        assertThatThrownBy(() -> r.params().put("size", "64")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.secondaryMetrics().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"benchmark\": \"a.B.c\",}]",
        "[] x",
        "{\"benchmark\": \"a.B.c\"}",
        // Strict JSON: a bare NaN is not a number; only JMH's quoted form is.
        "[{\"primaryMetric\": {\"score\": NaN}}]"})
    void rejectsInvalidJson(String json) {
        assertThatThrownBy(() -> JmhResult.parse(json)).isInstanceOf(JsonParseException.class);
    }

    @Test
    void rejectsAnEmptyText() {
        assertThatThrownBy(() -> JmhResult.parse("")).isInstanceOf(JsonParseException.class).hasMessage("no JSON value");
    }

    @Test
    void rejectsAStringForANumberUnlessItIsANonFiniteValue() {
        assertThatThrownBy(() -> JmhResult.parse("[{\"primaryMetric\": {\"score\": \"fast\"}}]"))
                .isInstanceOf(JsonParseException.class)
                .hasMessage("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\" at $[0].primaryMetric.score,"
                        + " was: \"fast\"");
    }

    @Test
    void readNamesTheFileThatIsNotValidJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.write(file, "[{\"benchmark\": ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> JmhResult.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("invalid JSON in " + file + ": ")
                .hasCauseInstanceOf(JsonParseException.class);
    }
}
