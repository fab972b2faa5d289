package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Release;
import io.lowalloc.core.testing.Timing;
import io.lowalloc.core.testing.Offers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exporter's lifecycle as the buffer drives it: flush after a flush's items, shutdown exactly
 * once after the final drain, each bounded by the export timeout whatever the exporter does
 * (throws, never completes, completes twice, blocks); every call on the exporter thread, one at a
 * time unless the exporter allows concurrent calls; close from inside the exporter deferred.
 */
class BatchBufferExporterLifecycleTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();
    /** Opened after each test, before the buffers close: no exporter thread stays blocked. */
    private final Release release = buffers.release();

    /** Records every call with its thread and the time, and does what the test sets per call kind. */
    private static final class LifecycleExporter implements BatchExporter<Integer> {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        volatile Consumer<ExportCompletion> onExport = ExportCompletion::success;
        volatile Consumer<ExportCompletion> onFlush = ExportCompletion::success;
        volatile Consumer<ExportCompletion> onShutdown = ExportCompletion::success;
        volatile boolean concurrent;

        private void call(String name, Consumer<ExportCompletion> action, ExportCompletion completion) {
            calls.add(name);
            threads.add(Thread.currentThread());
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                action.accept(completion);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public void export(List<Integer> batch, ExportCompletion completion) {
            call("export" + batch, onExport, completion);
        }

        @Override
        public void flush(ExportCompletion completion) {
            call("flush", onFlush, completion);
        }

        @Override
        public void shutdown(ExportCompletion completion) {
            call("shutdown", onShutdown, completion);
        }

        @Override
        public boolean supportsConcurrentExport() {
            return concurrent;
        }

        long count(String prefix) {
            return calls.stream().filter(c -> c.startsWith(prefix)).count();
        }
    }

    private static BatchBuffer.Builder<Integer> slowBuilder(BatchExporter<Integer> exporter) {
        return BatchBuffer.builder(exporter).setScheduleDelay(1, TimeUnit.HOURS);
    }

    // ------------------------------------------------------------ flush and shutdown calls

    @Test
    void flushCallsTheExporterFlushAfterItsItemsAndCloseShutsDownOnceAfterTheDrain() {
        LifecycleExporter exporter = new LifecycleExporter();
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(2));
        Offers.range(buffer, 0, 3);

        assertThat(buffer.flush()).isTrue();
        assertThat(exporter.calls).containsExactly("export[0, 1]", "export[2]", "flush");
        assertThat(buffer.flush()).as("nothing reached the exporter since its flush").isTrue();
        assertThat(exporter.count("flush")).isEqualTo(1);

        buffer.offer(3);
        buffer.close();
        buffer.close();
        assertThat(buffer.close(1, TimeUnit.SECONDS)).isTrue();

        assertThat(exporter.calls).containsExactly("export[0, 1]", "export[2]", "flush", "export[3]", "shutdown");
        assertThat(exporter.threads).as("every call on the exporter thread, none on the worker")
                .doesNotContain(buffer.workerThread(), Thread.currentThread());
        assertThat(exporter.threads.get(0).getName()).isEqualTo(BatchOptions.DEFAULT_WORKER_THREAD_NAME + "-exporter");
        assertThat(exporter.threads.get(0).isDaemon()).isTrue();
        assertThat(exporter.mostRunning).hasValue(1);
    }

    @Test
    void aFailingThrowingOrSilentExporterFlushFailsTheFlushAndIsLogged() {
        List<Consumer<ExportCompletion>> flushes = List.of(
                c -> c.failure(new IOException("flush failed")),
                c -> {
                    throw new IllegalStateException("flush bug");
                },
                c -> { }); // never completes
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            for (Consumer<ExportCompletion> flush : flushes) {
                LifecycleExporter exporter = new LifecycleExporter();
                exporter.onFlush = flush;
                BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter)
                        .setExporterTimeout(200, TimeUnit.MILLISECONDS));
                buffer.offer(1);

                long start = System.nanoTime();
                assertThat(buffer.flush()).as("the exporter's flush did not succeed").isFalse();
                assertThat(Timing.millisSince(start)).isLessThan(2_000L);
                assertThat(buffer.stats().exported()).as("the item itself was exported").isEqualTo(1);
                exporter.onFlush = ExportCompletion::success;
                buffer.offer(2);
                assertThat(buffer.flush()).as("a later flush that succeeds").isTrue();
            }
            assertThat(logs.count(Level.WARNING, "exporter flush")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aFlushCompletedTwiceCountsTheFirstSignal() {
        LifecycleExporter exporter = new LifecycleExporter();
        exporter.onFlush = c -> {
            c.success();
            c.failure(new IOException("ignored"));
        };
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter));
        buffer.offer(1);

        assertThat(buffer.flush()).isTrue();
        exporter.onFlush = c -> {
            c.failure(null);
            c.success();
        };
        buffer.offer(2);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            assertThat(buffer.flush()).isFalse();
            assertThat(logs.count(Level.WARNING, "exporter flush failed")).isEqualTo(1);
        }
    }

    @Test
    void aFailingOrThrowingShutdownFailsCloseWithTimeoutAndIsLogged() {
        List<Consumer<ExportCompletion>> shutdowns = List.of(
                c -> c.failure(new IOException("shutdown failed")),
                c -> {
                    throw new IllegalStateException("shutdown bug");
                });
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            for (Consumer<ExportCompletion> shutdown : shutdowns) {
                LifecycleExporter exporter = new LifecycleExporter();
                exporter.onShutdown = shutdown;
                BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter));
                buffer.offer(1);

                assertThat(buffer.close(10, TimeUnit.SECONDS)).as("the exporter's shutdown failed").isFalse();
                assertThat(buffer.stats().exported()).isEqualTo(1);
                assertThat(exporter.count("shutdown")).isEqualTo(1);
            }
            assertThat(logs.count(Level.WARNING, "exporter shutdown failed")).as("one per buffer").isEqualTo(2);
        }
    }

    /**
     * Makes the exporter's shutdown block until the test's release opens at teardown, then succeed:
     * not a fixed sleep, whose late signal would land in a later test's log capture.
     */
    private void blockShutdownUntilTheTestEnds(LifecycleExporter exporter) {
        exporter.onShutdown = c -> {
            release.await();
            c.success();
        };
    }

    @Test
    void closeWaitsForABlockingShutdownOnlyUpToTheExportTimeout() {
        LifecycleExporter exporter = new LifecycleExporter();
        blockShutdownUntilTheTestEnds(exporter);
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setExporterTimeout(200, TimeUnit.MILLISECONDS));
        buffer.offer(1);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> buffer.close(), "close returned");
            // The shutdown is still blocked, so close returning at all shows the timeout; the upper
            // bound only has to exclude waiting for the shutdown, and leaves room for a loaded machine.
            assertThat(Timing.millisSince(start)).as("a blocked shutdown against a 200 ms timeout").isBetween(150L, 5_000L);
            assertThat(exporter.running).as("the shutdown is still inside the exporter").hasValue(1);
            assertThat(logs.count(Level.WARNING, "exporter shutdown did not complete")).isEqualTo(1);
        }
        assertThat(buffer.stats().exported()).isEqualTo(1);
        assertThat(buffer.workerThread().isAlive()).isFalse();
    }

    @Test
    void aShutdownThatNeverReturnsHangsNeitherCloseNorASecondClose() {
        LifecycleExporter exporter = new LifecycleExporter();
        blockShutdownUntilTheTestEnds(exporter);
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setExporterTimeout(200, TimeUnit.MILLISECONDS));
        buffer.offer(1);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                long start = System.nanoTime();
                assertThat(buffer.close(10, TimeUnit.SECONDS)).as("the shutdown did not complete").isFalse();
                assertThat(Timing.millisSince(start)).as("first close").isLessThan(1_500L);
                start = System.nanoTime();
                buffer.close();
                assertThat(Timing.millisSince(start)).as("second close").isLessThan(100L);
            }, "both closes returned");
            assertThat(logs.count(Level.WARNING, "exporter shutdown did not complete")).isEqualTo(1);
        }
        assertThat(exporter.count("shutdown")).isEqualTo(1);
    }

    // ------------------------------------------------------------ one call at a time

    @Test
    void laterItemsWaitBehindAStuckCallAndAreDroppedWhenTheQueueFills() {
        LifecycleExporter exporter = new LifecycleExporter();
        AtomicInteger exports = new AtomicInteger();
        exporter.onExport = c -> {
            if (exports.getAndIncrement() == 0) {
                release.await(); // blocks past the timeout, then returns
            }
            c.success();
        };
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            // Exports of full batches only (the delay is an hour): [0, 1], then [2, 3] and [4, 5].
            BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxQueueSize(4)
                    .setMaxExportBatchSize(2).setExporterTimeout(100, TimeUnit.MILLISECONDS));
            Offers.range(buffer, 0, 2);
            Await.until(() -> buffer.stats().abandoned() == 2, "the first export abandoned at its timeout");

            Offers.range(buffer, 2, 6);
            assertThat(buffer.offer(6)).as("the queue of 4 is full behind the stuck call").isFalse();
            Timing.sleep(300);
            assertThat(exporter.count("export")).as("not called again while the call runs").isEqualTo(1);
            assertThat(buffer.stats().pending()).isEqualTo(4);

            release.open(); // the stuck call returns; its late success is ignored
            // Waits for the queued batches before flushing: a flush that waited one export timeout for a
            // caller thread slow to wake on a loaded machine would fail before they were exported.
            Await.until(() -> buffer.stats().exported() == 4, () -> "the queued batches exported: " + buffer.stats());
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).as("the drop is reported").isFalse();
            assertThat(exporter.calls).startsWith("export[0, 1]", "export[2, 3]", "export[4, 5]");
            assertThat(exporter.mostRunning).hasValue(1);
            BatchStats stats = buffer.stats();
            assertThat(stats.exported()).isEqualTo(4);
            assertThat(stats.abandoned()).isEqualTo(2);
            assertThat(stats.droppedQueueFull()).isEqualTo(1);
            assertThat(logs.count(Level.INFO, "after the export timeout")).as("the late success").isEqualTo(1);
        }
    }

    @Test
    void anExporterSafeForConcurrentCallsIsCalledAgainFromANewThreadWhileAStuckCallRuns() {
        LifecycleExporter exporter = new LifecycleExporter();
        exporter.concurrent = true;
        AtomicInteger exports = new AtomicInteger();
        exporter.onExport = c -> {
            if (exports.getAndIncrement() == 0) {
                release.await();
            }
            c.success();
        };
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(1)
                    .setExporterTimeout(100, TimeUnit.MILLISECONDS));
            buffer.offer(1);
            buffer.offer(2);

            assertThat(buffer.flush(10, TimeUnit.SECONDS)).as("the first export was abandoned").isFalse();
            assertThat(exporter.calls).as("no exporter flush: the flush had already failed")
                    .containsExactly("export[1]", "export[2]");
            assertThat(exporter.mostRunning).as("the stuck call and the next overlapped").hasValue(2);
            assertThat(exporter.threads.get(1)).isNotSameAs(exporter.threads.get(0));
            assertThat(buffer.stats().exported()).isEqualTo(1);
            assertThat(logs.count(Level.WARNING, "timed out")).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------ close on the buffer's own threads

    @Test
    void closeInsideExportIsDeferredAndALaterCloseDrainsAndShutsDownOnce() {
        LifecycleExporter exporter = new LifecycleExporter();
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        Release allOffered = new Release();
        AtomicLong innerCloseMillis = new AtomicLong(-1);
        AtomicInteger exports = new AtomicInteger();
        exporter.onExport = c -> {
            if (exports.getAndIncrement() == 0) {
                allOffered.await();
                long start = System.nanoTime();
                self.get().close();
                innerCloseMillis.set(Timing.millisSince(start));
            }
            c.success();
        };
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter).setMaxExportBatchSize(16));
        self.set(buffer);
        Offers.range(buffer, 0, 1_000);
        allOffered.open();
        Await.until(() -> innerCloseMillis.get() >= 0, "the exporter closed the buffer inside export()");
        assertThat(innerCloseMillis.get()).as("the inner close only starts the close").isLessThan(1_000L);
        assertThat(buffer.offer(1_000)).as("closed from then on").isFalse();

        buffer.close();

        BatchStats stats = buffer.stats();
        assertThat(stats.pending()).as("the later close waited for the drain: %s", stats).isZero();
        assertThat(stats.exported()).isEqualTo(1_000);
        assertThat(buffer.workerThread().isAlive()).isFalse();
        assertThat(exporter.count("shutdown")).isEqualTo(1);
        assertThat(exporter.calls.get(exporter.calls.size() - 1)).as("nothing after the shutdown").isEqualTo("shutdown");
    }

    @Test
    void closeFromTheExportersShutdownDoesNotDeadlock() {
        LifecycleExporter exporter = new LifecycleExporter();
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        exporter.onShutdown = c -> {
            self.get().close();
            c.success();
        };
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter));
        self.set(buffer);
        buffer.offer(1);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(buffer.close(5, TimeUnit.SECONDS)).isTrue());
        assertThat(exporter.count("shutdown")).isEqualTo(1);
    }

    @Test
    void flushInsideExportReturnsFalseAtOnce() {
        LifecycleExporter exporter = new LifecycleExporter();
        AtomicReference<BatchBuffer<Integer>> self = new AtomicReference<>();
        List<Long> innerFlushMillis = new CopyOnWriteArrayList<>();
        List<Boolean> innerResults = new CopyOnWriteArrayList<>();
        exporter.onExport = c -> {
            long start = System.nanoTime();
            innerResults.add(self.get().flush());
            innerFlushMillis.add(Timing.millisSince(start));
            c.success();
        };
        BatchBuffer<Integer> buffer = buffers.build(slowBuilder(exporter));
        self.set(buffer);
        buffer.offer(1);

        assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
        assertThat(innerResults).containsExactly(false);
        assertThat(innerFlushMillis.get(0)).isLessThan(100L);
    }
}
