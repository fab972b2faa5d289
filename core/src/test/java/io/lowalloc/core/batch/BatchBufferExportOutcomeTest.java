package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.RecordingExporter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchBufferExportOutcomeTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private final List<String> hooked = new CopyOnWriteArrayList<>();

    private BatchBuffer.Builder<String> builder(BatchExporter<String> exporter) {
        return BatchBuffer.builder(exporter).setCompletionHook(hooked::add).setScheduleDelay(1, TimeUnit.HOURS);
    }

    @Test
    void exporterThrowingIsCountedLoggedHookedAndWorkerContinues() {
        RecordingExporter<String> exporter = new RecordingExporter<>(
                call -> call == 0 ? RecordingExporter.Outcome.THROW : RecordingExporter.Outcome.SUCCEED);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class); BatchBuffer<String> buffer = buffers.build(builder(exporter))) {
            buffer.offer("a");
            buffer.offer("b");
            assertThat(buffer.flush()).as("the batch failed").isFalse();
            assertThat(hooked).as("result known: hook still runs").containsExactly("a", "b");

            buffer.offer("c");
            assertThat(buffer.flush()).as("the worker kept going").isTrue();
            assertThat(hooked).containsExactly("a", "b", "c");

            BatchStats stats = buffer.stats();
            assertThat(stats.failed()).isEqualTo(2);
            assertThat(stats.failedExports()).isEqualTo(1);
            assertThat(stats.exported()).isEqualTo(1);
            assertThat(stats.exportCalls()).isEqualTo(2);
            assertThat(stats.isBalanced()).isTrue();
            LogRecord failure = logs.records.get(0);
            assertThat(failure.getLevel()).isEqualTo(Level.WARNING);
            assertThat(failure.getMessage()).contains("export of 2 items failed");
            assertThat(failure.getThrown()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void exporterReportingFailureIsCountedLoggedAndHooked() {
        RecordingExporter<String> exporter = new RecordingExporter<>(
                call -> call == 1 ? RecordingExporter.Outcome.FAIL : RecordingExporter.Outcome.SUCCEED);
        try (LogCapture logs = LogCapture.of(BatchBuffer.class); BatchBuffer<String> buffer = buffers.build(builder(exporter))) {
            buffer.offer("a");
            assertThat(buffer.flush()).isTrue();
            buffer.offer("b");
            buffer.offer("c");
            assertThat(buffer.flush()).isFalse();
            buffer.offer("d");
            assertThat(buffer.flush()).isTrue();

            assertThat(hooked).containsExactly("a", "b", "c", "d");
            BatchStats stats = buffer.stats();
            assertThat(stats.exported()).isEqualTo(2);
            assertThat(stats.failed()).isEqualTo(2);
            assertThat(stats.failedExports()).isEqualTo(1);
            assertThat(stats.isBalanced()).isTrue();
            assertThat(logs.records).hasSize(1);
            assertThat(logs.records.get(0).getThrown()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void failureWithoutCauseIsCountedAsFailure() {
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<String> buffer = buffers.build(builder((batch, completion) -> completion.failure(null)))) {
            buffer.offer("a");
            assertThat(buffer.flush()).isFalse();
            assertThat(buffer.stats().failed()).isEqualTo(1);
            assertThat(hooked).containsExactly("a");
            assertThat(logs.records.get(0).getThrown()).isNull();
        }
    }

    @Test
    void asynchronousCompletionFromAnotherThreadIsAccepted() {
        BatchExporter<String> exporter = (batch, completion) -> {
            Thread completer = new Thread(() -> {
                sleep(30);
                completion.success();
            });
            completer.start();
        };
        try (BatchBuffer<String> buffer = buffers.build(builder(exporter))) {
            buffer.offer("a");
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(buffer.stats().exported()).isEqualTo(1);
            assertThat(hooked).containsExactly("a");
        }
    }

    @Test
    void firstSignalWinsAndLaterSignalsAreIgnored() {
        BatchExporter<String> exporter = (batch, completion) -> {
            if (batch.get(0).startsWith("ok")) {
                completion.success();
                completion.failure(new IOException("ignored"));
                throw new IllegalStateException("ignored too: a result was already signalled");
            }
            completion.failure(null);
            completion.success();
        };
        try (LogCapture logs = LogCapture.of(BatchBuffer.class); BatchBuffer<String> buffer = buffers.build(builder(exporter))) {
            buffer.offer("ok-1");
            assertThat(buffer.flush()).isTrue();
            buffer.offer("bad-1");
            assertThat(buffer.flush()).isFalse();
            BatchStats stats = buffer.stats();
            assertThat(stats.exported()).isEqualTo(1);
            assertThat(stats.failed()).isEqualTo(1);
            assertThat(hooked).containsExactly("ok-1", "bad-1");
            assertThat(logs.count(Level.WARNING, "failed")).as("the throw after success() is ignored").isEqualTo(1);
        }
    }

    @Test
    void timedOutExportIsAbandonedNotHookedAndTheWorkerUsesANewList() throws InterruptedException {
        RecordingExporter<String> exporter = RecordingExporter.holdingFirst();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<String> buffer = buffers.build(builder(exporter).setExporterTimeout(150, TimeUnit.MILLISECONDS))) {
            buffer.offer("a");
            buffer.offer("b");
            long start = System.nanoTime();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).as("abandoned items are not exported").isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
            BatchStats stats = buffer.stats();
            assertThat(stats.abandoned()).isEqualTo(2);
            assertThat(stats.timedOutExports()).isEqualTo(1);
            assertThat(stats.pending()).isZero();
            assertThat(stats.isBalanced()).isTrue();
            assertThat(hooked).as("abandoned items are never handed back").isEmpty();
            assertThat(logs.count(Level.WARNING, "timed out")).isEqualTo(1);

            buffer.offer("c");
            assertThat(buffer.flush()).isTrue();
            assertThat(exporter.lists.get(1)).as("the exporter may still hold the old list").isNotSameAs(exporter.lists.get(0));
            assertThat(exporter.lists.get(0)).as("the abandoned list is left untouched").containsExactly("a", "b");

            exporter.completions.get(0).success(); // late
            Thread.sleep(50);
            BatchStats after = buffer.stats();
            assertThat(after.exported()).isEqualTo(1);
            assertThat(after.abandoned()).isEqualTo(2);
            assertThat(after.isBalanced()).isTrue();
            assertThat(hooked).containsExactly("c");
            assertThat(logs.count(Level.INFO, "after the export timeout")).isEqualTo(1);
        }
    }

    @Test
    void successfulExportsReuseTheSameList() {
        RecordingExporter<String> exporter = RecordingExporter.succeeding();
        try (BatchBuffer<String> buffer = buffers.build(builder(exporter))) {
            for (String item : new String[] {"a", "b", "c"}) {
                buffer.offer(item);
                assertThat(buffer.flush()).isTrue();
            }
            assertThat(exporter.lists).hasSize(3);
            assertThat(exporter.lists.get(1)).isSameAs(exporter.lists.get(0));
            assertThat(exporter.lists.get(2)).isSameAs(exporter.lists.get(0));
        }
    }

    @Test
    void batchListIsUnmodifiable() {
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        BatchExporter<String> exporter = (batch, completion) -> {
            try {
                batch.clear();
            } catch (UnsupportedOperationException e) {
                thrown.add(e);
            }
            completion.success();
        };
        try (BatchBuffer<String> buffer = buffers.build(builder(exporter))) {
            buffer.offer("a");
            assertThat(buffer.flush()).isTrue();
            assertThat(thrown).hasSize(1);
            assertThat(hooked).containsExactly("a");
        }
    }

    @Test
    void throwingHookIsLoggedAndOtherItemsAreStillHooked() {
        BatchBuffer.Builder<String> builder = BatchBuffer.builder(RecordingExporter.<String>succeeding())
                .setScheduleDelay(1, TimeUnit.HOURS)
                .setCompletionHook(item -> {
                    if (item.equals("bad")) {
                        throw new IllegalArgumentException("hook failure");
                    }
                    hooked.add(item);
                });
        try (LogCapture logs = LogCapture.of(BatchBuffer.class); BatchBuffer<String> buffer = buffers.build(builder)) {
            buffer.offer("a");
            buffer.offer("bad");
            buffer.offer("c");
            assertThat(buffer.flush()).isTrue();
            assertThat(hooked).containsExactly("a", "c");
            assertThat(buffer.stats().exported()).isEqualTo(3);
            assertThat(logs.count(Level.WARNING, "completion hook threw")).isEqualTo(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
