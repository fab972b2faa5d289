package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.testing.ForkedJvm;
import io.lowalloc.core.testing.RecordingExporter;
import org.junit.jupiter.api.Test;

/**
 * Spans still pending when the JVM exits: the recorder's shutdown hook (on by default) closes it
 * within a bounded time, so they are exported, and logs what it could not deliver.
 */
class SpanRecorderShutdownHookTest {

    /** Runs {@link RecorderExitMain} in a new JVM with {@code args} and returns what it printed. */
    private static String runAndExit(String... args) throws Exception {
        return ForkedJvm.of(RecorderExitMain.class).timeoutSeconds(60).run(args).assertSucceeded().output();
    }

    @Test
    void spansPendingAtExitAreExportedByTheShutdownHook() throws Exception {
        String output = runAndExit();

        assertThat(output).contains("ENDED 5");
        assertThat(output).as("exported at exit").contains("EXPORTED 5");
    }

    @Test
    void withoutTheShutdownHookPendingSpansAreLostAtExit() throws Exception {
        String output = runAndExit("--no-shutdown-hook");

        assertThat(output).contains("ENDED 5").doesNotContain("EXPORTED");
    }

    @Test
    void theShutdownHookLogsWhatItCouldNotDeliver() throws Exception {
        String output = runAndExit("--failing");

        assertThat(output).contains("EXPORTED 5");
        assertThat(output).as("the hook's report").contains("SpanRecorder shutdown hook", "5 spans not delivered");
    }

    @Test
    void closeRemovesTheShutdownHookAndTheSwitchTurnsItOff() {
        BatchExporter<SpanData> exporter = RecordingExporter.succeeding();
        SpanRecorder recorder = SpanRecorder.create(exporter);
        Thread hook = recorder.shutdownHook();
        assertThat(hook).isNotNull();
        assertThat(hook.getName()).isEqualTo(SpanRecorder.DEFAULT_WORKER_THREAD_NAME + "-shutdown-hook");
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("registered").isTrue();
        Runtime.getRuntime().addShutdownHook(hook);

        recorder.close();

        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("removed by close").isFalse();
        assertThat(hook.isAlive()).isFalse();
        SpanRecorder without = SpanRecorder.builder().setShutdownHook(false).build(exporter);
        assertThat(without.shutdownHook()).isNull();
        without.close();
    }
}
