package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Offers;
import io.lowalloc.core.testing.RecordingExporter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchBufferBatchingTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    /** A builder whose timed export is an hour away: every export in the test is a full batch. */
    private static <T> BatchBuffer.Builder<T> sizeTriggered(BatchExporter<T> exporter, int queue, int batch) {
        return BatchBuffer.builder(exporter).setMaxQueueSize(queue).setMaxExportBatchSize(batch)
                .setScheduleDelay(1, TimeUnit.HOURS);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }

    @Test
    void exportsExactlyMaxExportBatchSizeWhenThatManyWait() throws InterruptedException {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<Integer> buffer = buffers.build(sizeTriggered(exporter, 2048, 512))) {
            Offers.range(buffer, 0, 3 * 512);
            exporter.awaitCalls(3);
            assertThat(exporter.batchSizes()).containsExactly(512, 512, 512);
            assertThat(exporter.allItems()).isEqualTo(range(0, 3 * 512));

            Offers.range(buffer, 0, 511);
            Thread.sleep(200);
            assertThat(exporter.calls()).as("511 items are less than a batch and the delay is 1 h").isEqualTo(3);
            assertThat(buffer.stats().pending()).isEqualTo(511);
            assertThat(buffer.stats().isBalanced()).isTrue();
        }
    }

    /** How often the thread has parked or waited so far (HotSpot counts every park). */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() exists only from Java 19
    private static long parks(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()).getWaitedCount();
    }

    @Test
    void offersWakeTheWorkerOnlyWhenABatchIsComplete() throws InterruptedException {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<Integer> buffer = buffers.build(sizeTriggered(exporter, 2048, 512))) {
            Thread worker = buffer.workerThread();
            Await.until(() -> worker.getState() == Thread.State.TIMED_WAITING, "worker parked");
            long parksBefore = parks(worker);
            for (int i = 0; i < 511; i++) {
                buffer.offer(i);
                if (i % 10 == 9) {
                    Thread.sleep(1); // room for a woken worker to park again, so a wake-up would show
                }
            }
            assertThat(parks(worker) - parksBefore).as("no wake-up for 511 of 512 items").isLessThanOrEqualTo(1);
            assertThat(exporter.calls()).isZero();

            buffer.offer(511);
            exporter.awaitCalls(1);
            assertThat(exporter.batchSizes()).containsExactly(512);
            Await.until(() -> worker.getState() == Thread.State.TIMED_WAITING, "worker parked again");
            assertThat(parks(worker) - parksBefore).as("one wake-up, one export, one park").isBetween(1L, 3L);
        }
    }

    @Test
    void fullBatchesWhileExportIsSlowKeepExactSize() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = buffers.build(sizeTriggered(exporter, 64, 16))) {
            Offers.range(buffer, 0, 16);
            exporter.awaitCalls(1);
            Offers.range(buffer, 16, 16 + 64);
            exporter.completions.get(0).success();
            exporter.awaitCalls(5);
            assertThat(exporter.batchSizes()).containsExactly(16, 16, 16, 16, 16);
            assertThat(exporter.allItems()).isEqualTo(range(0, 80));
        }
    }

    @Test
    void queueBoundIsExactForSizeThatIsNotAPowerOfTwo() {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setMaxQueueSize(3).setMaxExportBatchSize(1));
             LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            buffer.offer(0);
            exporter.awaitCalls(1);
            // JCTools would round 3 up to 4 slots; the buffer must still take exactly 3.
            assertThat(buffer.offer(1)).isTrue();
            assertThat(buffer.offer(2)).isTrue();
            assertThat(buffer.offer(3)).isTrue();
            assertThat(buffer.offer(4)).isFalse();
            assertThat(buffer.stats().droppedQueueFull()).isEqualTo(1);
            assertThat(buffer.stats().pending()).isEqualTo(4);
            assertThat(logs.count(Level.WARNING, "the queue is full")).isEqualTo(1);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void partialBatchIsExportedScheduleDelayAfterTheOldestItem() throws InterruptedException {
        RecordingExporter<String> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<String> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setScheduleDelay(600, TimeUnit.MILLISECONDS))) {
            Thread.sleep(200); // a worker that just ticked every delay would fire 400 ms after "a"
            long first = System.nanoTime();
            buffer.offer("a");
            Thread.sleep(300);
            buffer.offer("b");
            exporter.awaitCalls(1);
            long afterFirstMillis = TimeUnit.NANOSECONDS.toMillis(exporter.callNanos.get(0) - first);
            assertThat(exporter.batches.get(0)).containsExactly("a", "b");
            assertThat(afterFirstMillis).as("not before the oldest item waited the delay").isGreaterThanOrEqualTo(600);
            assertThat(afterFirstMillis).as("measured from the oldest item, not the newest").isLessThan(880);
        }
    }

    @Test
    void itemsLeftAfterAFullBatchAreTimedFromTheirOwnArrival() throws InterruptedException {
        RecordingExporter<Integer> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setMaxQueueSize(16).setMaxExportBatchSize(4)
                .setScheduleDelay(500, TimeUnit.MILLISECONDS))) {
            Offers.range(buffer, 0, 4);
            exporter.awaitCalls(1);
            Offers.range(buffer, 4, 8);
            long leftoverArrival = System.nanoTime();
            buffer.offer(8);
            buffer.offer(9);
            Thread.sleep(300);
            exporter.completions.get(0).success(); // now 4..7 go at once; 8, 9 are left over
            exporter.awaitCalls(3);
            assertThat(exporter.batches.get(1)).containsExactly(4, 5, 6, 7);
            assertThat(exporter.batches.get(2)).containsExactly(8, 9);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(exporter.callNanos.get(2) - leftoverArrival);
            assertThat(waitedMillis).isGreaterThanOrEqualTo(500).as("not 500 ms after the previous export").isLessThan(760);
        }
    }

    @Test
    void onlyOneExportIsInFlightAtATime() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger exportedItems = new AtomicInteger();
        ExecutorService completer = Executors.newSingleThreadExecutor();
        BatchExporter<Integer> exporter = (batch, completion) -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            int size = batch.size();
            completer.execute(() -> {
                LockSupport.parkNanos(2_000_000L);
                exportedItems.addAndGet(size);
                inFlight.decrementAndGet();
                completion.success();
            });
        };
        try (BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setMaxQueueSize(64).setMaxExportBatchSize(8)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(10, TimeUnit.SECONDS))) {
            Offers.range(buffer, 0, 400);
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(exportedItems.get()).isEqualTo(400);
            assertThat(maxInFlight.get()).isEqualTo(1);
        } finally {
            completer.shutdown();
            assertThat(completer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void itemsAreExportedInOfferOrderFromOneProducer() {
        RecordingExporter<Integer> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(exporter)
                .setMaxQueueSize(100).setMaxExportBatchSize(7)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK))) {
            Offers.range(buffer, 0, 1000);
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(exporter.allItems()).isEqualTo(range(0, 1000));
            assertThat(exporter.batchSizes()).allMatch(size -> size >= 1 && size <= 7);
        }
    }
}
