package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.RecordingExporter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchBufferFullQueueTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    /** Builds a buffer whose first export (of one item) is held, then fills its queue of 2. */
    private BatchBuffer<Integer> fullBuffer(RecordingExporter<Integer> exporter, FullQueuePolicy policy,
            long maxBlockMillis) {
        BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setMaxQueueSize(2).setMaxExportBatchSize(1)
                .setFullQueuePolicy(policy).setMaxBlockTime(maxBlockMillis, TimeUnit.MILLISECONDS)
                );
        assertThat(buffer.offer(0)).isTrue();
        exporter.awaitCalls(1);
        assertThat(buffer.offer(1)).isTrue();
        assertThat(buffer.offer(2)).isTrue();
        return buffer;
    }

    @Test
    void dropPolicyRejectsWhenFullCountsAndLogsOnce() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<Integer> buffer = fullBuffer(exporter, FullQueuePolicy.DROP, 1000)) {
            for (int i = 0; i < 1000; i++) {
                assertThat(buffer.offer(100 + i)).isFalse();
            }
            BatchStats stats = buffer.stats();
            assertThat(stats.droppedQueueFull()).isEqualTo(1000);
            assertThat(stats.dropped()).isEqualTo(1000);
            assertThat(stats.offered()).isEqualTo(1003);
            assertThat(stats.pending()).isEqualTo(3);
            assertThat(stats.isBalanced()).isTrue();
            assertThat(logs.count(Level.WARNING, "the queue is full")).as("never silent, but rate-limited").isEqualTo(1);

            exporter.completions.get(0).success();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).as("the 1000 drops fail the next flush").isFalse();
            assertThat(exporter.allItems()).containsExactly(0, 1, 2);
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).as("and only that one").isTrue();
        }
    }

    @Test
    void blockPolicyWaitsAndSucceedsWhenSpaceFrees() throws Exception {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = fullBuffer(exporter, FullQueuePolicy.BLOCK, 10_000)) {
            CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> buffer.offer(3));
            Thread.sleep(150);
            assertThat(blocked).as("still waiting for space").isNotDone();

            exporter.completions.get(0).success();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(exporter.allItems()).containsExactly(0, 1, 2, 3);
            BatchStats stats = buffer.stats();
            assertThat(stats.dropped()).isZero();
            assertThat(stats.exported()).isEqualTo(4);
            assertThat(stats.isBalanced()).isTrue();
        }
    }

    @Test
    void blockPolicyGivesUpAfterMaxBlockTimeAndCountsTheDrop() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<Integer> buffer = fullBuffer(exporter, FullQueuePolicy.BLOCK, 150)) {
            long start = System.nanoTime();
            assertThat(buffer.offer(3)).isFalse();
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waitedMillis).isBetween(150L, 2_000L);
            BatchStats stats = buffer.stats();
            assertThat(stats.droppedBlockTimeout()).isEqualTo(1);
            assertThat(stats.droppedQueueFull()).isZero();
            assertThat(stats.isBalanced()).isTrue();
            assertThat(logs.count(Level.WARNING, "maxBlockTime")).isEqualTo(1);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void blockPolicyReturnsAtOnceForAnInterruptedThreadAndKeepsTheFlag() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = fullBuffer(exporter, FullQueuePolicy.BLOCK, 10_000)) {
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            boolean accepted = buffer.offer(3);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(Thread.interrupted()).as("interrupt flag preserved").isTrue();
            assertThat(accepted).isFalse();
            assertThat(waitedMillis).isLessThan(5_000L);
            assertThat(buffer.stats().droppedInterrupted()).isEqualTo(1);
            assertThat(buffer.stats().isBalanced()).isTrue();
            exporter.completions.get(0).success();
        }
    }

    @Test
    void blockPolicyInterruptedWhileWaitingReturnsFalseAndKeepsTheFlag() throws Exception {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = fullBuffer(exporter, FullQueuePolicy.BLOCK, 10_000)) {
            AtomicBoolean result = new AtomicBoolean(true);
            AtomicBoolean flagAfterwards = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                started.countDown();
                result.set(buffer.offer(3));
                flagAfterwards.set(Thread.currentThread().isInterrupted());
            });
            producer.start();
            started.await();
            Thread.sleep(100);
            producer.interrupt();
            producer.join(5_000);
            assertThat(producer.isAlive()).isFalse();
            assertThat(result.get()).isFalse();
            assertThat(flagAfterwards.get()).isTrue();
            assertThat(buffer.stats().droppedInterrupted()).isEqualTo(1);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void interruptedThreadStillOffersWhenThereIsSpace() {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK))) {
            Thread.currentThread().interrupt();
            assertThat(buffer.offer(1)).isTrue();
            assertThat(Thread.interrupted()).isTrue();
            assertThat(buffer.stats().dropped()).isZero();
        }
    }
}
