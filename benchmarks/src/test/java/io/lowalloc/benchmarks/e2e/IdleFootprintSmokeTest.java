package io.lowalloc.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the idle-footprint harness for a fraction of a second per row; about the output, not the figures. */
class IdleFootprintSmokeTest {

    @Test
    void measuresWhatEachPipelineKeepsOnceIdleAndHowManySpansItsPoolHolds(@TempDir Path dir) throws Exception {
        RunTable table = IdleFootprint.run(E2eOptions.parse(new String[] {
            "--rows", "sdkBatch,recorder", "--runs", "1", "--load-seconds", "0.3", "--idle-seconds", "0.1",
            "--out-dir", dir.toString(), "--name", "footprint"}, IdleFootprint.defaults()));

        Map<String, Double> sdk = table.runs("sdkBatch").get(0);
        Map<String, Double> recorder = table.runs("recorder").get(0);
        assertThat(sdk.get("pooledSpans")).as("the SDK has no pool").isEqualTo(-1.0);
        assertThat(sdk.get("spansRecorded")).isPositive();
        assertThat(recorder.get("pooledSpans")).as("the warm-up filled the pool").isPositive();
        assertThat(recorder.get("pooledSpans")).isLessThanOrEqualTo(recorder.get("poolCreated"));
        // The pool's spans are live in the idle pipeline: the histogram sees at least those.
        assertThat(recorder.get("spanDataInstances")).isGreaterThanOrEqualTo(recorder.get("pooledSpans"));
        assertThat(recorder.get("retainedBytes")).as("the pooled spans are retained heap")
                .isGreaterThan(recorder.get("spanDataShallowKilobytes") * 1024);
        assertThat(recorder.get("bytesPerPooledSpan")).isPositive();
        assertThat(Files.readString(dir.resolve("footprint.md"))).contains("| recorder | 1 |", "B per pooled span");
    }

    @Test
    void rejectsAnUnknownRowBeforeStartingAJvm() {
        assertThatThrownBy(() -> IdleFootprint.run(E2eOptions.parse(new String[] {"--rows", "fast"},
                IdleFootprint.defaults())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("was: fast");
    }
}
