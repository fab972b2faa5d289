package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor's flush rule and bounds: a failure exported by the schedule fails the next
 * {@code forceFlush} once, and a blocking or never-returning {@code export()} is abandoned at the
 * exporter timeout, so {@code forceFlush} and {@code shutdown} complete within their bounds.
 */
class BoundedBatchSpanProcessorLifecycleTest {

    /** Released after each test, so that no exporter thread stays blocked in a test's exporter. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedExporters() {
        release.countDown();
    }

    private static Tracer tracer(BoundedBatchSpanProcessor processor) {
        return SdkTracerProvider.builder().addSpanProcessor(processor).build().get("lifecycle-test");
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFailureExportedByTheScheduleFailsTheNextForceFlushOnce() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        exporter.mode = ScriptedExporter.Mode.FAIL;
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(exporter)
                    .setScheduleDelay(10, TimeUnit.MILLISECONDS).build();
            tracer(processor).spanBuilder("s").startSpan().end();
            Await.until(() -> processor.getStats().batch().failed() == 1, "the schedule exported the span");
            Thread.sleep(100);

            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .as("a span ended before the flush failed").isFalse();
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .as("the earlier flush reported it").isTrue();
            processor.shutdown().join(10, TimeUnit.SECONDS);
            assertThat(logs.records).isNotEmpty();
        }
    }

    @Test
    void aBlockingExportIsAbandonedAtTheTimeoutAndForceFlushCompletesWithinIt() {
        ScriptedExporter exporter = new ScriptedExporter(spans -> {
            sleep(1_500);
            return CompletableResultCode.ofSuccess();
        });
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(exporter)
                    .setScheduleDelay(1, TimeUnit.HOURS).setExporterTimeout(500, TimeUnit.MILLISECONDS).build();
            tracer(processor).spanBuilder("slow").startSpan().end();

            long start = System.nanoTime();
            CompletableResultCode flushed = processor.forceFlush().join(10, TimeUnit.SECONDS);
            long took = millisSince(start);

            assertThat(flushed.isSuccess()).as("a 1.5 s export against a 500 ms timeout").isFalse();
            assertThat(took).isBetween(400L, 1_300L);
            assertThat(processor.getStats().batch().abandoned()).isEqualTo(1);
            processor.shutdown().join(10, TimeUnit.SECONDS);
            assertThat(logs.records).isNotEmpty();
        }
    }

    @Test
    void anExportThatNeverReturnsHangsNeitherForceFlushNorShutdown() {
        ScriptedExporter exporter = new ScriptedExporter(spans -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableResultCode.ofSuccess();
        });
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(exporter)
                    .setScheduleDelay(1, TimeUnit.HOURS).setExporterTimeout(200, TimeUnit.MILLISECONDS).build();
            Tracer tracer = tracer(processor);
            tracer.spanBuilder("stuck").startSpan().end();
            CompletableResultCode flushed = processor.forceFlush().join(5, TimeUnit.SECONDS);
            assertThat(flushed.isDone()).as("forceFlush completed").isTrue();
            assertThat(flushed.isSuccess()).isFalse();

            tracer.spanBuilder("queued behind the stuck call").startSpan().end();
            long start = System.nanoTime();
            CompletableResultCode shutdown = processor.shutdown().join(5, TimeUnit.SECONDS);
            assertThat(shutdown.isDone()).as("shutdown completed").isTrue();
            assertThat(millisSince(start)).isLessThan(2_000L);
            assertThat(shutdown.isSuccess()).isFalse();
            assertThat(exporter.exportCalls).as("never called again while stuck").hasValue(1);
            assertThat(exporter.shutdownCalls).hasValue(1);
            assertThat(processor.getStats().batch().pending()).isZero();
            assertThat(processor.getStats().batch().isBalanced()).isTrue();
            assertThat(logs.records).isNotEmpty();
        }
    }
}
