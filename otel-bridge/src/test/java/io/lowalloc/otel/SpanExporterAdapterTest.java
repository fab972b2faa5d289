package io.lowalloc.otel;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.otel.internal.view.PooledSpanDataView;
import io.lowalloc.otel.testing.LifecycleExporter;
import io.lowalloc.otel.testing.SampleSpans;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import static io.lowalloc.otel.testing.SampleSpans.RESOURCE;
import static io.lowalloc.otel.testing.SampleSpans.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class SpanExporterAdapterTest {

    private static List<SpanData> batchOf(int n) {
        List<SpanData> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(SampleSpans.full());
        }
        return batch;
    }

    private static SpanExporterAdapter adapter(ScriptedExporter exporter) {
        return SpanExporterAdapter.builder(exporter).setResource(RESOURCE).setInstrumentationScope(SCOPE).build();
    }

    @Test
    void viewModeHandsTheExporterViewsOfEverySpan() {
        List<AssertionError> errors = new ArrayList<>();
        ScriptedExporter exporter = new ScriptedExporter(spans -> {
            try {
                assertThat(spans).hasSize(2).allSatisfy(s -> assertThat(s).isInstanceOf(PooledSpanDataView.class));
                spans.forEach(s -> SampleSpans.assertFull(s, RESOURCE, SCOPE));
            } catch (AssertionError e) {
                errors.add(e);
            }
            return CompletableResultCode.ofSuccess();
        });
        RecordingCompletion completion = new RecordingCompletion();

        adapter(exporter).export(batchOf(2), completion);

        assertThat(errors).isEmpty();
        assertThat(completion.successes).hasValue(1);
        assertThat(completion.failures).hasValue(0);
    }

    @Test
    void viewsAreUnboundOnceTheResultCompletes() {
        ScriptedExporter exporter = new ScriptedExporter();

        adapter(exporter).export(batchOf(1), new RecordingCompletion());

        io.opentelemetry.sdk.trace.data.SpanData kept = exporter.batches.get(0).iterator().next();
        assertThatThrownBy(kept::getName).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copy mode");
    }

    @Test
    void finishedBatchIteratorStaysFinishedWhenTheBatchIsIteratedAgain() {
        List<Boolean> finishedHasNext = new ArrayList<>();
        adapter(new ScriptedExporter(spans -> {
            Iterator<io.opentelemetry.sdk.trace.data.SpanData> finished = spans.iterator();
            while (finished.hasNext()) {
                finished.next();
            }
            Iterator<io.opentelemetry.sdk.trace.data.SpanData> again = spans.iterator();
            again.next();
            finishedHasNext.add(finished.hasNext());
            return CompletableResultCode.ofSuccess();
        })).export(batchOf(2), new RecordingCompletion());

        assertThat(finishedHasNext).as("hasNext() of a finished batch iterator").containsExactly(false);
    }

    @Test
    void completedExportsReuseTheSameViews() {
        ScriptedExporter exporter = new ScriptedExporter();
        List<io.opentelemetry.sdk.trace.data.SpanData> seen = new ArrayList<>();
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(new ScriptedExporter(spans -> {
            seen.addAll(spans);
            return exporter.export(spans);
        })).build();

        adapter.export(batchOf(2), new RecordingCompletion());
        adapter.export(batchOf(2), new RecordingCompletion());

        assertThat(seen.get(2)).isSameAs(seen.get(0));
        assertThat(seen.get(3)).isSameAs(seen.get(1));
        assertThat(adapter.viewSetsReplaced()).isZero();
    }

    @Test
    void asynchronousResultSignalsWhenItCompletesAndKeepsViewsBoundUntilThen() {
        CompletableResultCode pending = new CompletableResultCode();
        ScriptedExporter exporter = new ScriptedExporter(spans -> pending);
        RecordingCompletion completion = new RecordingCompletion();

        adapter(exporter).export(batchOf(1), completion);
        io.opentelemetry.sdk.trace.data.SpanData view = exporter.batches.get(0).iterator().next();

        assertThat(completion.signalled()).isFalse();
        assertThat(view.getName()).isEqualTo(SampleSpans.NAME);
        pending.succeed();
        assertThat(completion.successes).hasValue(1);
        assertThatThrownBy(view::getName).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedResultSignalsFailureWithItsThrowable() {
        IllegalStateException boom = new IllegalStateException("collector said no");
        RecordingCompletion completion = new RecordingCompletion();

        adapter(new ScriptedExporter(spans -> CompletableResultCode.ofExceptionalFailure(boom)))
                .export(batchOf(1), completion);

        assertThat(completion.failures).hasValue(1);
        assertThat(completion.cause).hasValue(boom);
    }

    @Test
    void failedResultWithoutThrowableSignalsFailure() {
        RecordingCompletion completion = new RecordingCompletion();

        adapter(new ScriptedExporter(spans -> CompletableResultCode.ofFailure())).export(batchOf(1), completion);

        assertThat(completion.failures).hasValue(1);
        assertThat(completion.cause).hasValue(null);
    }

    @Test
    void exporterExceptionSignalsFailureAndReleasesTheViews() {
        RuntimeException boom = new RuntimeException("exporter bug");
        List<io.opentelemetry.sdk.trace.data.SpanData> seen = new ArrayList<>();
        SpanExporterAdapter adapter = adapter(new ScriptedExporter(spans -> {
            seen.add(spans.iterator().next());
            throw boom;
        }));
        RecordingCompletion completion = new RecordingCompletion();

        adapter.export(batchOf(1), completion);
        adapter.export(batchOf(1), new RecordingCompletion());

        assertThat(completion.failures).hasValue(1);
        assertThat(completion.cause).hasValue(boom);
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(adapter.viewSetsReplaced()).isZero();
    }

    @Test
    void nullResultSignalsFailure() {
        RecordingCompletion completion = new RecordingCompletion();

        adapter(new ScriptedExporter(spans -> null)).export(batchOf(1), completion);

        assertThat(completion.failures).hasValue(1);
        assertThat(completion.cause.get()).isInstanceOf(NullPointerException.class)
                .hasMessage("SpanExporter.export returned null: ScriptedExporter");
    }

    @Test
    void exportThatNeverCompletesLeavesItsViewsToTheExporter() {
        List<CompletableResultCode> results = new ArrayList<>();
        ScriptedExporter exporter = new ScriptedExporter(spans -> {
            CompletableResultCode result = new CompletableResultCode();
            results.add(result);
            return result;
        });
        SpanExporterAdapter adapter = adapter(exporter);

        adapter.export(batchOf(1), new RecordingCompletion()); // never completes: abandoned
        adapter.export(batchOf(1), new RecordingCompletion());
        io.opentelemetry.sdk.trace.data.SpanData abandoned = exporter.batches.get(0).iterator().next();
        io.opentelemetry.sdk.trace.data.SpanData second = exporter.batches.get(1).iterator().next();

        assertThat(second).isNotSameAs(abandoned);
        assertThat(abandoned.getName()).isEqualTo(SampleSpans.NAME);
        assertThat(adapter.viewSetsReplaced()).isEqualTo(1);

        results.get(1).succeed();
        adapter.export(batchOf(1), new RecordingCompletion());
        assertThat(exporter.batches.get(2).iterator().next()).isSameAs(second);
        assertThat(adapter.viewSetsReplaced()).isEqualTo(1);
    }

    @Test
    void copyModeHandsOutImmutableCopiesThatOutliveTheSpans() {
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(memory)
                .setResource(RESOURCE).setInstrumentationScope(SCOPE).setCopyMode(true).build();
        List<SpanData> batch = batchOf(3);
        RecordingCompletion completion = new RecordingCompletion();

        adapter.export(batch, completion);
        batch.forEach(SpanData::reset);

        assertThat(completion.successes).hasValue(1);
        assertThat(memory.getFinishedSpanItems()).hasSize(3).allSatisfy(s -> {
            assertThat(s).isNotInstanceOf(PooledSpanDataView.class);
            SampleSpans.assertFull(s, RESOURCE, SCOPE);
        });
    }

    @Test
    void viewModeWithAnExporterThatKeepsSpansFailsLoudly() {
        InMemorySpanExporter memory = InMemorySpanExporter.create();

        SpanExporterAdapter.builder(memory).build().export(batchOf(1), new RecordingCompletion());

        assertThatThrownBy(() -> memory.getFinishedSpanItems().get(0).getName())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("setCopyMode(true)");
    }

    @Test
    void attributeValuesOverTheLengthLimitAreCutAndCountedInBothModes() {
        SpanLimits limits = SpanLimits.builder().maxAttributeValueLength(4).build();
        List<Object> shown = new ArrayList<>();
        ScriptedExporter reading = new ScriptedExporter(spans -> {
            spans.forEach(s -> shown.add(s.getAttributes().get(AttributeKey.stringKey("text"))));
            return CompletableResultCode.ofSuccess();
        });
        SpanExporterAdapter views = adapter(reading);
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        SpanExporterAdapter copies = SpanExporterAdapter.builder(memory).setCopyMode(true).build();

        views.export(List.of(spanWithText(limits, "abcdefgh"), spanWithText(limits, "abc")), new RecordingCompletion());
        views.export(List.of(spanWithText(limits, "123456")), new RecordingCompletion());
        copies.export(List.of(spanWithText(limits, "abcdefgh")), new RecordingCompletion());

        assertThat(shown).containsExactly("abcd", "abc", "1234");
        assertThat(views.truncatedAttributeValues()).isEqualTo(2);
        assertThat(memory.getFinishedSpanItems().get(0).getAttributes().get(AttributeKey.stringKey("text")))
                .isEqualTo("abcd");
        assertThat(copies.truncatedAttributeValues()).isEqualTo(1);
        assertThat(adapter(new ScriptedExporter()).truncatedAttributeValues()).isZero();
    }

    private static SpanData spanWithText(SpanLimits limits, String text) {
        SpanData span = SpanData.create(limits);
        span.put("text", text);
        span.end(1L);
        return span;
    }

    @Test
    void flushAndShutdownDelegate() {
        ScriptedExporter exporter = new ScriptedExporter();
        SpanExporterAdapter adapter = adapter(exporter);

        assertThat(adapter.flush().isSuccess()).isTrue();
        assertThat(adapter.shutdown().isSuccess()).isTrue();

        assertThat(exporter.flushCalls).hasValue(1);
        assertThat(exporter.shutdownCalls).hasValue(1);
    }

    @Test
    void theBufferLifecycleMapsTheExportersResultsAndItsNullsAndExceptionsToFailures() {
        LifecycleExporter exporter = new LifecycleExporter();
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(exporter).build();
        CompletableResultCode pendingFlush = new CompletableResultCode();
        exporter.onFlush = () -> pendingFlush;
        RecordingCompletion flushed = new RecordingCompletion();
        adapter.flush(flushed);
        assertThat(flushed.signalled()).as("signalled when the result completes").isFalse();
        pendingFlush.fail();
        assertThat(flushed.failures).hasValue(1);

        exporter.onShutdown = CompletableResultCode::ofFailure;
        RecordingCompletion failed = new RecordingCompletion();
        adapter.shutdown(failed);
        assertThat(failed.failures).hasValue(1);

        exporter.onShutdown = () -> null;
        RecordingCompletion nullResult = new RecordingCompletion();
        adapter.shutdown(nullResult);
        assertThat(nullResult.failures).hasValue(1);
        assertThat(nullResult.cause.get()).isInstanceOf(NullPointerException.class)
                .hasMessage("SpanExporter.shutdown returned null: LifecycleExporter");

        exporter.onFlush = () -> {
            throw new IllegalStateException("flush bug");
        };
        RecordingCompletion thrown = new RecordingCompletion();
        adapter.flush(thrown);
        assertThat(thrown.failures).hasValue(1);
        assertThat(thrown.cause.get()).hasMessage("flush bug");

        exporter.onFlush = CompletableResultCode::ofSuccess;
        RecordingCompletion fine = new RecordingCompletion();
        adapter.flush(fine);
        assertThat(fine.successes).hasValue(1);
        assertThat(fine.failures).hasValue(0);
    }

    @Test
    void flushAndShutdownThatReturnNullOrThrowGiveAFailedResultAndALogLine() {
        LifecycleExporter nulls = new LifecycleExporter();
        nulls.onFlush = () -> null;
        nulls.onShutdown = () -> null;
        LifecycleExporter throwing = new LifecycleExporter();
        throwing.onShutdown = () -> {
            throw new IllegalStateException("shutdown bug");
        };
        try (LogCapture logs = LogCapture.of(SpanExporterAdapter.class)) {
            SpanExporterAdapter nullAdapter = SpanExporterAdapter.builder(nulls).build();
            assertThat(nullAdapter.flush().isSuccess()).isFalse();
            assertThat(nullAdapter.shutdown().isSuccess()).isFalse();
            assertThat(SpanExporterAdapter.builder(throwing).build().shutdown().isSuccess()).isFalse();

            assertThat(logs.count(Level.WARNING, "SpanExporter.flush of LifecycleExporter returned null")).isEqualTo(1);
            assertThat(logs.count(Level.WARNING, "SpanExporter.shutdown of LifecycleExporter returned null"))
                    .as("rate-limited per adapter").isZero();
            assertThat(logs.count(Level.WARNING, "SpanExporter.shutdown of LifecycleExporter threw")).isEqualTo(1);
        }
    }

    @Test
    void builderDefaults() {
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(new ScriptedExporter()).build();

        assertThat(adapter.resource()).isSameAs(Resource.getDefault());
        assertThat(adapter.instrumentationScope().getName()).isEqualTo(SpanExporterAdapter.DEFAULT_SCOPE_NAME)
                .isEqualTo("io.lowalloc");
        assertThat(adapter.instrumentationScope().getVersion()).isNull();
        assertThat(adapter.isCopyMode()).isEqualTo(SpanExporterAdapter.DEFAULT_COPY_MODE).isFalse();
        assertThat(adapter.toString()).contains("ScriptedExporter", "copyMode=false", "io.lowalloc");
    }

    @Test
    void builderRejectsNulls() {
        SpanExporterAdapter.Builder builder = SpanExporterAdapter.builder(new ScriptedExporter());

        assertThatThrownBy(() -> SpanExporterAdapter.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("exporter");
        assertThatThrownBy(() -> builder.setResource(null))
                .isInstanceOf(NullPointerException.class).hasMessage("resource");
        assertThatThrownBy(() -> builder.setInstrumentationScope(null))
                .isInstanceOf(NullPointerException.class).hasMessage("scope");
    }
}
