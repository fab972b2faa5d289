package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.RecordingExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The once-per-batch completion hook: same items, same point as the per-item hook, one call per batch. */
class BatchCompletionHookTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<String> items = new CopyOnWriteArrayList<>();

    @Test
    void batchHookGetsEachSettledBatchOnceInQueueOrder() {
        BatchBuffer.Builder<String> builder = BatchBuffer.builder(RecordingExporter.<String>succeeding())
                .setMaxQueueSize(16).setMaxExportBatchSize(3).setScheduleDelay(1, TimeUnit.HOURS)
                .setCompletionHook(items::add)
                .setBatchCompletionHook(batch -> batches.add(new ArrayList<>(batch)));
        try (BatchBuffer<String> buffer = buffers.build(builder)) {
            for (String s : List.of("a", "b", "c", "d", "e")) {
                assertThat(buffer.offer(s)).isTrue();
            }
            assertThat(buffer.flush()).isTrue();

            assertThat(batches).containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
            assertThat(items).as("replaced by the batch hook").isEmpty();
            assertThat(buffer.stats().exported()).isEqualTo(5);
        }
    }

    @Test
    void failedBatchesReachTheBatchHookToo() {
        RecordingExporter<String> exporter = new RecordingExporter<>(
                call -> call == 0 ? RecordingExporter.Outcome.FAIL : RecordingExporter.Outcome.SUCCEED);
        BatchBuffer.Builder<String> builder = BatchBuffer.builder(exporter).setScheduleDelay(1, TimeUnit.HOURS)
                .setBatchCompletionHook(batch -> batches.add(new ArrayList<>(batch)));
        try (LogCapture logs = LogCapture.of(BatchBuffer.class); BatchBuffer<String> buffer = buffers.build(builder)) {
            buffer.offer("a");
            assertThat(buffer.flush()).isFalse();
            buffer.offer("b");
            assertThat(buffer.flush()).isTrue();

            assertThat(batches).containsExactly(List.of("a"), List.of("b"));
            assertThat(buffer.stats().failed()).isEqualTo(1);
            assertThat(buffer.stats().exported()).isEqualTo(1);
            assertThat(logs.count(Level.WARNING, "export of 1 items failed")).isEqualTo(1);
        }
    }

    @Test
    void throwingBatchHookIsLoggedAndTheWorkerGoesOn() {
        BatchBuffer.Builder<String> builder = BatchBuffer.builder(RecordingExporter.<String>succeeding())
                .setScheduleDelay(1, TimeUnit.HOURS)
                .setBatchCompletionHook(batch -> {
                    batches.add(new ArrayList<>(batch));
                    if (batch.contains("bad")) {
                        throw new IllegalArgumentException("hook failure");
                    }
                });
        try (LogCapture logs = LogCapture.of(BatchBuffer.class); BatchBuffer<String> buffer = buffers.build(builder)) {
            buffer.offer("bad");
            assertThat(buffer.flush()).isTrue();
            buffer.offer("c");
            assertThat(buffer.flush()).isTrue();

            assertThat(batches).containsExactly(List.of("bad"), List.of("c"));
            assertThat(buffer.stats().exported()).isEqualTo(2);
            assertThat(logs.count(Level.WARNING, "batch completion hook threw")).isEqualTo(1);
        }
    }

    @Test
    void thePerItemHookReplacesABatchHookSetBefore() {
        BatchBuffer.Builder<String> builder = BatchBuffer.builder(RecordingExporter.<String>succeeding())
                .setScheduleDelay(1, TimeUnit.HOURS)
                .setBatchCompletionHook(batch -> batches.add(new ArrayList<>(batch)))
                .setCompletionHook(items::add);
        try (BatchBuffer<String> buffer = buffers.build(builder)) {
            buffer.offer("a");
            buffer.offer("b");
            assertThat(buffer.flush()).isTrue();

            assertThat(items).containsExactly("a", "b");
            assertThat(batches).isEmpty();
        }
    }

    @Test
    void nullBatchHookIsRefused() {
        assertThatThrownBy(() -> BatchBuffer.builder(RecordingExporter.<String>succeeding()).setBatchCompletionHook(null))
                .isInstanceOf(NullPointerException.class).hasMessage("batchCompletionHook");
    }
}
