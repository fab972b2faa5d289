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
    void defaultsMatchOpenTelemetry() {
        assertThat(BatchBuffer.DEFAULT_MAX_QUEUE_SIZE).isEqualTo(2048);
        assertThat(BatchBuffer.DEFAULT_MAX_EXPORT_BATCH_SIZE).isEqualTo(512);
        assertThat(BatchBuffer.DEFAULT_SCHEDULE_DELAY_MILLIS).isEqualTo(5_000L);
        assertThat(BatchBuffer.DEFAULT_EXPORT_TIMEOUT_MILLIS).isEqualTo(30_000L);
        assertThat(BatchBuffer.DEFAULT_FULL_QUEUE_POLICY).isEqualTo(FullQueuePolicy.DROP);
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
            assertThat(accepted).isEqualTo(BatchBuffer.DEFAULT_MAX_QUEUE_SIZE);
            assertThat(exporter.batchSizes()).containsExactly(BatchBuffer.DEFAULT_MAX_EXPORT_BATCH_SIZE);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void workerIsDaemonThreadWithDefaultName() {
        try (BatchBuffer<String> buffer = buffers.build(builder())) {
            assertThat(buffer.workerThread().isDaemon()).isTrue();
            assertThat(buffer.workerThread().getName()).isEqualTo(BatchBuffer.DEFAULT_WORKER_THREAD_NAME);
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
    void maxQueueSizeBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setMaxQueueSize(0))
                .withMessage("maxQueueSize must be in [1, 16777216], was: 0");
    }

    @Test
    void maxQueueSizeAboveLimitIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder().setMaxQueueSize(BatchBuffer.MAX_QUEUE_SIZE_LIMIT + 1))
                .withMessage("maxQueueSize must be in [1, 16777216], was: 16777217");
    }

    @Test
    void maxExportBatchSizeBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setMaxExportBatchSize(-3))
                .withMessage("maxExportBatchSize must be in [1, maxQueueSize], was: -3");
    }

    @Test
    void maxExportBatchSizeAboveMaxQueueSizeIsRejectedByBuild() {
        BatchBuffer.Builder<String> builder = builder().setMaxQueueSize(100).setMaxExportBatchSize(101);
        assertThatIllegalArgumentException().isThrownBy(builder::build)
                .withMessage("maxExportBatchSize must be in [1, maxQueueSize=100], was: 101");
    }

    @Test
    void maxExportBatchSizeAboveDefaultQueueSizeIsRejectedByBuild() {
        BatchBuffer.Builder<String> builder = builder().setMaxExportBatchSize(4096);
        assertThatIllegalArgumentException().isThrownBy(builder::build)
                .withMessage("maxExportBatchSize must be in [1, maxQueueSize=2048], was: 4096");
    }

    @Test
    void scheduleDelayMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setScheduleDelay(0, TimeUnit.MILLISECONDS))
                .withMessage("scheduleDelay must be > 0, was: 0 MILLISECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setScheduleDelay(Duration.ofSeconds(-1)))
                .withMessage("scheduleDelay must be > 0, was: PT-1S");
        assertThatNullPointerException().isThrownBy(() -> builder().setScheduleDelay(1, null)).withMessage("unit");
        assertThatNullPointerException().isThrownBy(() -> builder().setScheduleDelay(null))
                .withMessage("scheduleDelay");
    }

    @Test
    void exportTimeoutMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setExportTimeout(-5, TimeUnit.SECONDS))
                .withMessage("exportTimeout must be > 0, was: -5 SECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setExportTimeout(Duration.ZERO))
                .withMessage("exportTimeout must be > 0, was: PT0S");
        assertThatNullPointerException().isThrownBy(() -> builder().setExportTimeout(1, null)).withMessage("unit");
        assertThatNullPointerException().isThrownBy(() -> builder().setExportTimeout(null))
                .withMessage("exportTimeout");
    }

    @Test
    void maxBlockTimeMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setMaxBlockTime(0, TimeUnit.NANOSECONDS))
                .withMessage("maxBlockTime must be > 0, was: 0 NANOSECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setMaxBlockTime(Duration.ofMillis(-2)))
                .withMessage("maxBlockTime must be > 0, was: PT-0.002S");
        assertThatNullPointerException().isThrownBy(() -> builder().setMaxBlockTime(1, null)).withMessage("unit");
        assertThatNullPointerException().isThrownBy(() -> builder().setMaxBlockTime(null))
                .withMessage("maxBlockTime");
    }

    @Test
    void nullPolicyHookAndThreadNameAreRejected() {
        assertThatNullPointerException().isThrownBy(() -> builder().setFullQueuePolicy(null)).withMessage("policy");
        assertThatNullPointerException().isThrownBy(() -> builder().setCompletionHook(null))
                .withMessage("completionHook");
        assertThatNullPointerException().isThrownBy(() -> builder().setWorkerThreadName(null)).withMessage("name");
    }

    @Test
    void blankThreadNameIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().setWorkerThreadName(" "))
                .withMessage("workerThreadName must be non-blank, was: \" \"");
    }

    @Test
    void hugeDurationsSaturateInsteadOfOverflowing() {
        RecordingExporter<String> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<String> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setScheduleDelay(Duration.ofSeconds(Long.MAX_VALUE))
                .setExportTimeout(Long.MAX_VALUE, TimeUnit.DAYS)
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
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
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
