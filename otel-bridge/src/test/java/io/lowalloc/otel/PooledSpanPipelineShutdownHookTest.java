package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/** Spans still pending when the JVM exits are exported by the pipeline's shutdown hook (on by default). */
class PooledSpanPipelineShutdownHookTest {

    @Test
    void spansPendingAtExitAreExportedAndTheExporterShutDownByTheHook() throws Exception {
        ForkedJvm.Result run = ForkedJvm.of(PipelineExitMain.class).timeoutSeconds(60).run().assertSucceeded();

        assertThat(run.output()).contains("ENDED 5");
        assertThat(run.output()).as("exported at exit").contains("EXPORTED 5");
        assertThat(run.output()).containsOnlyOnce("SHUTDOWN");
    }

    @Test
    void theBuilderSwitchTurnsTheHookOff() throws Exception {
        ForkedJvm.Result run = ForkedJvm.of(PipelineExitMain.class).timeoutSeconds(60).run("--no-shutdown-hook")
                .assertSucceeded();

        assertThat(run.output()).contains("ENDED 5").doesNotContain("EXPORTED").doesNotContain("SHUTDOWN");
    }
}
