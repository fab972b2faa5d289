package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Release;
import io.lowalloc.core.testing.Timing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The export timeout covers the exporter's synchronous {@code export()} call: a call that blocks
 * is abandoned at the timeout, flush and close return within their bounds, and the exporter is
 * never called again while the timed-out call still runs in it.
 */
class BatchBufferExportTimeoutTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();
    /** Opened after each test, before the buffers close: no exporter thread stays blocked. */
    private final Release release = buffers.release();

    @Test
    void aBlockingExportIsAbandonedAtTheTimeoutAndFlushReturnsWithinIt() {
        List<Integer> hooked = new CopyOnWriteArrayList<>();
        BatchExporter<Integer> slow = (batch, completion) -> {
            Timing.sleep(1_500); // sends synchronously, as OpenTelemetry's Zipkin exporter does
            completion.success();
        };
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(slow).setScheduleDelay(1, TimeUnit.HOURS)
                    .setExporterTimeout(500, TimeUnit.MILLISECONDS).setCompletionHook(hooked::add));
            buffer.offer(1);

            long start = System.nanoTime();
            boolean flushed = buffer.flush();
            long took = Timing.millisSince(start);

            assertThat(flushed).as("a 1.5 s export against a 500 ms timeout is not exported").isFalse();
            assertThat(took).as("flush waited for the timeout, not for the call").isBetween(400L, 1_200L);
            BatchStats stats = buffer.stats();
            assertThat(stats.abandoned()).isEqualTo(1);
            assertThat(stats.exported()).isZero();
            assertThat(stats.timedOutExports()).isEqualTo(1);
            assertThat(hooked).as("an abandoned item is never handed back").isEmpty();
            assertThat(logs.count(Level.WARNING, "timed out")).isEqualTo(1);
        }
    }

    @Test
    void anExportThatNeverReturnsHangsNeitherFlushNorClose() {
        AtomicInteger calls = new AtomicInteger();
        BatchExporter<Integer> stuck = (batch, completion) -> {
            calls.incrementAndGet();
            release.await();
            completion.success();
        };
        BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(stuck).setScheduleDelay(1, TimeUnit.HOURS)
                .setMaxExportBatchSize(1).setExporterTimeout(200, TimeUnit.MILLISECONDS));
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            buffer.offer(1);
            buffer.offer(2);
            buffer.offer(3);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                long start = System.nanoTime();
                assertThat(buffer.flush()).isFalse();
                assertThat(Timing.millisSince(start)).as("flush: the stuck call's timeout, then one more for the queue")
                        .isBetween(150L, 1_500L);
                start = System.nanoTime();
                buffer.close();
                assertThat(Timing.millisSince(start)).as("close").isLessThan(1_500L);
            }, "flush and close returned");
            assertThat(logs.count(Level.WARNING, "timed out")).isEqualTo(1);
        }
        assertThat(calls).as("never called again while the timed-out call runs").hasValue(1);
        BatchStats stats = buffer.stats();
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.failed()).as("queued behind the stuck call when close gave up").isEqualTo(2);
        assertThat(stats.pending()).isZero();
        assertThat(buffer.workerThread().isAlive()).isFalse();
    }

    @Test
    void itemsOfferedOnTheExporterThreadUnderBlockAreDroppedAtOnce() {
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        List<Boolean> accepted = new CopyOnWriteArrayList<>();
        AtomicReference<Long> tookMillis = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        BatchExporter<Integer> reentrant = (batch, completion) -> {
            if (first.getAndSet(false)) {
                long start = System.nanoTime();
                accepted.add(self.get().offer(100)); // the queue of 1 is empty: fits
                accepted.add(self.get().offer(101)); // full, and only this thread's return frees it
                tookMillis.set(Timing.millisSince(start));
            }
            completion.success();
        };
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.builder(reentrant)
                    .setScheduleDelay(1, TimeUnit.HOURS).setMaxQueueSize(1).setMaxExportBatchSize(1)
                    .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(3, TimeUnit.SECONDS));
            self.set(buffer);
            buffer.offer(1);
            buffer.flush(10, TimeUnit.SECONDS);

            assertThat(accepted).containsExactly(true, false);
            assertThat(tookMillis.get()).as("the exporter's own offer must not wait for itself").isLessThan(500L);
            assertThat(buffer.stats().droppedQueueFull()).isEqualTo(1);
            assertThat(logs.count(Level.WARNING, "dropped")).isEqualTo(1);
        }
    }

    @Test
    void itemsOfferedByTheCompletionHookUnderBlockAreDroppedAtOnce() {
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        List<Boolean> accepted = new CopyOnWriteArrayList<>();
        AtomicReference<Long> tookMillis = new AtomicReference<>();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            BatchBuffer<Integer> buffer = buffers.build(BatchBuffer.<Integer>builder((batch, c) -> c.success())
                    .setScheduleDelay(1, TimeUnit.HOURS).setMaxQueueSize(1).setMaxExportBatchSize(1)
                    .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(3, TimeUnit.SECONDS)
                    .setCompletionHook(item -> {
                        if (item == 1) {
                            long start = System.nanoTime();
                            accepted.add(self.get().offer(100));
                            accepted.add(self.get().offer(101)); // only the worker, running this hook, frees space
                            tookMillis.set(Timing.millisSince(start));
                        }
                    }));
            self.set(buffer);
            buffer.offer(1);
            buffer.flush(10, TimeUnit.SECONDS);

            assertThat(accepted).containsExactly(true, false);
            assertThat(tookMillis.get()).as("the worker's own offer must not wait for itself").isLessThan(500L);
            assertThat(logs.count(Level.WARNING, "dropped")).isEqualTo(1);
        }
    }
}
