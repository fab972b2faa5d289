package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.Offers;
import io.lowalloc.core.testing.RecordingExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchBufferBuilderTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private static BatchBuffer.Builder<String> builder() {
        return BatchBuffer.builder(RecordingExporter.<String>succeeding());
    }

    @Test
    void settersForwardToTheStrictBatchOptions() {
        try (BatchBuffer<String> buffer = buffers.build(builder()
                .setMaxQueueSize(100)
                .setMaxExportBatchSize(10)
                .setScheduleDelay(Duration.ofMillis(250))
                .setExporterTimeout(2, TimeUnit.SECONDS)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(Duration.ofMillis(7))
                .setWorkerThreadName("forwarded"))) {
            assertThat(buffer.options()).isEqualTo(BatchOptions.builder()
                    .setMaxQueueSize(100)
                    .setMaxExportBatchSize(10)
                    .setScheduleDelay(250, TimeUnit.MILLISECONDS)
                    .setExporterTimeout(Duration.ofSeconds(2))
                    .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                    .setMaxBlockTime(7, TimeUnit.MILLISECONDS)
                    .setWorkerThreadName("forwarded")
                    .build());
        }
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setScheduleDelay(0, TimeUnit.SECONDS))
                .withMessage("scheduleDelay must be > 0, was: 0 SECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setExporterTimeout(Duration.ZERO))
                .withMessage("exporterTimeout must be > 0, was: PT0S");
        BatchBuffer.Builder<String> tooLargeBatch = builder().setMaxQueueSize(100).setMaxExportBatchSize(101);
        assertThatIllegalArgumentException().isThrownBy(tooLargeBatch::build)
                .withMessage("maxExportBatchSize must be in [1, maxQueueSize=100], was: 101");
    }

    @Test
    void defaultBufferHasTheDefaultOptions() {
        try (BatchBuffer<String> buffer = buffers.build(builder())) {
            assertThat(buffer.options()).isEqualTo(BatchOptions.defaults());
        }
    }

    @Test
    void batchOptionsReplaceEveryOptionAndLaterSettersChangeThem() {
        BatchOptions lenient = BatchOptions.builder().openTelemetryCompatible().setMaxQueueSize(8)
                .setMaxExportBatchSize(16).setExporterTimeout(0, TimeUnit.SECONDS).setWorkerThreadName("given").build();
        try (BatchBuffer<String> buffer = buffers.build(builder().setMaxQueueSize(1000).setBatchOptions(lenient))) {
            assertThat(buffer.options()).isEqualTo(lenient);
            assertThat(buffer.options().maxExportBatchSize()).isEqualTo(8);
            assertThat(buffer.options().exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(buffer.workerThread().getName()).isEqualTo("given");
        }
        try (BatchBuffer<String> buffer = buffers.build(builder().setBatchOptions(lenient).setMaxQueueSize(9))) {
            assertThat(buffer.options().maxQueueSize()).isEqualTo(9);
            assertThat(buffer.options().workerThreadName()).isEqualTo("given");
        }
        assertThatNullPointerException().isThrownBy(() -> builder().setBatchOptions(null)).withMessage("options");
    }

    @Test
    void defaultBufferAcceptsExactlyDefaultQueueSizeWhileExportIsHeld() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter))) {
            Offers.range(buffer, 0, 512);
            exporter.awaitCalls(1); // the first batch is out, held
            int accepted = 0;
            for (int i = 0; i < 3000; i++) {
                accepted += buffer.offer(i) ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(BatchOptions.DEFAULT_MAX_QUEUE_SIZE);
            assertThat(exporter.batchSizes()).containsExactly(BatchOptions.DEFAULT_MAX_EXPORT_BATCH_SIZE);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void workerIsDaemonThreadWithDefaultName() {
        try (BatchBuffer<String> buffer = buffers.build(builder())) {
            assertThat(buffer.workerThread().isDaemon()).isTrue();
            assertThat(buffer.workerThread().getName()).isEqualTo(BatchOptions.DEFAULT_WORKER_THREAD_NAME);
            assertThat(buffer.workerThread().isAlive()).isTrue();
        }
    }

    @Test
    void workerIsDaemonThreadWithConfiguredName() {
        try (BatchBuffer<String> buffer = buffers.build(builder().setWorkerThreadName("spans-out"))) {
            assertThat(buffer.workerThread().isDaemon()).isTrue();
            assertThat(buffer.workerThread().getName()).isEqualTo("spans-out");
        }
    }

    @Test
    void nullExporterIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> BatchBuffer.builder(null)).withMessage("exporter");
    }

    @Test
    void nullCompletionHookIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> builder().setCompletionHook(null))
                .withMessage("completionHook");
    }

    @Test
    void saturatedDurationsWork() {
        RecordingExporter<String> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<String> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setScheduleDelay(Duration.ofSeconds(Long.MAX_VALUE))
                .setExporterTimeout(Long.MAX_VALUE, TimeUnit.DAYS)
                .setMaxBlockTime(Duration.ofDays(1_000_000_000L))
                )) {
            assertThat(buffer.offer("a")).isTrue();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(exporter.batches).containsExactly(java.util.List.of("a"));
        }
    }

    @Test
    void smallestConfigurationWorks() {
        RecordingExporter<String> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<String> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setMaxQueueSize(1).setMaxExportBatchSize(1))) {
            for (String item : new String[] {"a", "b", "c"}) {
                Await.until(() -> buffer.offer(item), "offer " + item);
            }
            long refused = buffer.stats().dropped(); // offers retried while the queue of 1 was full
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).as("false iff an offer was refused, %d were", refused)
                    .isEqualTo(refused == 0);
            assertThat(exporter.allItems()).containsExactly("a", "b", "c");
            assertThat(exporter.batchSizes()).containsOnly(1);
        }
    }

    @Test
    void timeoutArgumentsOfFlushAndCloseAreValidated() {
        try (BatchBuffer<String> buffer = buffers.build(builder())) {
            assertThatIllegalArgumentException().isThrownBy(() -> buffer.flush(-1, TimeUnit.MILLISECONDS))
                    .withMessage("timeout must be >= 0, was: -1 MILLISECONDS");
            assertThatNullPointerException().isThrownBy(() -> buffer.flush(1, null)).withMessage("unit");
            assertThatIllegalArgumentException().isThrownBy(() -> buffer.close(-2, TimeUnit.SECONDS))
                    .withMessage("timeout must be >= 0, was: -2 SECONDS");
            assertThatNullPointerException().isThrownBy(() -> buffer.close(1, null)).withMessage("unit");
            assertThat(buffer.workerThread().isAlive()).as("rejected close arguments must not close").isTrue();
        }
    }

    @Test
    void nullItemIsRejected() {
        try (BatchBuffer<String> buffer = buffers.build(builder())) {
            assertThatNullPointerException().isThrownBy(() -> buffer.offer(null)).withMessage("item");
            assertThat(buffer.stats().offered()).isZero();
        }
    }
}
