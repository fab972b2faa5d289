package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.testing.ConcurrentRun;
import io.lowalloc.core.testing.CountingExporter;
import io.lowalloc.core.testing.RecordingExporter;
import io.lowalloc.core.testing.RecordingExporter.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanRecorderTest {

    private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
    private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;
    private static final long PARENT_ID = 0x00f067aa0ba902b7L;

    private final List<SpanRecorder> recorders = new ArrayList<>();

    @AfterEach
    void closeAndCheckTheAccounting() {
        for (SpanRecorder recorder : recorders) {
            recorder.close();
            RecorderStats stats = recorder.stats();
            assertThat(stats.batch().pending()).as("pending after close: %s", stats).isZero();
            assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
        }
    }

    private SpanRecorder track(SpanRecorder recorder) {
        recorders.add(recorder);
        return recorder;
    }

    /** Exports only on flush or close, so that a span stays queued until then. */
    private SpanRecorder recorder(BatchExporter<SpanData> exporter) {
        return track(SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS).build())
                .setClock(() -> 1_000L)
                .build(exporter));
    }

    // ------------------------------------------------------------ starting spans

    /** The child is in the trace {@code TRACE_HIGH}/{@code TRACE_LOW}, under {@code parentId}. */
    private static void assertChildInTheTrace(SpanData child, long parentId, boolean parentRemote) {
        assertThat(child.traceIdHigh()).isEqualTo(TRACE_HIGH);
        assertThat(child.traceIdLow()).isEqualTo(TRACE_LOW);
        assertThat(child.parentSpanId()).isEqualTo(parentId);
        assertThat(child.isParentRemote()).isEqualTo(parentRemote);
    }

    @Test
    void aSpanWithoutParentStartsASampledTrace() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());

        SpanData first = recorder.startSpan("root", SpanKind.SERVER);
        SpanData second = recorder.startSpan("root", SpanKind.SERVER);

        assertThat(first.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(first.name()).isEqualTo("root");
        assertThat(first.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(first.startEpochNanos()).isEqualTo(1_000L);
        assertThat(Ids.isValidTraceId(first.traceIdHigh(), first.traceIdLow())).isTrue();
        assertThat(first.spanId()).isNotZero();
        assertThat(first.hasParent()).isFalse();
        assertThat(first.isParentRemote()).isFalse();
        assertThat(first.isSampled()).isTrue();
        assertThat(second.traceIdLow()).isNotEqualTo(first.traceIdLow());
        recorder.end(first);
        recorder.end(second);
    }

    @Test
    void aSpanParentMakesAChildInItsTraceWithItsFlagsAndRemoteBit() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        SpanParent remote = new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 0, true);

        SpanData child = recorder.startSpan("child", SpanKind.CLIENT, remote);

        assertChildInTheTrace(child, PARENT_ID, true);
        assertThat(child.spanId()).isNotZero().isNotEqualTo(PARENT_ID);
        assertThat(child.isSampled()).as("the parent's flags, not sampled").isFalse();
        assertThat(child.kind()).isEqualTo(SpanKind.CLIENT);
        recorder.end(child);
    }

    @Test
    void parentPartsStartTheSameChildAsTheSpanParentValue() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());

        SpanData child = recorder.startSpan("child", SpanKind.CONSUMER, TRACE_HIGH, TRACE_LOW, PARENT_ID,
                (byte) 1, false);

        assertChildInTheTrace(child, PARENT_ID, false);
        assertThat(child.isSampled()).isTrue();
        recorder.end(child);
    }

    @Test
    void aLiveParentSpanMakesALocalChildInTheSameTrace() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        SpanData parent = recorder.startSpan("parent", SpanKind.SERVER,
                new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 1, true));

        SpanData child = recorder.startSpan("child", SpanKind.INTERNAL, parent);

        assertChildInTheTrace(child, parent.spanId(), false);
        assertThat(child.traceFlags()).isEqualTo(parent.traceFlags());
        recorder.end(child);
        recorder.end(parent);
    }

    @Test
    void spanParentIsAValueWithItsSampledBit() {
        SpanParent parent = new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 3, true);

        assertThat(parent).isEqualTo(new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 3, true));
        assertThat(parent.isSampled()).isTrue();
        assertThat(new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 2, false).isSampled()).isFalse();
        assertThat(new SpanParent(0L, 1L, 1L, (byte) 0, false).traceIdLow()).as("a high half of 0 is valid")
                .isEqualTo(1L);
    }

    @Test
    void parentsWithoutValidIdsAreRejectedWithOneMessage() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        String zeroTrace = "parent must have a valid trace id and span id, was:"
                + " traceId=00000000000000000000000000000000, spanId=00f067aa0ba902b7";
        String zeroSpan = "parent must have a valid trace id and span id, was:"
                + " traceId=4bf92f3577b34da6a3ce929d0e0e4736, spanId=0000000000000000";

        assertThatIllegalArgumentException().isThrownBy(() -> new SpanParent(0L, 0L, PARENT_ID, (byte) 1, true))
                .withMessage(zeroTrace);
        assertThatIllegalArgumentException().isThrownBy(() -> new SpanParent(TRACE_HIGH, TRACE_LOW, 0L, (byte) 1, true))
                .withMessage(zeroSpan);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> recorder.startSpan("s", SpanKind.INTERNAL, 0L, 0L, PARENT_ID, (byte) 1, true))
                .withMessage(zeroTrace);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> recorder.startSpan("s", SpanKind.INTERNAL, TRACE_HIGH, TRACE_LOW, 0L, (byte) 1, true))
                .withMessage(zeroSpan);
        SpanData unpooled = SpanData.create(SpanLimits.defaults());
        assertThatIllegalArgumentException().isThrownBy(() -> recorder.startSpan("s", SpanKind.INTERNAL, unpooled))
                .withMessage("parent must have a valid trace id and span id, was: state=ACQUIRED,"
                        + " traceId=00000000000000000000000000000000, spanId=0000000000000000");
        assertThat(recorder.stats().pool().acquired()).as("a rejected start acquires nothing").isZero();
    }

    // ------------------------------------------------------------ the hand-off

    @Test
    void endHandsTheSpanOffAndItReturnsToThePoolOnceExported() {
        RecordingExporter<SpanData> exporter = RecordingExporter.holdingFirst();
        SpanRecorder recorder = recorder(exporter);
        SpanData span = recorder.startSpan("op", SpanKind.INTERNAL);
        span.put("attempt", 1L);

        assertThat(recorder.end(span)).isTrue();

        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
        assertThat(span.endEpochNanos()).isEqualTo(1_000L);
        assertThatIllegalStateException().isThrownBy(() -> span.put("late", 2L))
                .withMessage("span already submitted");
        assertThat(recorder.stats().batch().pending()).isEqualTo(1);
        assertThat(recorder.stats().inProgress()).isZero();

        assertThat(recorder.flush(0, TimeUnit.SECONDS)).as("the export is held").isFalse();
        exporter.awaitCalls(1);
        assertThat(exporter.batches.get(0)).containsExactly(span);
        assertThat(span.state()).as("intact until the result is known").isEqualTo(SpanState.SUBMITTED);
        assertThat(span.attributes().longValue(0)).isEqualTo(1L);
        exporter.completions.get(0).success();
        assertThat(recorder.flush()).isTrue();

        assertThat(span.state()).as("reset when released").isEqualTo(SpanState.FREE);
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().exported()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.pool().released()).isEqualTo(1);
        assertThat(recorder.startSpan("again", SpanKind.INTERNAL)).as("the pooled span is reused").isSameAs(span);
        recorder.end(span);
    }

    /**
     * Issue 9, broken promise 7, through the recorder: once {@code end} has queued a span, a
     * release to the recorder's pool throws naming the state and changes nothing; the exporter
     * reads the span's own data and the completion hook returns it.
     */
    @Test
    void releasingASpanTheRecorderQueuedThrowsNamingTheStateAndTheExporterSeesItsOwnData() {
        List<String> exportedNames = new CopyOnWriteArrayList<>();
        SpanRecorder recorder = recorder((batch, completion) -> {
            for (SpanData s : batch) {
                exportedNames.add(s.name());
            }
            completion.success();
        });
        SpanData span = recorder.startSpan("queued", SpanKind.INTERNAL);
        assertThat(recorder.end(span)).isTrue();
        ObjectPool<SpanData> pool = recorder.pool();

        assertThatIllegalStateException().isThrownBy(() -> pool.release(span))
                .withMessage("cannot release a SUBMITTED span: the pipeline it was submitted to owns it and"
                        + " returns it to the pool (through the pool's hand-off releaser)");

        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
        assertThat(recorder.stats().pool().released()).isZero();
        SpanData next = recorder.startSpan("next holder", SpanKind.INTERNAL);
        assertThat(next).as("the queued span is not handed out again").isNotSameAs(span);
        assertThat(recorder.flush()).isTrue();
        assertThat(exportedNames).containsExactly("queued");
        assertThat(span.state()).as("returned by the completion hook").isEqualTo(SpanState.FREE);
        assertThat(next.name()).isEqualTo("next holder");
        recorder.end(next);
    }

    @Test
    void endWithATimeOrAfterTheCallerEndedTheSpan() {
        RecordingExporter<SpanData> exporter = new RecordingExporter<>(call -> Outcome.HOLD);
        SpanRecorder recorder = recorder(exporter);

        SpanData explicit = recorder.startSpan("explicit", SpanKind.INTERNAL);
        recorder.end(explicit, 2_500L);
        SpanData endedByCaller = recorder.startSpan("by caller", SpanKind.INTERNAL);
        endedByCaller.end(3_000L);
        recorder.end(endedByCaller);
        recorder.flush(0, TimeUnit.SECONDS);
        exporter.awaitCalls(1);

        assertThat(exporter.batches.get(0)).containsExactly(explicit, endedByCaller);
        assertThat(explicit.endEpochNanos()).isEqualTo(2_500L);
        assertThat(endedByCaller.endEpochNanos()).isEqualTo(3_000L);
        exporter.completions.get(0).success();
        assertThat(recorder.flush()).isTrue();
    }

    @Test
    void aSpanCannotBeEndedTwice() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        SpanData span = recorder.startSpan("s", SpanKind.INTERNAL);
        recorder.end(span);

        assertThatIllegalStateException().isThrownBy(() -> recorder.end(span)).withMessage("span already submitted");
        assertThatIllegalStateException().isThrownBy(() -> recorder.end(span, 5L))
                .withMessage("span already submitted");
        assertThat(recorder.stats().batch().offered()).isEqualTo(1);
    }

    @Test
    void aDroppedSpanIsCountedAndReturnsToThePoolAtOnce() {
        RecordingExporter<SpanData> exporter = RecordingExporter.holdingFirst();
        SpanRecorder recorder = track(SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setMaxQueueSize(1).setMaxExportBatchSize(1).build())
                .build(exporter));
        recorder.end(recorder.startSpan("exporting", SpanKind.INTERNAL));
        exporter.awaitCalls(1); // the first batch is out, held
        assertThat(recorder.end(recorder.startSpan("queued", SpanKind.INTERNAL))).isTrue();

        SpanData dropped = recorder.startSpan("dropped", SpanKind.INTERNAL);
        assertThat(recorder.end(dropped)).isFalse();

        assertThat(dropped.state()).as("released to the pool by end").isEqualTo(SpanState.FREE);
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().droppedQueueFull()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).as("exporting + queued").isEqualTo(2);
        assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        exporter.completions.get(0).success();
        assertThat(recorder.flush(10, TimeUnit.SECONDS)).as("the drop fails the next flush").isFalse();
        assertThat(exporter.batchSizes()).containsExactly(1, 1);
        assertThat(recorder.flush(10, TimeUnit.SECONDS)).as("and only that one").isTrue();
    }

    @Test
    void failedExportsAreCountedAndTheirSpansReturnToThePool() {
        SpanRecorder recorder = recorder(new RecordingExporter<>(call -> Outcome.FAIL));
        recorder.end(recorder.startSpan("a", SpanKind.INTERNAL));
        recorder.end(recorder.startSpan("b", SpanKind.INTERNAL));

        assertThat(recorder.flush()).isFalse();

        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().failed()).isEqualTo(2);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.isBalanced()).isTrue();
    }

    @Test
    void anExportThatTimesOutAbandonsItsSpansWhichNeverReturnToThePool() {
        RecordingExporter<SpanData> exporter = RecordingExporter.holdingFirst();
        SpanRecorder recorder = track(SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setExporterTimeout(100, TimeUnit.MILLISECONDS).build())
                .build(exporter));
        SpanData stuck = recorder.startSpan("stuck", SpanKind.INTERNAL);
        recorder.end(stuck);

        assertThat(recorder.flush(10, TimeUnit.SECONDS)).isFalse();

        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().abandoned()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).isEqualTo(1);
        assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        assertThat(stuck.state()).as("left to the exporter").isEqualTo(SpanState.SUBMITTED);
    }

    @Test
    void afterCloseEndRejectsCountsAndReleasesAndStartStillWorks() {
        RecordingExporter<SpanData> exporter = RecordingExporter.succeeding();
        SpanRecorder recorder = recorder(exporter);
        recorder.end(recorder.startSpan("before", SpanKind.INTERNAL));

        recorder.close();
        recorder.close(); // idempotent
        SpanData late = recorder.startSpan("late", SpanKind.INTERNAL);

        assertThat(recorder.isClosed()).isTrue();
        assertThat(recorder.end(late)).isFalse();
        assertThat(late.state()).isEqualTo(SpanState.FREE);
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().exported()).as("close exported the pending span").isEqualTo(1);
        assertThat(stats.batch().rejectedAfterClose()).isEqualTo(1);
        assertThat(stats.batch().pending()).isZero();
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.isBalanced()).isTrue();
        assertThat(exporter.batchSizes()).containsExactly(1);
    }

    @Test
    void endRejectsASpanOfAnotherRecorderAndLeavesItToItsOwner() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        SpanRecorder other = recorder(RecordingExporter.<SpanData>succeeding());
        SpanData foreign = other.startSpan("foreign", SpanKind.INTERNAL);

        assertThatIllegalArgumentException().isThrownBy(() -> recorder.end(foreign))
                .withMessageStartingWith("span was not started by this recorder");
        assertThatIllegalArgumentException().isThrownBy(() -> recorder.end(foreign, 5L))
                .withMessageStartingWith("span was not started by this recorder");

        assertThat(foreign.state()).as("untouched: still writable by its holder").isEqualTo(SpanState.ACQUIRED);
        assertThat(recorder.stats().batch().offered()).isZero();
        assertThat(recorder.stats().isBalanced()).isTrue();
        assertThat(other.end(foreign)).as("its own recorder still takes it").isTrue();
        assertThat(other.flush()).isTrue();
        assertThat(other.stats().pool().outstanding()).isZero();
    }

    // ------------------------------------------------------------ concurrency

    @Test
    void theAccountingBalancesAfterConcurrentProducersFlushesAndDrops() throws InterruptedException {
        CountingExporter exporter = new CountingExporter();
        SpanRecorder recorder = track(SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setMaxQueueSize(64).setMaxExportBatchSize(16)
                        .setScheduleDelay(1, TimeUnit.MILLISECONDS).build())
                .setPoolCapacity(128)
                .build(exporter));
        int producers = 4;
        int spansEach = 50_000;
        AtomicLong refused = new AtomicLong();
        AtomicLong flushes = new AtomicLong();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ConcurrentRun.run("recorder-producer-", producers + 1, errors, thread -> {
            if (thread == producers) { // flushes while the others produce
                while (recorder.stats().batch().offered() < (long) producers * spansEach && errors.isEmpty()) {
                    recorder.flush(10, TimeUnit.SECONDS);
                    flushes.incrementAndGet();
                }
                return;
            }
            for (int i = 0; i < spansEach; i++) {
                SpanData span = recorder.startSpan("concurrent", SpanKind.INTERNAL);
                span.put("i", (long) i);
                if (!recorder.end(span)) {
                    refused.incrementAndGet();
                }
            }
        });
        recorder.close();

        RecorderStats stats = recorder.stats();
        BatchStats batch = stats.batch();
        assertThat(errors).isEmpty();
        assertThat(flushes.get()).isPositive();
        assertThat(batch.offered()).isEqualTo((long) producers * spansEach);
        assertThat(batch.dropped()).isEqualTo(refused.get());
        assertThat(batch.exported()).isEqualTo(exporter.spans()).isEqualTo(batch.offered() - batch.dropped());
        assertThat(exporter.notSubmitted()).isZero();
        assertThat(batch.pending()).isZero();
        assertThat(stats.inProgress()).isZero();
        assertThat(stats.pool().acquired()).isEqualTo((long) producers * spansEach);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.isBalanced()).as("%s", stats).isTrue();
    }

    // ------------------------------------------------------------ building and bad input

    @Test
    void defaultsAreTheBatchDefaultsWithTheRecordersThreadNameAndHeadroom() {
        assertThat(SpanRecorder.DEFAULT_POOL_HEADROOM).isEqualTo(256);
        assertThat(SpanRecorder.DEFAULT_WORKER_THREAD_NAME).isEqualTo("lowalloc-span-export");
        SpanRecorder recorder = track(SpanRecorder.create(RecordingExporter.<SpanData>succeeding()));

        assertThat(recorder.batchOptions()).isEqualTo(BatchOptions.defaults().toBuilder()
                .setWorkerThreadName(SpanRecorder.DEFAULT_WORKER_THREAD_NAME).build());
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
            assertThat(t.getName()).isEqualTo(SpanRecorder.DEFAULT_WORKER_THREAD_NAME);
            assertThat(t.isDaemon()).isTrue();
        });
        assertThat(recorder.isClosed()).isFalse();
        assertThat(recorder.toString()).startsWith("SpanRecorder{pool=").contains("options=BatchOptions{",
                "balanced=true");
    }

    @Test
    void builderSettingsReachTheRecorder() {
        BatchOptions options = BatchOptions.builder().setMaxQueueSize(8).setMaxExportBatchSize(4)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).build();
        SpanLimits limits = SpanLimits.builder().attributeLimit(2).attributeInitialCapacity(2).build();
        SpanRecorder recorder = track(SpanRecorder.builder()
                .setWorkerThreadName("overwritten")
                .setBatchOptions(options)
                .setWorkerThreadName("recorder-worker")
                .setSpanLimits(limits)
                .setPrefill(8 + 4 + SpanRecorder.DEFAULT_POOL_HEADROOM)
                .setClock(() -> 42L)
                .build(RecordingExporter.<SpanData>succeeding()));

        assertThat(recorder.batchOptions()).isEqualTo(options.toBuilder().setWorkerThreadName("recorder-worker").build());
        assertThat(recorder.stats().pool().created()).as("default capacity: queue + batch + headroom, prefilled")
                .isEqualTo(8 + 4 + SpanRecorder.DEFAULT_POOL_HEADROOM);
        SpanData span = recorder.startSpan("limited", SpanKind.INTERNAL);
        assertThat(span.limits()).isSameAs(limits);
        assertThat(span.startEpochNanos()).isEqualTo(42L);
        recorder.end(span);
    }

    @Test
    void poolCapacityBoundsIdleSpansAndPrefillMayNotExceedIt() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        SpanRecorder small = track(SpanRecorder.builder().setPoolCapacity(1).setPrefill(1).build(RecordingExporter.<SpanData>succeeding()));
        SpanData a = small.startSpan("a", SpanKind.INTERNAL);
        SpanData b = small.startSpan("b", SpanKind.INTERNAL);
        small.end(a);
        small.end(b);
        small.flush();

        assertThat(small.stats().pool().pooled()).isEqualTo(1);
        assertThat(small.stats().pool().discarded()).isEqualTo(1);
        SpanRecorder.Builder tooMuch = SpanRecorder.builder().setPoolCapacity(4).setPrefill(5);
        assertThatIllegalArgumentException().isThrownBy(() -> tooMuch.build(RecordingExporter.<SpanData>succeeding()))
                .withMessage("prefill must be in [0, poolCapacity=4], was: 5");
        assertThat(recorder.stats().pool().created()).isZero();
    }

    @Test
    void eachBuildMakesAnIndependentRecorder() {
        RecordingExporter<SpanData> first = RecordingExporter.succeeding();
        RecordingExporter<SpanData> second = RecordingExporter.succeeding();
        SpanRecorder.Builder builder = SpanRecorder.builder();
        SpanRecorder one = track(builder.build(first));
        SpanRecorder two = track(builder.build(second));

        one.end(one.startSpan("one", SpanKind.INTERNAL));
        one.flush();

        assertThat(first.calls()).isEqualTo(1);
        assertThat(second.calls()).isZero();
        assertThat(two.stats().batch().offered()).isZero();
    }

    @Test
    void badArgumentsAreRejectedByName() {
        SpanRecorder recorder = recorder(RecordingExporter.<SpanData>succeeding());
        SpanData span = recorder.startSpan("s", SpanKind.INTERNAL);

        assertThatNullPointerException().isThrownBy(() -> recorder.startSpan(null, SpanKind.INTERNAL))
                .withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> recorder.startSpan("s", null)).withMessage("kind");
        assertThatNullPointerException().isThrownBy(() -> recorder.startSpan("s", SpanKind.INTERNAL, (SpanParent) null))
                .withMessage("parent");
        assertThatNullPointerException().isThrownBy(() -> recorder.startSpan("s", SpanKind.INTERNAL, (SpanData) null))
                .withMessage("parent");
        assertThatNullPointerException().isThrownBy(() -> recorder.startSpan(null, SpanKind.INTERNAL, (SpanData) null))
                .as("name is checked first").withMessage("name");
        assertThatNullPointerException()
                .isThrownBy(() -> recorder.startSpan("s", null, TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 1, true))
                .withMessage("kind");
        assertThatNullPointerException().isThrownBy(() -> recorder.end(null)).withMessage("span");
        assertThatNullPointerException().isThrownBy(() -> recorder.end(null, 1L)).withMessage("span");
        assertThatIllegalArgumentException().isThrownBy(() -> recorder.end(span, -1L))
                .withMessage("endEpochNanos must be >= 0, was: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> recorder.flush(-1, TimeUnit.SECONDS))
                .withMessage("timeout must be >= 0, was: -1 SECONDS");
        assertThatNullPointerException().isThrownBy(() -> recorder.flush(1, null)).withMessage("unit");
        assertThat(span.state()).as("still the caller's after the rejected end").isEqualTo(SpanState.ACQUIRED);
        assertThat(recorder.stats().pool().acquired()).isEqualTo(1);
        recorder.end(span);
    }

    @Test
    void badBuilderArgumentsAreRejectedWithTheirRange() {
        SpanRecorder.Builder builder = SpanRecorder.builder();

        assertThatIllegalArgumentException().isThrownBy(() -> builder.setPoolCapacity(0))
                .withMessage("poolCapacity must be in [1, 1073741824], was: 0");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.setPrefill(-1))
                .withMessage("prefill must be in [0, poolCapacity], was: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.setWorkerThreadName(" "))
                .withMessage("workerThreadName must be non-blank, was: \" \"");
        assertThatNullPointerException().isThrownBy(() -> builder.setWorkerThreadName(null)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> builder.setBatchOptions(null)).withMessage("batchOptions");
        assertThatNullPointerException().isThrownBy(() -> builder.setSpanLimits(null)).withMessage("spanLimits");
        assertThatNullPointerException().isThrownBy(() -> builder.setClock(null)).withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> builder.build(null)).withMessage("exporter");
        assertThatNullPointerException().isThrownBy(() -> SpanRecorder.create(null)).withMessage("exporter");
        assertThatNullPointerException().isThrownBy(() -> new RecorderStats(null, null)).withMessage("batch");
    }
}
