package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.testing.Await;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The recorder's release path with an exporter that copies its batch and releases it before the
 * result: the spans are back in the pool (and reusable) while the accounting still counts them
 * pending; the result then counts them, and the invariant holds throughout.
 */
class SpanRecorderReleasedExportTest {

    /** Copies each batch's names, releases it, and leaves the result to the test. */
    private static final class CopyingExporter implements BatchExporter<SpanData> {
        final AtomicReference<ExportCompletion> open = new AtomicReference<>();
        volatile int copied;

        @Override
        public void export(List<SpanData> batch, ExportCompletion completion) {
            int names = 0;
            for (SpanData span : batch) {
                names += span.name().length() > 0 ? 1 : 0;
            }
            copied += names;
            completion.released();
            open.set(completion);
        }
    }

    private final CopyingExporter exporter = new CopyingExporter();
    private final SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false).setPoolCapacity(64)
            .setBatchOptions(BatchOptions.builder().setMaxExportBatchSize(16).setScheduleDelay(1, TimeUnit.HOURS)
                    .setExporterTimeout(10, TimeUnit.SECONDS).build())
            .build(exporter);

    @AfterEach
    void close() {
        ExportCompletion completion = exporter.open.getAndSet(null);
        if (completion != null) {
            completion.success();
        }
        recorder.close();
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().pending()).as("%s", stats).isZero();
        assertThat(stats.batch().isBalanced()).as("%s", stats).isTrue();
        assertThat(stats.pool().outstanding()).as("%s", stats).isZero();
    }

    private void record(int count) {
        for (int i = 0; i < count; i++) {
            recorder.end(recorder.startSpan("work", SpanKind.INTERNAL));
        }
    }

    @Test
    void releasedSpansAreBackInThePoolWhileTheyArePendingAndCountedAtTheResult() {
        record(16); // one full batch
        Await.until(() -> exporter.open.get() != null, "the export call");
        Await.until(() -> recorder.stats().pool().outstanding() == 0, "spans back in the pool");
        RecorderStats during = recorder.stats();
        assertThat(during.batch().pending()).as("%s", during).isEqualTo(16);
        assertThat(during.batch().isBalanced()).isTrue();
        assertThat(exporter.copied).isEqualTo(16);

        exporter.open.getAndSet(null).success();
        Await.until(() -> recorder.stats().batch().exported() == 16, "counted at the result");
        assertThat(recorder.stats().batch().pending()).isZero();
    }

    @Test
    void aFailureAfterTheReleaseCountsTheSpansFailedAndReturnsNothingTwice() {
        record(16);
        Await.until(() -> exporter.open.get() != null, "the export call");
        exporter.open.getAndSet(null).failure(new IOException("server said no"));
        Await.until(() -> recorder.stats().batch().failed() == 16, "counted failed");
        BatchStats stats = recorder.stats().batch();
        assertThat(stats.exported()).isZero();
        assertThat(recorder.stats().pool().released()).as("each span released once").isEqualTo(16);
    }
}
