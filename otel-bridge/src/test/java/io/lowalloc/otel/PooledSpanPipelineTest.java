package io.lowalloc.otel;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.Traceparent;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanState;
import io.lowalloc.otel.internal.view.PooledSpanDataView;
import io.lowalloc.otel.testing.BalancedPipelines;
import io.lowalloc.otel.testing.SampleSpans;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class PooledSpanPipelineTest {

    private static final String PARENT_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

    /** Closes every tracked pipeline after each test and checks its accounting. */
    @RegisterExtension
    final BalancedPipelines pipelines = new BalancedPipelines();

    private PooledSpanPipeline track(PooledSpanPipeline pipeline) {
        return pipelines.track(pipeline);
    }

    private PooledSpanPipeline pipeline(io.opentelemetry.sdk.trace.export.SpanExporter exporter) {
        return track(PooledSpanPipeline.builder(exporter).setScheduleDelay(20, TimeUnit.MILLISECONDS).build());
    }

    private static SpanContext remoteParent(TraceFlags flags) {
        return SpanContext.createFromRemoteParent(PARENT_TRACE_ID, PARENT_SPAN_ID, flags, TraceState.getDefault());
    }

    @Test
    void parentComesFromTheCurrentContext() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData span;
        Scope scope = Context.current().with(Span.wrap(remoteParent(TraceFlags.getSampled()))).makeCurrent();
        try {
            span = pipeline.startSpan("child", SpanKind.SERVER);
        } finally {
            scope.close();
        }

        assertThat(HexIds.traceIdToHex(span.traceIdHigh(), span.traceIdLow())).isEqualTo(PARENT_TRACE_ID);
        assertThat(HexIds.spanIdToHex(span.parentSpanId())).isEqualTo(PARENT_SPAN_ID);
        assertThat(span.isParentRemote()).isTrue();
        assertThat(span.isSampled()).isTrue();
        assertThat(span.spanId()).isNotZero().isNotEqualTo(span.parentSpanId());
        assertThat(span.name()).isEqualTo("child");
        assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        pipeline.end(span);
    }

    @Test
    void unsampledParentFlagsAreInherited() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());

        SpanData span = pipeline.startSpan("child", SpanKind.CLIENT, remoteParent(TraceFlags.getDefault()));

        assertThat(span.isSampled()).isFalse();
        assertThat(span.traceFlags()).isZero();
        pipeline.end(span);
    }

    @Test
    void withoutAParentASpanStartsASampledTrace() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());

        SpanData first = pipeline.startSpan("root", SpanKind.INTERNAL);
        SpanData second = pipeline.startSpan("root", SpanKind.INTERNAL, Context.root());

        assertThat(first.hasParent()).isFalse();
        assertThat(first.isParentRemote()).isFalse();
        assertThat(first.isSampled()).isTrue();
        assertThat(first.traceIdLow()).isNotZero();
        assertThat(first.spanId()).isNotZero();
        assertThat(second.traceIdLow()).isNotEqualTo(first.traceIdLow());
        pipeline.end(first);
        pipeline.end(second);
    }

    @Test
    void invalidExplicitParentStartsANewTrace() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());

        SpanData span = pipeline.startSpan("root", SpanKind.INTERNAL, SpanContext.getInvalid());

        assertThat(span.hasParent()).isFalse();
        assertThat(span.traceIdLow()).isNotZero();
        pipeline.end(span);
    }

    @Test
    void explicitContextParent() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        Context context = Context.root().with(Span.wrap(remoteParent(TraceFlags.getSampled())));

        SpanData span = pipeline.startSpan("child", SpanKind.CONSUMER, context);

        assertThat(HexIds.spanIdToHex(span.parentSpanId())).isEqualTo(PARENT_SPAN_ID);
        assertThat(span.kind()).isEqualTo(SpanKind.CONSUMER);
        pipeline.end(span);
    }

    @Test
    void localParentSpanMakesALocalChildInTheSameTrace() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData parent = pipeline.startSpan("parent", SpanKind.SERVER, remoteParent(TraceFlags.getSampled()));

        SpanData child = pipeline.startSpan("child", SpanKind.INTERNAL, parent);

        assertThat(child.traceIdHigh()).isEqualTo(parent.traceIdHigh());
        assertThat(child.traceIdLow()).isEqualTo(parent.traceIdLow());
        assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
        assertThat(child.isParentRemote()).isFalse();
        assertThat(child.traceFlags()).isEqualTo(parent.traceFlags());
        pipeline.end(child);
        pipeline.end(parent);
    }

    @Test
    void parentThatIsAViewContextIsReadWithoutHex() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        PooledSpanDataView view = PooledSpanDataView.create(SampleSpans.RESOURCE, SampleSpans.SCOPE)
                .bind(SampleSpans.full());

        SpanData child = pipeline.startSpan("child", SpanKind.INTERNAL, view.getSpanContext());

        assertThat(child.traceIdHigh()).isEqualTo(SampleSpans.TRACE_ID_HIGH);
        assertThat(child.traceIdLow()).isEqualTo(SampleSpans.TRACE_ID_LOW);
        assertThat(child.parentSpanId()).isEqualTo(SampleSpans.SPAN_ID);
        assertThat(child.isSampled()).isTrue();
        pipeline.end(child);
    }

    @Test
    void localParentWithoutIdsIsRejected() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData released = SpanData.create(SampleSpans.LIMITS);

        assertThatThrownBy(() -> pipeline.startSpan("child", SpanKind.INTERNAL, released))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parent must have a valid trace id and span id, was: state=ACQUIRED,"
                        + " traceId=00000000000000000000000000000000, spanId=0000000000000000");
        assertThat(pipeline.stats().pool().acquired()).isZero();
    }

    @Test
    void startAndEndTimesComeFromTheClock() {
        AtomicLong now = new AtomicLong(1_000L);
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(memory).setCopyMode(true)
                .setClock(() -> now.getAndAdd(500L)).build());

        SpanData span = pipeline.startSpan("timed", SpanKind.INTERNAL);
        assertThat(pipeline.end(span)).isTrue();
        assertThat(pipeline.flush()).isTrue();

        io.opentelemetry.sdk.trace.data.SpanData exported = memory.getFinishedSpanItems().get(0);
        assertThat(exported.getStartEpochNanos()).isEqualTo(1_000L);
        assertThat(exported.getEndEpochNanos()).isEqualTo(1_500L);
    }

    @Test
    void endWithAnExplicitTimeOrAfterTheCallerEndedIt() {
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(memory).setCopyMode(true)
                .setClock(() -> 100L).build());

        pipeline.end(pipeline.startSpan("explicit", SpanKind.INTERNAL), 250L);
        SpanData endedByCaller = pipeline.startSpan("by caller", SpanKind.INTERNAL);
        endedByCaller.end(300L);
        pipeline.end(endedByCaller);
        assertThat(pipeline.flush()).isTrue();

        assertThat(memory.getFinishedSpanItems()).extracting(s -> s.getEndEpochNanos()).containsExactly(250L, 300L);
    }

    @Test
    void everyFieldReachesTheExporterWithResourceAndScope() {
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(memory).setCopyMode(true)
                .setSpanLimits(SampleSpans.LIMITS).setResource(SampleSpans.RESOURCE)
                .setInstrumentationScope(SampleSpans.SCOPE).build());
        SpanData span = pipeline.startSpan("replaced", SpanKind.INTERNAL);
        SampleSpans.fill(span);

        pipeline.end(span, SampleSpans.END);
        assertThat(pipeline.flush()).isTrue();

        SampleSpans.assertFull(memory.getFinishedSpanItems().get(0), SampleSpans.RESOURCE, SampleSpans.SCOPE);
    }

    @Test
    void attachedScopeOverridesThePipelineScope() {
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(memory).setCopyMode(true).build());
        InstrumentationScopeInfo library = InstrumentationScopeInfo.create("my.library");

        pipeline.end(pipeline.startSpan("a", SpanKind.INTERNAL).setAttachment(library));
        pipeline.end(pipeline.startSpan("b", SpanKind.INTERNAL));
        pipeline.flush();

        assertThat(memory.getFinishedSpanItems()).extracting(s -> s.getInstrumentationScopeInfo().getName())
                .containsExactly("my.library", "io.lowalloc");
    }

    @Test
    void traceparentBytesAndCharsFollowTheW3cFormat() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData span = pipeline.startSpan("client", SpanKind.CLIENT, remoteParent(TraceFlags.getSampled()));
        byte[] bytes = new byte[2 + Traceparent.LENGTH];
        char[] chars = new char[Traceparent.LENGTH];

        assertThat(pipeline.writeTraceparent(span, bytes, 2)).isEqualTo(55);
        assertThat(pipeline.writeTraceparent(span, chars, 0)).isEqualTo(55);

        String expected = "00-" + PARENT_TRACE_ID + "-" + HexIds.spanIdToHex(span.spanId()) + "-01";
        assertThat(new String(bytes, 2, 55, StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(new String(chars)).isEqualTo(expected);
        assertThat(Traceparent.isValid(expected)).isTrue();
        assertThat(Traceparent.spanId(new String(chars))).isEqualTo(span.spanId());
        pipeline.end(span);
    }

    @Test
    void traceparentValidation() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData span = pipeline.startSpan("client", SpanKind.CLIENT);

        assertThatThrownBy(() -> pipeline.writeTraceparent(null, new byte[55], 0))
                .isInstanceOf(NullPointerException.class).hasMessage("span");
        assertThatThrownBy(() -> pipeline.writeTraceparent(span, (byte[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThatThrownBy(() -> pipeline.writeTraceparent(span, new char[60], 6))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 5] to fit 55 characters into dst.length 60, was: 6");
        assertThatThrownBy(() -> pipeline.writeTraceparent(SpanData.create(SampleSpans.LIMITS), new byte[55], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trace id must not be all zeros");
        pipeline.end(span);
    }

    @Test
    void flushExportsEverythingEndedBeforeAndFlushesTheExporter() {
        ScriptedExporter exporter = new ScriptedExporter();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter).build()); // 5 s delay
        for (int i = 0; i < 3; i++) {
            pipeline.end(pipeline.startSpan("s", SpanKind.INTERNAL));
        }

        assertThat(pipeline.flush()).isTrue();

        assertThat(exporter.batches).hasSize(1);
        assertThat(exporter.batches.get(0)).hasSize(3);
        assertThat(exporter.flushCalls).hasValue(1);
        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().exported()).isEqualTo(3);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.pool().released()).isEqualTo(3);
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void exportedSpansAreReusedFromThePool() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData first = pipeline.startSpan("s", SpanKind.INTERNAL);
        pipeline.end(first);
        pipeline.flush();

        SpanData second = pipeline.startSpan("s", SpanKind.INTERNAL);

        assertThat(second).isSameAs(first);
        assertThat(pipeline.stats().pool().hits()).isEqualTo(1);
        pipeline.end(second);
    }

    @Test
    void closeExportsPendingSpansShutsTheExporterDownAndIsIdempotent() {
        ScriptedExporter exporter = new ScriptedExporter();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter).build());
        pipeline.end(pipeline.startSpan("s", SpanKind.INTERNAL));

        pipeline.close();
        pipeline.close();

        assertThat(pipeline.isClosed()).isTrue();
        assertThat(exporter.batches).hasSize(1);
        assertThat(exporter.shutdownCalls).hasValue(1);
        assertThat(pipeline.stats().batch().exported()).isEqualTo(1);
        assertThat(pipeline.stats().batch().pending()).isZero();
    }

    @Test
    void endAfterCloseIsCountedAndTheSpanReturnsToThePool() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData span = pipeline.startSpan("late", SpanKind.INTERNAL);
        pipeline.close();

        assertThat(pipeline.end(span)).isFalse();

        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().rejectedAfterClose()).isEqualTo(1);
        assertThat(stats.batch().dropped()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void exporterThatThrowsCountsFailedSpansAndReleasesThem() {
        ScriptedExporter exporter = new ScriptedExporter(spans -> {
            throw new IllegalStateException("exporter bug");
        });
        PooledSpanPipeline pipeline = pipeline(exporter);
        for (int i = 0; i < 4; i++) {
            pipeline.end(pipeline.startSpan("s", SpanKind.INTERNAL));
        }

        assertThat(pipeline.flush()).isFalse();

        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().failed()).isEqualTo(4);
        assertThat(stats.batch().failedExports()).isGreaterThanOrEqualTo(1);
        assertThat(stats.pool().released()).isEqualTo(4);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void exporterThatNeverCompletesGetsItsSpansAbandonedNeverPooled() {
        ScriptedExporter exporter = new ScriptedExporter(spans -> new CompletableResultCode());
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter)
                .setScheduleDelay(10, TimeUnit.MILLISECONDS)
                .setExporterTimeout(100, TimeUnit.MILLISECONDS).build());
        List<SpanData> abandoned = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SpanData span = pipeline.startSpan("stuck", SpanKind.INTERNAL);
            abandoned.add(span);
            pipeline.end(span);
        }

        assertThat(pipeline.flush()).isFalse();
        pipeline.end(pipeline.startSpan("next", SpanKind.INTERNAL));
        pipeline.flush();

        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().abandoned()).isEqualTo(4);
        assertThat(stats.batch().timedOutExports()).isEqualTo(2);
        assertThat(stats.pool().outstanding()).isEqualTo(4);
        assertThat(stats.pool().released()).isZero();
        assertThat(stats.isBalanced()).isTrue();
        assertThat(abandoned).allSatisfy(s -> assertThat(s.state()).isEqualTo(SpanState.SUBMITTED));
        assertThat(pipeline.adapter().viewSetsReplaced()).isEqualTo(1);
        // The exporter may still read the abandoned spans through its views.
        assertThat(exporter.batches.get(0).iterator().next().getName()).isEqualTo("stuck");
    }

    @Test
    void fullQueueDropsAreCountedAndReleased() throws InterruptedException {
        CompletableResultCode stuck = new CompletableResultCode();
        ScriptedExporter exporter = new ScriptedExporter(spans -> stuck);
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter)
                .setMaxQueueSize(2).setMaxExportBatchSize(1).build());
        pipeline.end(pipeline.startSpan("exporting", SpanKind.INTERNAL));
        assertThat(exporter.awaitEntered()).isTrue();

        assertThat(pipeline.end(pipeline.startSpan("queued", SpanKind.INTERNAL))).isTrue();
        assertThat(pipeline.end(pipeline.startSpan("queued", SpanKind.INTERNAL))).isTrue();
        assertThat(pipeline.end(pipeline.startSpan("dropped", SpanKind.INTERNAL))).isFalse();

        RecorderStats stats = pipeline.stats();
        assertThat(stats.batch().droppedQueueFull()).isEqualTo(1);
        assertThat(stats.pool().released()).isEqualTo(1);
        assertThat(stats.isBalanced()).isTrue();
        stuck.succeed();
    }

    @Test
    void blockPolicyGivesUpAfterMaxBlockTime() throws InterruptedException {
        CompletableResultCode stuck = new CompletableResultCode();
        ScriptedExporter exporter = new ScriptedExporter(spans -> stuck);
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter)
                .setMaxQueueSize(1).setMaxExportBatchSize(1).setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(20, TimeUnit.MILLISECONDS).build());
        pipeline.end(pipeline.startSpan("exporting", SpanKind.INTERNAL));
        assertThat(exporter.awaitEntered()).isTrue();
        pipeline.end(pipeline.startSpan("queued", SpanKind.INTERNAL));

        long start = System.nanoTime();
        assertThat(pipeline.end(pipeline.startSpan("blocked", SpanKind.INTERNAL))).isFalse();

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(pipeline.stats().batch().droppedBlockTimeout()).isEqualTo(1);
        stuck.succeed();
    }

    @Test
    void statsCountSpansInProgress() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData open = pipeline.startSpan("open", SpanKind.INTERNAL);
        pipeline.end(pipeline.startSpan("ended", SpanKind.INTERNAL));
        pipeline.flush();

        RecorderStats stats = pipeline.stats();

        assertThat(stats.inProgress()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).isEqualTo(1);
        assertThat(stats.isBalanced()).isTrue();
        assertThat(stats.toString()).contains("inProgress=1", "balanced=true", "exported=1");
        assertThat(pipeline.toString()).contains("PooledSpanPipeline{", "ScriptedExporter");
        pipeline.end(open);
    }

    @Test
    void statsDetectASpanThatIsNotAccountedFor() {
        PooledSpanPipeline idle = pipeline(new ScriptedExporter());
        PooledSpanPipeline busy = pipeline(new ScriptedExporter());
        busy.end(busy.startSpan("s", SpanKind.INTERNAL));
        busy.flush();

        // The pool says one span was acquired and came back; the buffer never saw it offered.
        RecorderStats mismatched = new RecorderStats(idle.stats().batch(), busy.stats().pool());

        assertThat(mismatched.batch().isBalanced()).isTrue();
        assertThat(mismatched.inProgress()).isEqualTo(1);
        assertThat(mismatched.isBalanced()).isFalse();
        assertThat(mismatched.toString()).contains("balanced=false");
    }

    @Test
    void flushWithATimeoutReportsSuccess() {
        ScriptedExporter exporter = new ScriptedExporter();
        PooledSpanPipeline pipeline = track(PooledSpanPipeline.builder(exporter).build());
        pipeline.end(pipeline.startSpan("s", SpanKind.INTERNAL));

        assertThat(pipeline.flush(10, TimeUnit.SECONDS)).isTrue();

        assertThat(pipeline.stats().batch().exported()).isEqualTo(1);
        assertThat(exporter.flushCalls).hasValue(1);
    }

    @Test
    void writesAfterEndThrowAndEndingTwiceThrows() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData span = pipeline.startSpan("s", SpanKind.INTERNAL);
        pipeline.end(span);

        assertThatThrownBy(() -> span.put("late", 1L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("span already submitted");
        assertThatThrownBy(() -> pipeline.end(span))
                .isInstanceOf(IllegalStateException.class).hasMessage("span already submitted");
        assertThatThrownBy(() -> pipeline.end(span, 5L))
                .isInstanceOf(IllegalStateException.class).hasMessage("span already submitted");
    }

    @Test
    void recordingValidation() {
        PooledSpanPipeline pipeline = pipeline(new ScriptedExporter());
        SpanData span = pipeline.startSpan("s", SpanKind.INTERNAL);

        assertThatThrownBy(() -> pipeline.startSpan(null, SpanKind.INTERNAL))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> pipeline.startSpan("s", null))
                .isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> pipeline.startSpan("s", SpanKind.INTERNAL, (SpanContext) null))
                .isInstanceOf(NullPointerException.class).hasMessage("parent");
        assertThatThrownBy(() -> pipeline.startSpan("s", SpanKind.INTERNAL, (Context) null))
                .isInstanceOf(NullPointerException.class).hasMessage("parent");
        assertThatThrownBy(() -> pipeline.startSpan("s", SpanKind.INTERNAL, (SpanData) null))
                .isInstanceOf(NullPointerException.class).hasMessage("parent");
        assertThatThrownBy(() -> pipeline.end(null))
                .isInstanceOf(NullPointerException.class).hasMessage("span");
        assertThatThrownBy(() -> pipeline.end(null, 1L))
                .isInstanceOf(NullPointerException.class).hasMessage("span");
        assertThatThrownBy(() -> pipeline.end(span, -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("endEpochNanos must be >= 0, was: -1");
        assertThatThrownBy(() -> pipeline.flush(-1, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be >= 0, was: -1 SECONDS");
        assertThat(pipeline.stats().pool().acquired()).isEqualTo(1);
        pipeline.end(span);
    }
}
