package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanState;
import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Release;
import io.lowalloc.core.testing.Timing;
import io.lowalloc.otel.testing.BalancedPipelines;
import io.lowalloc.otel.testing.LifecycleExporter;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline's flush, close and exporter lifecycle promises: honest flush results (failures
 * exported by the schedule, drops), the export timeout enforced on a blocking {@code export()},
 * close bounded whatever the exporter's shutdown does, close inside {@code export()} deferred,
 * flush/shutdown results that are null or throw counted as failures; and the end-time checks
 * (a span of another pipeline, a parent context with invalid ids).
 */
class PooledSpanPipelineLifecycleTest {

    /** Closes every tracked pipeline after each test and checks its accounting. */
    @RegisterExtension
    final BalancedPipelines pipelines = new BalancedPipelines();
    /** Opened after each test, before the pipelines close: no exporter thread stays blocked. */
    private final Release release = pipelines.release();

    private PooledSpanPipeline track(PooledSpanPipeline pipeline) {
        return pipelines.track(pipeline);
    }

    /** An untracked pipeline (the test closes it and checks it) with a 200 ms exporter timeout. */
    private static PooledSpanPipeline withExporterTimeout200(LifecycleExporter exporter) {
        return PooledSpanPipeline.builder(exporter).setExporterTimeout(200, TimeUnit.MILLISECONDS).build();
    }

    private static void endSpans(PooledSpanPipeline pipeline, int count) {
        for (int i = 0; i < count; i++) {
            pipeline.end(pipeline.startSpan("s" + i, SpanKind.INTERNAL));
        }
    }

    // ------------------------------------------------------------ honest flush

