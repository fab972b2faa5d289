package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.testing.RecordingExporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the recorder does with its sampler's decision, and starting spans from W3C headers. */
class SpanRecorderSamplingTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
    private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;
    private static final long PARENT_ID = 0x00f067aa0ba902b7L;

    private final List<SpanRecorder> recorders = new ArrayList<>();
    private final RecordingExporter<SpanData> exporter = RecordingExporter.succeeding();

    @AfterEach
    void closeAndCheckTheAccounting() {
        for (SpanRecorder recorder : recorders) {
            recorder.close();
            RecorderStats stats = recorder.stats();
            assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
            assertThat(stats.inProgress()).as("in progress: %s", stats).isZero();
        }
    }

    private SpanRecorder recorder(Sampler sampler) {
        SpanRecorder recorder = SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS).build())
                .setClock(() -> 1_000L)
                .setShutdownHook(false)
                .setSampler(sampler)
                .build(exporter);
        recorders.add(recorder);
        return recorder;
    }

    @Test
    void theDefaultSamplerIsParentBasedAlwaysOn() {
        assertThat(SpanRecorder.builder().setShutdownHook(false).build(exporter).sampler().description())
                .isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).description());
    }

    @Test
    void anUnsampledSpanHasValidIdsIgnoresWritesAndIsNeverExported() {
        SpanRecorder recorder = recorder(Sampler.alwaysOff());

        SpanData span = recorder.startSpan("GET /users/{id}", SpanKind.SERVER);
        span.put("http.method", "GET");
        span.put("http.status_code", 200L);
        span.addEvent("cache.miss", 5L).put("attempt", 1L);
        span.addLink(1L, 2L, 3L, (byte) 1, true, "a=b").put("k", "v");
        span.setStatus(StatusCode.ERROR, "boom");

        assertThat(Ids.isValidTraceId(span.traceIdHigh(), span.traceIdLow())).isTrue();
        assertThat(span.spanId()).isNotZero();
        assertThat(span.isSampled()).isFalse();
        assertThat(span.isRecording()).isFalse();
        assertThat(span.attributes().size()).isZero();
        assertThat(span.eventCount()).isZero();
        assertThat(span.droppedEventCount()).as("ignored, not dropped").isZero();
        assertThat(span.linkCount()).isZero();
        assertThat(span.droppedLinkCount()).isZero();
        assertThat(span.statusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(recorder.end(span)).as("not queued").isFalse();
        assertThat(recorder.flush()).isTrue();

        RecorderStats stats = recorder.stats();
        assertThat(exporter.allItems()).isEmpty();
        assertThat(stats.notSampled()).isEqualTo(1);
        assertThat(stats.batch().offered()).isZero();
        assertThat(stats.batch().dropped()).isZero();
        assertThat(stats.pool().outstanding()).as("back in the pool").isZero();
    }

    @Test
    void anUnsampledSpanStillChecksItsState() {
        SpanRecorder recorder = recorder(Sampler.alwaysOff());
        SpanData span = recorder.startSpan("op", SpanKind.INTERNAL);
        recorder.end(span);

        assertThatIllegalStateException().isThrownBy(() -> span.put("late", 1L))
                .withMessage("span is free (released to its pool)");
        assertThatIllegalStateException().isThrownBy(() -> recorder.end(span))
                .withMessage("span is free (released to its pool)");
    }

    @Test
    void anUnsampledSpanEndedAtATimeGoesBackToThePool() {
        SpanRecorder recorder = recorder(Sampler.alwaysOff());
        SpanData span = recorder.startSpan("op", SpanKind.INTERNAL);

        assertThat(recorder.end(span, 5_000L)).isFalse();

        assertThat(recorder.stats().notSampled()).isEqualTo(1);
        assertThat(span.state()).isEqualTo(SpanState.FREE);
    }

    @Test
    void nestedUnsampledSpansHaveDistinctIdsInOneTrace() {
        SpanRecorder recorder = recorder(Sampler.parentBased(Sampler.alwaysOff()));

        SpanData root = recorder.startSpan("root", SpanKind.SERVER);
        SpanData child = recorder.startSpan("child", SpanKind.INTERNAL, root);
        SpanData grandchild = recorder.startSpan("grandchild", SpanKind.CLIENT, child);

        assertThat(List.of(root.spanId(), child.spanId(), grandchild.spanId())).doesNotHaveDuplicates()
                .doesNotContain(0L);
        assertThat(grandchild.traceIdLow()).isEqualTo(root.traceIdLow());
        assertThat(grandchild.parentSpanId()).isEqualTo(child.spanId());
        assertThat(grandchild.isSampled()).isFalse();
        byte[] header = new byte[Traceparent.LENGTH];
        Traceparent.write(grandchild.traceIdHigh(), grandchild.traceIdLow(), grandchild.spanId(),
                grandchild.traceFlags(), header, 0);
        assertThat(new String(header, StandardCharsets.US_ASCII)).endsWith("-00");
        recorder.end(grandchild);
        recorder.end(child);
        recorder.end(root);
        assertThat(recorder.stats().notSampled()).isEqualTo(3);
    }

    @Test
    void theDecisionSetsTheSampledFlagAndKeepsTheOtherBits() {
        SpanRecorder recorder = recorder(Sampler.alwaysOn());

        SpanData child = recorder.startSpan("child", SpanKind.CLIENT, TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 2,
                true);

        assertThat(child.traceFlags()).isEqualTo((byte) 3);
        assertThat(child.isRecording()).isTrue();
        recorder.end(child);
    }

    @Test
    void parentBasedFollowsARemoteParentsFlag() {
        SpanRecorder recorder = recorder(Sampler.parentBased(Sampler.alwaysOff()));

        SpanData sampled = recorder.startSpan("a", SpanKind.SERVER, new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID,
                (byte) 1, true));
        SpanData unsampled = recorder.startSpan("b", SpanKind.SERVER, new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID,
                (byte) 0, true));

        assertThat(sampled.isSampled()).isTrue();
        assertThat(unsampled.isSampled()).isFalse();
        assertThat(recorder.end(sampled)).isTrue();
        assertThat(recorder.end(unsampled)).isFalse();
        assertThat(recorder.flush()).isTrue();
        assertThat(exporter.allItems()).hasSize(1);
    }

    @Test
    void aValidTraceparentMakesARemoteParentCarryingTheTraceStateByReference() {
        SpanRecorder recorder = recorder(Sampler.parentBased(Sampler.alwaysOff()));
        String traceState = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

        SpanData span = recorder.startSpan("server", SpanKind.SERVER, TRACEPARENT, traceState);

        assertThat(span.traceIdHigh()).isEqualTo(TRACE_HIGH);
        assertThat(span.traceIdLow()).isEqualTo(TRACE_LOW);
        assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
        assertThat(span.isParentRemote()).isTrue();
        assertThat(span.isSampled()).isTrue();
        assertThat(span.traceState()).isSameAs(traceState);
        SpanData child = recorder.startSpan("child", SpanKind.INTERNAL, span);
        assertThat(child.traceState()).as("inherited").isSameAs(traceState);
        assertThat(child.isParentRemote()).isFalse();
        recorder.end(child);
        recorder.end(span);
        assertThat(recorder.stats().invalidTraceparents()).isZero();
    }

    @Test
    void aTraceparentInBytesIsReadInPlace() {
        SpanRecorder recorder = recorder(Sampler.alwaysOn());
        byte[] request = ("xx" + TRACEPARENT + "yy").getBytes(StandardCharsets.US_ASCII);

        SpanData span = recorder.startSpan("server", SpanKind.SERVER, request, 2, Traceparent.LENGTH, null);

        assertThat(span.traceIdLow()).isEqualTo(TRACE_LOW);
        assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
        assertThat(span.traceFlags()).isEqualTo((byte) 1);
        assertThat(span.traceState()).isEmpty();
        recorder.end(span);
    }

    @Test
    void invalidTraceparentsStartANewTraceAndAreCounted() {
        SpanRecorder recorder = recorder(Sampler.alwaysOn());
        String[] invalid = {
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "garbage",
        };
        for (String header : invalid) {
            SpanData span = recorder.startSpan("server", SpanKind.SERVER, header, "a=b");
            assertThat(span.hasParent()).as(header).isFalse();
            assertThat(span.traceIdLow()).as(header).isNotEqualTo(TRACE_LOW);
            assertThat(span.traceState()).as("dropped with its traceparent").isEmpty();
            recorder.end(span);
        }
        byte[] bytes = invalid[0].getBytes(StandardCharsets.US_ASCII);
        recorder.end(recorder.startSpan("server", SpanKind.SERVER, bytes, 0, bytes.length, null));
        recorder.end(recorder.startSpan("server", SpanKind.SERVER, (CharSequence) null, null));

        assertThat(recorder.stats().invalidTraceparents()).as("a missing header is not invalid")
                .isEqualTo(invalid.length + 1);
    }

    @Test
    void aFutureVersionIsReadByItsFirstFields() {
        SpanRecorder recorder = recorder(Sampler.alwaysOn());

        SpanData span = recorder.startSpan("server", SpanKind.SERVER,
                "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds", null);

        assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
        recorder.end(span);
        assertThat(recorder.stats().invalidTraceparents()).isZero();
    }
}
