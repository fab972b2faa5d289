package io.lowalloc.otel.internal.processor;

import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.otel.testing.FixedReadableSpan;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotExportStageTest {

    private static final ProcessorMetrics METRICS =
            new ProcessorMetrics(MeterProvider::noop, "test", 1, () -> 0L);

    /** Each export call is answered by {@code results}; records what it was given. */
    private static final class Exporter implements SpanExporter {
        final List<Collection<SpanData>> received = new ArrayList<>();
        final List<List<String>> names = new ArrayList<>();
        Function<Collection<SpanData>, CompletableResultCode> results = spans -> CompletableResultCode.ofSuccess();
        CompletableResultCode shutdownResult = CompletableResultCode.ofSuccess();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            received.add(spans);
            List<String> batch = new ArrayList<>();
            spans.forEach(span -> batch.add(span.getName()));
            names.add(batch);
            return results.apply(spans);
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return shutdownResult;
        }
    }

    private static final class Completion implements ExportCompletion {
        final AtomicInteger successes = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicReference<Throwable> cause = new AtomicReference<>();

        @Override
        public void success() {
            successes.incrementAndGet();
        }

        @Override
        public void failure(Throwable cause) {
            this.cause.set(cause);
            failures.incrementAndGet();
        }
    }

    private final Exporter exporter = new Exporter();
    private final SnapshotExportStage stage = new SnapshotExportStage(exporter, METRICS);

    private static ReadableSpan span(String name) {
        return new FixedReadableSpan(TestSpanData.builder()
                .setSpanContext(SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
                        TraceFlags.getSampled(), TraceState.getDefault()))
                .setName(name)
                .setKind(SpanKind.INTERNAL)
                .setStartEpochNanos(1)
                .setEndEpochNanos(2)
                .setStatus(StatusData.unset())
                .setHasEnded(true)
                .setTotalRecordedEvents(0)
                .setTotalRecordedLinks(0)
                .build());
    }

    @Test
    void exportsEachSpansOwnSnapshotInOrderAndSignalsTheExportersSuccess() {
        ReadableSpan a = span("a");
        ReadableSpan b = span("b");
        Completion completion = new Completion();

        stage.export(List.of(a, b), completion);

        assertThat(exporter.names).containsExactly(List.of("a", "b"));
        assertThat(completion.successes).hasValue(1);
        assertThat(completion.failures).hasValue(0);
        assertThat(exporter.received.get(0)).as("settled: the list was cleared for reuse").isEmpty();
    }

    @Test
    void aFailedResultANullResultAndAnExceptionAreFailures() {
        Completion failed = new Completion();
        exporter.results = spans -> CompletableResultCode.ofFailure();
        stage.export(List.of(span("f")), failed);
        Completion nothing = new Completion();
        exporter.results = spans -> null;
        stage.export(List.of(span("n")), nothing);
        Completion thrown = new Completion();
        IllegalStateException boom = new IllegalStateException("boom");
        exporter.results = spans -> {
            throw boom;
        };
        stage.export(List.of(span("t")), thrown);

        assertThat(failed.failures).hasValue(1);
        assertThat(nothing.failures).hasValue(1);
        assertThat(nothing.cause.get()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("SpanExporter.export returned null");
        assertThat(thrown.failures).hasValue(1);
        assertThat(thrown.cause.get()).isSameAs(boom);
        assertThat(stage.batchesReplaced()).as("every one settled: one list throughout").isZero();
    }

    @Test
    void aPendingResultSignalsWhenItCompletesAndOnlyThenFreesTheList() {
        CompletableResultCode pending = new CompletableResultCode();
        exporter.results = spans -> pending;
        Completion completion = new Completion();

        stage.export(List.of(span("late")), completion);

        assertThat(completion.successes).hasValue(0);
        assertThat(exporter.received.get(0)).as("still the exporter's").hasSize(1);
        pending.succeed();
        assertThat(completion.successes).hasValue(1);
        assertThat(exporter.received.get(0)).isEmpty();
        exporter.results = spans -> CompletableResultCode.ofSuccess();
        stage.export(List.of(span("next")), new Completion());
        assertThat(exporter.received.get(1)).as("the settled list is reused").isSameAs(exporter.received.get(0));
        assertThat(stage.batchesReplaced()).isZero();
    }

    @Test
    void aListStillHeldByAnAbandonedExportIsLeftToItsExporter() {
        CompletableResultCode never = new CompletableResultCode();
        exporter.results = spans -> never;
        stage.export(List.of(span("hung")), new Completion());
        exporter.results = spans -> CompletableResultCode.ofSuccess();

        stage.export(List.of(span("after")), new Completion());

        assertThat(stage.batchesReplaced()).isEqualTo(1);
        assertThat(exporter.received.get(1)).isNotSameAs(exporter.received.get(0));
        assertThat(exporter.received.get(0)).extracting(SpanData::getName).containsExactly("hung");
        never.succeed(); // the late result frees the old list only, never the new one
        assertThat(exporter.received.get(0)).isEmpty();
        stage.export(List.of(span("third")), new Completion());
        assertThat(exporter.received.get(2)).isSameAs(exporter.received.get(1));
    }

    @Test
    void aSpanWhoseSnapshotFailsIsLeftOutCountedAndFailsItsBatch() {
        Completion completion = new Completion();

        stage.export(List.of(span("a"), FixedReadableSpan.invalidSpan(), span("b")), completion);

        assertThat(exporter.names).containsExactly(List.of("a", "b"));
        assertThat(completion.failures).hasValue(1);
        assertThat(completion.cause.get()).hasMessage(FixedReadableSpan.SNAPSHOT_FAILURE);
        assertThat(stage.invalidSpans()).isEqualTo(1);
    }

    @Test
    void aBatchOfOnlyUnreadableSpansNeverReachesTheExporter() {
        Completion completion = new Completion();
        stage.export(List.of(FixedReadableSpan.invalidSpan(), FixedReadableSpan.nullSnapshotSpan()), completion);

        assertThat(exporter.received).isEmpty();
        assertThat(completion.failures).hasValue(1);
        assertThat(stage.invalidSpans()).isEqualTo(2);
    }

    @Test
    void shutdownForwardsTheExportersResultAndTreatsNullAsAFailure() {
        Completion ok = new Completion();
        stage.shutdown(ok);
        exporter.shutdownResult = null;
        Completion nothing = new Completion();
        stage.shutdown(nothing);

        assertThat(ok.successes).hasValue(1);
        assertThat(nothing.failures).hasValue(1);
        assertThat(nothing.cause.get()).hasMessageContaining("SpanExporter.shutdown returned null");
    }

    /**
     * Steady state: with spans whose snapshot is already made and an exporter that answers at once,
     * an export of 512 spans allocates nothing on the exporter thread (the list is reused).
     */
    @Test
    void aSettledExportAllocatesNothingPerSpanOrPerCall() {
        List<ReadableSpan> batch = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            batch.add(span("s"));
        }
        SnapshotExportStage quiet = new SnapshotExportStage(new SpanExporter() {
            private final CompletableResultCode success = CompletableResultCode.ofSuccess();

            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return success;
            }

            @Override
            public CompletableResultCode flush() {
                return success;
            }

            @Override
            public CompletableResultCode shutdown() {
                return success;
            }
        }, METRICS);
        Completion completion = new Completion();

        double bytesPerExport = AllocationMeter.create().bytesPerOp(20_000, 2_000, i -> {
            quiet.export(batch, completion);
            return completion.successes.get();
        });

        assertThat(bytesPerExport).as("bytes per export of 512 spans").isZero();
    }
}
