package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.ConcurrentRun;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Offers;
import io.lowalloc.core.testing.RecordingExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchBufferFlushCloseTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private static BatchBuffer.Builder<Integer> slowBuilder(BatchExporter<Integer> exporter) {
        return BatchBuffer.builder(exporter).setScheduleDelay(1, TimeUnit.HOURS);
    }

    @Test
    void flushOfAnEmptyBufferReturnsTrueAtOnce() {
        try (BatchBuffer<Integer> buffer = buffers.build(slowBuilder(RecordingExporter.succeeding()))) {
            assertThat(buffer.flush(0, TimeUnit.NANOSECONDS)).isTrue();
            assertThat(buffer.flush()).isTrue();
        }
    }

    @Test
    void flushExportsAPartialBatchAtOnceAndReturnsTrue() {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter))) {
            Offers.range(buffer, 0, 10);
            long start = System.nanoTime();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            assertThat(exporter.batchSizes()).containsExactly(10);
            BatchStats stats = buffer.stats();
            assertThat(stats.exported()).isEqualTo(10);
            assertThat(stats.pending()).isZero();
            assertThat(stats.isBalanced()).isTrue();
        }
    }

    @Test
    void flushCoversEverythingInSeveralBatches() {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(4))) {
            Offers.range(buffer, 0, 10);
            assertThat(buffer.flush()).isTrue();
            assertThat(exporter.allItems()).hasSize(10);
            assertThat(exporter.batchSizes()).containsExactly(4, 4, 2);
        }
    }

    @Test
    void flushReturnsFalseWhenOneOfItsBatchesFailed() {
        // The failing call is the third: the partial batch of 2 that only the flush exports (the
        // delay is an hour), so it is certainly part of this flush. Failing a full batch raced:
        // the worker could export it before flush() was called, outside the flush's range.
        RecordingExporter<Integer> exporter = new RecordingExporter<>(
                call -> call == 2 ? RecordingExporter.Outcome.FAIL : RecordingExporter.Outcome.SUCCEED);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(4))) {
            Offers.range(buffer, 0, 10);
            assertThat(buffer.flush()).isFalse();
            assertThat(buffer.stats().failed()).isEqualTo(2);
            assertThat(buffer.stats().exported()).isEqualTo(8);
            assertThat(logs.count(Level.WARNING, "export of 2 items failed")).isEqualTo(1);
            assertThat(buffer.flush()).as("an earlier failure does not taint a later flush").isTrue();
        }
    }

    @Test
    void aFailureExportedByTheScheduleFailsTheNextFlushOnce() throws InterruptedException {
        RecordingExporter<Integer> exporter = new RecordingExporter<>(
                call -> call == 0 ? RecordingExporter.Outcome.FAIL : RecordingExporter.Outcome.SUCCEED);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                     .setScheduleDelay(10, TimeUnit.MILLISECONDS))) {
            buffer.offer(1);
            Await.until(() -> buffer.stats().failed() == 1, "the schedule exported the item and it failed");
            Thread.sleep(100);

            assertThat(buffer.flush()).as("an item offered before the flush failed").isFalse();
            assertThat(buffer.flush()).as("the earlier flush reported that failure").isTrue();
            assertThat(logs.count(Level.WARNING, "failed")).isEqualTo(1);
        }
    }

    @Test
    void dropsBeforeAFlushFailItOnce() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxQueueSize(1).setMaxExportBatchSize(1))) {
            buffer.offer(0);
            exporter.awaitCalls(1); // held: nothing leaves the queue of 1
            int accepted = 0;
            for (int i = 1; i <= 10; i++) {
                accepted += buffer.offer(i) ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(buffer.stats().droppedQueueFull()).isEqualTo(9);
            exporter.completions.get(0).success();

            assertThat(buffer.flush()).as("9 items offered before the flush were dropped").isFalse();
            assertThat(exporter.allItems()).containsExactly(0, 1);
            assertThat(buffer.flush()).as("the earlier flush reported those drops").isTrue();
            assertThat(logs.count(Level.WARNING, "the queue is full")).isEqualTo(1);
        }
    }

    @Test
    void flushWithTimeoutReturnsFalseWhileTheExportIsHeld() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter))) {
            buffer.offer(1);
            long start = System.nanoTime();
            assertThat(buffer.flush(100, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(100L, 5_000L);
            assertThat(buffer.flush(0, TimeUnit.MILLISECONDS)).isFalse();

            exporter.completions.get(0).success();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(buffer.stats().exported()).isEqualTo(1);
        }
    }

    @Test
    void interruptedFlushReturnsFalseAndKeepsTheFlag() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter))) {
            buffer.offer(1);
            Thread.currentThread().interrupt();
            assertThat(buffer.flush()).isFalse();
            assertThat(Thread.interrupted()).isTrue();
            exporter.awaitCalls(1); // the flush request still reached the worker
            exporter.completions.get(0).success();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void flushFromTheExporterReturnsFalseInsteadOfWaitingForItself() {
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        List<Boolean> results = new ArrayList<>();
        BatchExporter<Integer> exporter = (batch, completion) -> {
            results.add(self.get().flush(1, TimeUnit.SECONDS));
            completion.success();
        };
        try (BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter))) {
            self.set(buffer);
            buffer.offer(1);
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(results).containsExactly(false);
        }
    }

    @Test
    void closeDrainsEverythingPendingAndStopsTheWorker() {
        List<Integer> hooked = new ArrayList<>();
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(4).setCompletionHook(hooked::add));
        Offers.range(buffer, 0, 10);
        buffer.close();
        assertThat(buffer.workerThread().isAlive()).isFalse();
        assertThat(exporter.allItems()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(hooked).hasSize(10);
        BatchStats stats = buffer.stats();
        assertThat(stats.pending()).isZero();
        assertThat(stats.exported()).isEqualTo(10);
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void offersAfterCloseAreRejectedCountedAndLogged() {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setFullQueuePolicy(FullQueuePolicy.BLOCK));
        buffer.offer(1);
        buffer.close();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            assertThat(buffer.offer(2)).isFalse();
            assertThat(buffer.offer(3)).isFalse();
            BatchStats stats = buffer.stats();
            assertThat(stats.rejectedAfterClose()).isEqualTo(2);
            assertThat(stats.dropped()).isEqualTo(2);
            assertThat(stats.offered()).isEqualTo(3);
            assertThat(stats.exported()).isEqualTo(1);
            assertThat(stats.isBalanced()).isTrue();
            assertThat(logs.count(Level.WARNING, "closed")).isEqualTo(1);
        }
        assertThat(exporter.allItems()).containsExactly(1);
    }

    @Test
    void closeIsIdempotent() {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter));
        buffer.offer(1);
        buffer.close();
        BatchStats first = buffer.stats();
        buffer.close();
        assertThat(buffer.close(1, TimeUnit.SECONDS)).isTrue();
        assertThat(buffer.stats().toString()).isEqualTo(first.toString());
        assertThat(exporter.calls()).isEqualTo(1);
        assertThat(buffer.flush()).as("nothing pending after close").isTrue();
    }

    @Test
    void concurrentClosesAllReturnAfterTheWorkerStopped() throws InterruptedException {
        RecordingExporter<Integer> exporter = new RecordingExporter<>(call -> {
            sleepQuietly(100);
            return RecordingExporter.Outcome.SUCCEED;
        });
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter));
        buffer.offer(1);
        AtomicBoolean sawLiveWorker = new AtomicBoolean();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ConcurrentRun.run("closer-", 4, errors, closer -> {
            buffer.close();
            if (buffer.workerThread().isAlive() || buffer.stats().pending() != 0) {
                sawLiveWorker.set(true);
            }
        });
        assertThat(errors).isEmpty();
        assertThat(sawLiveWorker).isFalse();
        assertThat(exporter.calls()).isEqualTo(1);
    }

    @Test
    void closeWaitsForTheInFlightExportOnlyUpToTheExportTimeout() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(1)
                .setExporterTimeout(200, TimeUnit.MILLISECONDS));
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            buffer.offer(1);
            exporter.awaitCalls(1);
            buffer.offer(2);
            long start = System.nanoTime();
            buffer.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(50L, 5_000L);
            assertThat(logs.count(Level.WARNING, "timed out")).isEqualTo(1);
        }
        BatchStats stats = buffer.stats();
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.exported()).isEqualTo(1);
        assertThat(stats.pending()).isZero();
        assertThat(stats.isBalanced()).isTrue();
        assertThat(buffer.workerThread().isAlive()).isFalse();
    }

    @Test
    void closeWithTimeoutReportsWhetherEverythingWasExported() {
        RecordingExporter<Integer> exporter = new RecordingExporter<>(
                call -> call == 0 ? RecordingExporter.Outcome.SUCCEED : RecordingExporter.Outcome.FAIL);
        BatchBuffer<Integer> good = buffers.build(slowBuilder(exporter));
        good.offer(1);
        assertThat(good.close(10, TimeUnit.SECONDS)).isTrue();
        assertThat(good.workerThread().isAlive()).isFalse();

        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            BatchBuffer<Integer> bad = buffers.build(slowBuilder(exporter));
            bad.offer(2);
            assertThat(bad.close(10, TimeUnit.SECONDS)).isFalse();
            assertThat(bad.workerThread().isAlive()).isFalse();
            assertThat(bad.stats().failed()).isEqualTo(1);
            assertThat(logs.count(Level.WARNING, "failed")).isEqualTo(1);
        }
    }

    @Test
    void closeWithTooShortTimeoutReturnsFalseAndTheWorkerFinishesLater() throws InterruptedException {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(1));
        buffer.offer(1);
        exporter.awaitCalls(1);
        assertThat(buffer.close(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(buffer.workerThread().isAlive()).isTrue();
        assertThat(buffer.offer(2)).as("closed even though the drain is not finished").isFalse();

        exporter.completions.get(0).success();
        buffer.workerThread().join(10_000);
        assertThat(buffer.workerThread().isAlive()).isFalse();
        BatchStats stats = buffer.stats();
        assertThat(stats.exported()).isEqualTo(1);
        assertThat(stats.rejectedAfterClose()).isEqualTo(1);
        assertThat(stats.pending()).isZero();
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void closeFromTheCompletionHookDoesNotDeadlock() throws InterruptedException {
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(RecordingExporter.succeeding())
                .setCompletionHook(item -> self.get().close()));
        self.set(buffer);
        buffer.offer(1);
        assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
        buffer.workerThread().join(10_000);
        assertThat(buffer.workerThread().isAlive()).isFalse();
        assertThat(buffer.offer(2)).isFalse();
        assertThat(buffer.stats().pending()).isZero();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
