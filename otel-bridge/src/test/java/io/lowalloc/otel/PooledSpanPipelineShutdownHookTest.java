package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/** Spans still pending when the JVM exits are exported by the pipeline's shutdown hook (on by default). */
class PooledSpanPipelineShutdownHookTest {

    /** Runs {@link PipelineExitMain} in a new JVM with {@code args} and returns what it printed. */
    private static String runAndExit(String... args) throws Exception {
        return ForkedJvm.of(PipelineExitMain.class).timeoutSeconds(60).run(args).assertSucceeded().output();
    }

    @Test
    void spansPendingAtExitAreExportedAndTheExporterShutDownByTheHook() throws Exception {
        String output = runAndExit();

        assertThat(output).contains("ENDED 5");
        assertThat(output).as("exported at exit").contains("EXPORTED 5");
        assertThat(output).containsOnlyOnce("SHUTDOWN");
    }

    @Test
    void theBuilderSwitchTurnsTheHookOff() throws Exception {
        String output = runAndExit("--no-shutdown-hook");

        assertThat(output).contains("ENDED 5").doesNotContain("EXPORTED").doesNotContain("SHUTDOWN");
    }
}
