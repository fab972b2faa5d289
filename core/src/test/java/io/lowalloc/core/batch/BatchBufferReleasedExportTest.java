package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Offers;
import io.lowalloc.core.testing.Timing;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The split of an export into "items released" and "result known": the completion hook runs at the
 * release, the accounting moves only with the result, and the export timeout bounds both.
 */
class BatchBufferReleasedExportTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    /** Releases the batch, then leaves the completion to the test (or to {@link #afterRelease}). */
    private static final class ReleasingExporter implements BatchExporter<Integer> {

        final AtomicReference<ExportCompletion> last = new AtomicReference<>();
        volatile Consumer<ExportCompletion> afterRelease = c -> { };

        @Override
        public void export(List<Integer> batch, ExportCompletion completion) {
            completion.released();
            last.set(completion);
            afterRelease.accept(completion);
        }
    }

    private final List<Integer> hooked = new CopyOnWriteArrayList<>();

    private BatchBuffer<Integer> build(BatchExporter<Integer> exporter, long timeoutMillis) {
        return buffers.build(BatchBuffer.builder(exporter).setScheduleDelay(1, TimeUnit.HOURS)
                .setExporterTimeout(timeoutMillis, TimeUnit.MILLISECONDS).setCompletionHook(hooked::add));
    }

    @Test
    void releasedItemsGoToTheHookAtOnceAndAreCountedOnlyWhenTheResultArrives() {
        ReleasingExporter exporter = new ReleasingExporter();
        BatchBuffer<Integer> buffer = build(exporter, 10_000);
        Offers.range(buffer, 0, 3);
        Thread flusher = new Thread(buffer::flush, "flusher");
        flusher.start();

        Await.until(() -> hooked.size() == 3, "the hook ran at the release");
        BatchStats before = buffer.stats();
        assertThat(before.pending()).as("result not known yet: %s", before).isEqualTo(3);
        assertThat(before.exported()).isZero();

        exporter.last.get().success();
        Await.until(() -> buffer.stats().exported() == 3, "counted at the result");
        assertThat(hooked).as("each item handed back once").containsExactly(0, 1, 2);
        assertThat(buffer.stats().isBalanced()).isTrue();
        Await.until(() -> !flusher.isAlive(), "the flush returned");
    }

    @Test
    void releasedThenFailedCountsTheItemsFailed() {
        ReleasingExporter exporter = new ReleasingExporter();
        exporter.afterRelease = c -> c.failure(new IOException("server said no"));
        BatchBuffer<Integer> buffer = build(exporter, 10_000);
        Offers.range(buffer, 0, 2);

        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            assertThat(buffer.flush()).isFalse();
            assertThat(logs.count(Level.WARNING, "export of 2 items failed")).isEqualTo(1);
        }
        BatchStats stats = buffer.stats();
        assertThat(stats.failed()).as("%s", stats).isEqualTo(2);
        assertThat(stats.failedExports()).isEqualTo(1);
        assertThat(hooked).containsExactly(0, 1);
    }

    @Test
    void releasedWithoutAResultInTimeCountsFailedNotAbandonedAndALateResultIsIgnored() {
        ReleasingExporter exporter = new ReleasingExporter();
        BatchBuffer<Integer> buffer = build(exporter, 200);
        Offers.range(buffer, 0, 2);

        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            long start = System.nanoTime();
            assertThat(buffer.flush()).isFalse();
            assertThat(Timing.millisSince(start)).as("bounded by the 200 ms timeout").isBetween(150L, 2_000L);
            assertThat(logs.count(Level.WARNING, "after the exporter released its 2 items")).isEqualTo(1);
            exporter.last.get().success();
            Await.until(() -> logs.count(Level.INFO, "after the export timeout") == 1, "late result logged");
        }
        BatchStats stats = buffer.stats();
        assertThat(stats.failed()).as("%s", stats).isEqualTo(2);
        assertThat(stats.abandoned()).as("handed back already, so not abandoned").isZero();
        assertThat(stats.timedOutExports()).isEqualTo(1);
        assertThat(stats.exported()).as("the late success is ignored").isZero();
        assertThat(hooked).containsExactly(0, 1);
    }

    @Test
    void aReleaseAfterTheTimeoutIsIgnoredAndTheItemsStayAbandoned() {
        BatchExporter<Integer> late = (batch, completion) -> {
            Timing.sleep(400);
            completion.released();
            completion.success();
        };
        BatchBuffer<Integer> buffer = build(late, 100);
        Offers.range(buffer, 0, 2);

        assertThat(buffer.flush()).isFalse();
        Timing.sleep(500);
        BatchStats stats = buffer.stats();
        assertThat(stats.abandoned()).as("%s", stats).isEqualTo(2);
        assertThat(hooked).as("abandoned items are never handed back").isEmpty();
    }

    @Test
    void aRepeatedReleaseOrAReleaseAfterTheResultChangesNothing() {
        BatchExporter<Integer> repeating = (batch, completion) -> {
            completion.released();
            completion.released();
            completion.success();
            completion.released();
            completion.failure(null);
        };
        BatchBuffer<Integer> buffer = build(repeating, 10_000);
        Offers.range(buffer, 0, 5);

        assertThat(buffer.flush()).isTrue();
        assertThat(buffer.stats().exported()).isEqualTo(5);
        assertThat(hooked).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aThrowAfterTheReleaseCountsTheItemsFailed() {
        BatchExporter<Integer> throwing = (batch, completion) -> {
            completion.released();
            throw new IllegalStateException("transport bug");
        };
        BatchBuffer<Integer> buffer = build(throwing, 10_000);
        Offers.range(buffer, 0, 3);

        assertThat(buffer.flush()).isFalse();
        assertThat(buffer.stats().failed()).isEqualTo(3);
        assertThat(hooked).containsExactly(0, 1, 2);
    }

    @Test
    void aPartialSuccessCountsTheRejectedItemsFailedAndTheRestExported() {
        ReleasingExporter exporter = new ReleasingExporter();
        exporter.afterRelease = c -> {
            c.partialSuccess(2, new IOException("2 spans rejected"));
            c.success();
        };
        BatchBuffer<Integer> buffer = build(exporter, 10_000);
        Offers.range(buffer, 0, 5);

        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            assertThat(buffer.flush()).as("two items were lost").isFalse();
            assertThat(logs.count(Level.WARNING, "failed for 2 of them")).isEqualTo(1);
        }
        BatchStats stats = buffer.stats();
        assertThat(stats.exported()).as("%s", stats).isEqualTo(3);
        assertThat(stats.failed()).isEqualTo(2);
        assertThat(stats.failedExports()).isEqualTo(1);
        assertThat(stats.pending()).isZero();
        assertThat(hooked).containsExactly(0, 1, 2, 3, 4);

        exporter.afterRelease = c -> c.partialSuccess(0, null);
        buffer.offer(5);
        assertThat(buffer.flush()).as("nothing rejected is a success").isTrue();
        exporter.afterRelease = c -> c.partialSuccess(7, null);
        buffer.offer(6);
        assertThat(buffer.flush()).isFalse();
        assertThat(buffer.stats().failed()).as("all rejected is a failure of the batch").isEqualTo(3);
    }
}