    @Test
    void aFailureExportedByTheScheduleFailsTheNextFlushOnce() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        exporter.mode = ScriptedExporter.Mode.FAIL;
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter)
                    .setScheduleDelay(10, TimeUnit.MILLISECONDS).build());
            endSpans(pipeline, 1);
            Await.until(() -> pipeline.stats().batch().failed() == 1, "the schedule exported the span and it failed");
            Thread.sleep(100);

            assertThat(pipeline.flush()).as("a span ended before the flush failed").isFalse();
            assertThat(pipeline.flush()).as("the earlier flush reported it").isTrue();
            assertThat(logs.records).isNotEmpty();
        }
    }

    @Test
    void dropsFailTheNextFlushOnce() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter)
                    .setMaxQueueSize(1).setMaxExportBatchSize(1).build());
            exporter.closeGate();
            endSpans(pipeline, 1);
            assertThat(exporter.awaitEntered()).isTrue(); // held: nothing leaves the queue of 1
            endSpans(pipeline, 10);
            assertThat(pipeline.stats().batch().droppedQueueFull()).isEqualTo(9);
            exporter.openGate();

            assertThat(pipeline.flush()).as("9 of the spans ended before the flush were dropped").isFalse();
            assertThat(pipeline.flush()).as("the earlier flush reported the drops").isTrue();
            assertThat(logs.records).isNotEmpty();
        }
    }

    // ------------------------------------------------------------ the export timeout

    @Test
    void aBlockingExportIsAbandonedAtTheTimeoutAndFlushReturnsWithinIt() {
        LifecycleExporter exporter = new LifecycleExporter();
        // sends synchronously, as OpenTelemetry's Zipkin exporter does
        exporter.onExport = LifecycleExporter.succeedingAfter(() -> Timing.sleep(1_500));
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter)
                    .setExporterTimeout(500, TimeUnit.MILLISECONDS).build());
            endSpans(pipeline, 1);

            long start = System.nanoTime();
            boolean flushed = pipeline.flush();
            long took = Timing.millisSince(start);

            assertThat(flushed).as("a 1.5 s export against a 500 ms timeout is not exported").isFalse();
            assertThat(took).isBetween(400L, 1_300L);
            assertThat(pipeline.stats().batch().abandoned()).isEqualTo(1);
            assertThat(logs.records).isNotEmpty();
        }
    }

    @Test
    void anExportThatNeverReturnsHangsNeitherFlushNorClose() {
        LifecycleExporter exporter = new LifecycleExporter();
        exporter.onExport = LifecycleExporter.succeedingAfter(release::await);
        PooledSpanPipeline pipeline = withExporterTimeout200(exporter);
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            endSpans(pipeline, 3);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertThat(pipeline.flush()).isFalse();
                long start = System.nanoTime();
                pipeline.close();
                assertThat(Timing.millisSince(start)).isLessThan(1_500L);
            }, "flush and close returned");
            assertThat(logs.records).isNotEmpty();
        }
        assertThat(exporter.exports).as("one export at a time: never called again while stuck").hasValue(1);
        assertThat(exporter.shutdowns).hasValue(1);
        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().pending()).isZero();
        assertThat(stats.batch().abandoned()).isEqualTo(3);
        assertThat(stats.isBalanced()).isTrue();
    }

    // ------------------------------------------------------------ bounded close

    @Test
    void closeIsBoundedByTheExporterTimeoutWhenShutdownBlocks() {
        LifecycleExporter exporter = new LifecycleExporter();
        exporter.onShutdown = LifecycleExporter.succeedingAfter(() -> Timing.sleep(3_000));
        PooledSpanPipeline pipeline = withExporterTimeout200(exporter);
        endSpans(pipeline, 2);

        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            long start = System.nanoTime();
            pipeline.close();
            long took = Timing.millisSince(start);

            assertThat(took).as("a 3 s shutdown against a 200 ms timeout").isBetween(150L, 1_000L);
            assertThat(logs.records).isNotEmpty();
        }
        assertThat(pipeline.stats().batch().exported()).isEqualTo(2);
        assertThat(exporter.shutdowns).hasValue(1);
    }

    @Test
    void aShutdownThatNeverReturnsHangsNeitherCloseNorASecondClose() {
        LifecycleExporter exporter = new LifecycleExporter();
        exporter.onShutdown = LifecycleExporter.succeedingAfter(release::await);
        PooledSpanPipeline pipeline = withExporterTimeout200(exporter);
        endSpans(pipeline, 1);

        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                long start = System.nanoTime();
                pipeline.close();
                assertThat(Timing.millisSince(start)).as("first close").isLessThan(1_500L);
                start = System.nanoTime();
                pipeline.close();
                assertThat(Timing.millisSince(start)).as("second close").isLessThan(100L);
            }, "both closes returned");
            assertThat(logs.records).isNotEmpty();
        }
        assertThat(exporter.shutdowns).hasValue(1);
    }

    @Test
    void closeInsideExportIsDeferredAndTheApplicationsCloseDrainsAndShutsDownOnce() {
        LifecycleExporter exporter = new LifecycleExporter();
        AtomicReference<PooledSpanPipeline> self = new AtomicReference<>();
        Release allEnded = new Release();
        AtomicLong innerCloseMillis = new AtomicLong(-1);
        exporter.onExport = () -> {
            if (exporter.exports.get() == 1) {
                allEnded.await();
                long start = System.nanoTime();
                self.get().close();
                innerCloseMillis.set(Timing.millisSince(start));
            }
            return CompletableResultCode.ofSuccess();
        };
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(exporter)
                .setMaxExportBatchSize(16).setScheduleDelay(1, TimeUnit.HOURS).build();
        self.set(pipeline);
        endSpans(pipeline, 1_000);
        allEnded.open();
        Await.until(() -> innerCloseMillis.get() >= 0, "the exporter closed the pipeline inside export()");

        long start = System.nanoTime();
        pipeline.close();
        long took = Timing.millisSince(start);

        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().pending()).as("the application's close drained: %s (took %d ms)", stats, took)
                .isZero();
        assertThat(stats.batch().exported()).isEqualTo(1_000);
        assertThat(exporter.shutdowns).hasValue(1);
        assertThat(exporter.exportsAfterShutdown).as("exports after the exporter's shutdown").hasValue(0);
        assertThat(pipeline.isClosed()).isTrue();
    }

    // ------------------------------------------------------------ flush and shutdown results

    @Test
    void nullOrThrowingFlushAndShutdownResultsAreFailuresNeverExceptions() {
        LifecycleExporter nulls = new LifecycleExporter();
        nulls.onFlush = () -> null;
        nulls.onShutdown = () -> null;
        LifecycleExporter throwing = new LifecycleExporter();
        throwing.onFlush = () -> {
            throw new IllegalStateException("flush bug");
        };
        throwing.onShutdown = () -> {
            throw new IllegalStateException("shutdown bug");
        };
        try (LogCapture logs = LogCapture.of("io.lowalloc")) {
            for (LifecycleExporter exporter : List.of(nulls, throwing)) {
                PooledSpanPipeline pipeline = PooledSpanPipeline.builder(exporter).build();
                endSpans(pipeline, 1);

                assertThat(pipeline.flush()).as("the exporter's flush failed").isFalse();
                pipeline.close();

                assertThat(exporter.shutdowns).hasValue(1);
                assertThat(pipeline.stats().batch().exported()).isEqualTo(1);
            }
            assertThat(logs.records).as("each failure is logged").isNotEmpty();
        }
    }

    // ------------------------------------------------------------ what end() and startSpan() check

    @Test
    void endRejectsASpanOfAnotherPipeline() {
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(new ScriptedExporter()).build());
        PooledSpanPipeline other = track(PooledSpanPipeline.builder(new ScriptedExporter()).build());
        SpanData foreign = other.startSpan("foreign", SpanKind.INTERNAL);

        assertThatIllegalArgumentException().isThrownBy(() -> pipeline.end(foreign))
                .withMessageStartingWith("span was not started by this recorder");

        assertThat(foreign.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(pipeline.stats().batch().offered()).isZero();
        assertThat(other.end(foreign)).isTrue();
    }

    @Test
    void aParentContextThatClaimsValidityWithInvalidIdsStartsANewTrace() {
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(new ScriptedExporter()).build());
        String[][] lies = {
            {"00000000000000000000000000000000", "00f067aa0ba902b7"},
            {"4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000000"},
            {"4bf92f3577b34da6a3ce929d0e0e473", "00f067aa0ba902b7"},
            {"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902bz"},
        };
        for (String[] ids : lies) {
            SpanContext liar = lyingSpanContext(ids[0], ids[1]);

            SpanData span = pipeline.startSpan("child", SpanKind.SERVER, liar);

            assertThat(span.parentSpanId()).as("no parent for %s/%s", ids[0], ids[1]).isZero();
            assertThat(HexIds.traceIdToHex(span.traceIdHigh(), span.traceIdLow())).isNotEqualTo(ids[0])
                    .isNotEqualTo("00000000000000000000000000000000");
            assertThat(span.isParentRemote()).isFalse();
            pipeline.end(span);
        }
    }

    /**
     * A custom {@code SpanContext} that says it is valid whatever its ids are: a proxy, since the
     * only point is what its six accessors return (its default methods run as declared).
     */
    private static SpanContext lyingSpanContext(String traceId, String spanId) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getTraceId":
                    return traceId;
                case "getSpanId":
                    return spanId;
                case "getTraceFlags":
                    return TraceFlags.getSampled();
                case "getTraceState":
                    return TraceState.getDefault();
                case "isValid":
                case "isRemote":
                    return true;
                case "toString":
                    return "LyingSpanContext " + traceId + "/" + spanId;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return InvocationHandler.invokeDefault(proxy, method, args);
            }
        };
        return (SpanContext) Proxy.newProxyInstance(SpanContext.class.getClassLoader(),
                new Class<?>[] {SpanContext.class}, handler);
    }
}
