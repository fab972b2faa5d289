package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.batch.FullQueuePolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void aSpanWithoutParentStartsASampledTrace() {
        SpanRecorder recorder = recorder(new Capturing());

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
        SpanRecorder recorder = recorder(new Capturing());
        SpanParent remote = new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 0, true);

        SpanData child = recorder.startSpan("child", SpanKind.CLIENT, remote);

        assertThat(child.traceIdHigh()).isEqualTo(TRACE_HIGH);
        assertThat(child.traceIdLow()).isEqualTo(TRACE_LOW);
        assertThat(child.parentSpanId()).isEqualTo(PARENT_ID);
        assertThat(child.spanId()).isNotZero().isNotEqualTo(PARENT_ID);
        assertThat(child.isParentRemote()).isTrue();
        assertThat(child.isSampled()).as("the parent's flags, not sampled").isFalse();
        assertThat(child.kind()).isEqualTo(SpanKind.CLIENT);
        recorder.end(child);
    }

    @Test
    void parentPartsStartTheSameChildAsTheSpanParentValue() {
        SpanRecorder recorder = recorder(new Capturing());

        SpanData child = recorder.startSpan("child", SpanKind.CONSUMER, TRACE_HIGH, TRACE_LOW, PARENT_ID,
                (byte) 1, false);

        assertThat(child.traceIdHigh()).isEqualTo(TRACE_HIGH);
        assertThat(child.traceIdLow()).isEqualTo(TRACE_LOW);
        assertThat(child.parentSpanId()).isEqualTo(PARENT_ID);
        assertThat(child.isParentRemote()).isFalse();
        assertThat(child.isSampled()).isTrue();
        recorder.end(child);
    }

    @Test
    void aLiveParentSpanMakesALocalChildInTheSameTrace() {
        SpanRecorder recorder = recorder(new Capturing());
        SpanData parent = recorder.startSpan("parent", SpanKind.SERVER,
                new SpanParent(TRACE_HIGH, TRACE_LOW, PARENT_ID, (byte) 1, true));

        SpanData child = recorder.startSpan("child", SpanKind.INTERNAL, parent);

        assertThat(child.traceIdHigh()).isEqualTo(TRACE_HIGH);
        assertThat(child.traceIdLow()).isEqualTo(TRACE_LOW);
        assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
        assertThat(child.isParentRemote()).isFalse();
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
        SpanRecorder recorder = recorder(new Capturing());
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
        Capturing exporter = new Capturing();
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

        assertThat(recorder.flush()).isTrue();

        assertThat(exporter.seen).containsExactly("op SUBMITTED attempt=1");
        assertThat(span.state()).as("reset when released").isEqualTo(SpanState.FREE);
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().exported()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).isZero();
        assertThat(stats.pool().released()).isEqualTo(1);
        assertThat(recorder.startSpan("again", SpanKind.INTERNAL)).as("the pooled span is reused").isSameAs(span);
        recorder.end(span);
    }

    @Test
    void endWithATimeOrAfterTheCallerEndedTheSpan() {
        Capturing exporter = new Capturing();
        SpanRecorder recorder = recorder(exporter);

        recorder.end(recorder.startSpan("explicit", SpanKind.INTERNAL), 2_500L);
        SpanData endedByCaller = recorder.startSpan("by caller", SpanKind.INTERNAL);
        endedByCaller.end(3_000L);
        recorder.end(endedByCaller);
        assertThat(recorder.flush()).isTrue();

        assertThat(exporter.endTimes).containsExactly(2_500L, 3_000L);
    }

    @Test
    void aSpanCannotBeEndedTwice() {
        SpanRecorder recorder = recorder(new Capturing());
        SpanData span = recorder.startSpan("s", SpanKind.INTERNAL);
        recorder.end(span);

        assertThatIllegalStateException().isThrownBy(() -> recorder.end(span)).withMessage("span already submitted");
        assertThatIllegalStateException().isThrownBy(() -> recorder.end(span, 5L))
                .withMessage("span already submitted");
        assertThat(recorder.stats().batch().offered()).isEqualTo(1);
    }

    @Test
    void aDroppedSpanIsCountedAndReturnsToThePoolAtOnce() throws InterruptedException {
        Capturing exporter = new Capturing();
        exporter.hold = new CountDownLatch(1);
        SpanRecorder recorder = track(SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setMaxQueueSize(1).setMaxExportBatchSize(1).build())
                .build(exporter));
        recorder.end(recorder.startSpan("exporting", SpanKind.INTERNAL));
        assertThat(exporter.called.await(10, TimeUnit.SECONDS)).as("first batch taken").isTrue();
        assertThat(recorder.end(recorder.startSpan("queued", SpanKind.INTERNAL))).isTrue();

        SpanData dropped = recorder.startSpan("dropped", SpanKind.INTERNAL);
        assertThat(recorder.end(dropped)).isFalse();

        assertThat(dropped.state()).as("released to the pool by end").isEqualTo(SpanState.FREE);
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().droppedQueueFull()).isEqualTo(1);
        assertThat(stats.pool().outstanding()).as("exporting + queued").isEqualTo(2);
        assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        exporter.hold.countDown();
        assertThat(recorder.flush(10, TimeUnit.SECONDS)).isTrue();
        assertThat(exporter.names()).containsExactly("exporting", "queued");
    }

    @Test
    void failedExportsAreCountedAndTheirSpansReturnToThePool() {
        Capturing exporter = new Capturing();
        exporter.fail = true;
        SpanRecorder recorder = recorder(exporter);
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
        Capturing exporter = new Capturing();
        exporter.hold = new CountDownLatch(1);
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
        exporter.hold.countDown();
    }

    @Test
    void afterCloseEndRejectsCountsAndReleasesAndStartStillWorks() {
        Capturing exporter = new Capturing();
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
        assertThat(exporter.names()).containsExactly("before");
    }

    @Test
    void aSpanOfAnotherRecorderIsExportedButNotPooledAndUnbalancesTheStats() {
        SpanRecorder recorder = recorder(new Capturing());
        SpanRecorder other = recorder(new Capturing());
        SpanData foreign = other.startSpan("foreign", SpanKind.INTERNAL);

        // As a BatchBuffer with the wrong completion hook: the worker logs the refused release.
        assertThat(recorder.end(foreign)).isTrue();
        assertThat(recorder.flush()).isTrue();

        assertThat(recorder.stats().batch().exported()).isEqualTo(1);
        assertThat(recorder.stats().inProgress()).isEqualTo(-1);
        assertThat(recorder.stats().isBalanced()).as("the misuse shows").isFalse();
        assertThat(other.stats().pool().outstanding()).as("still out of its own pool").isEqualTo(1);
        assertThat(foreign.state()).isEqualTo(SpanState.SUBMITTED);
        recorders.remove(recorder);
        recorder.close();
        recorders.remove(other);
        other.close();
    }

    // ------------------------------------------------------------ concurrency

    @Test
    void theAccountingBalancesAfterConcurrentProducersFlushesAndDrops() throws InterruptedException {
        AtomicLong exported = new AtomicLong();
        SpanRecorder recorder = track(SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setMaxQueueSize(64).setMaxExportBatchSize(16)
                        .setScheduleDelay(1, TimeUnit.MILLISECONDS).build())
                .setPoolCapacity(128)
                .build((batch, completion) -> {
                    exported.addAndGet(batch.size());
                    completion.success();
                }));
        int producers = 4;
        int spansEach = 50_000;
        AtomicLong refused = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            threads[p] = new Thread(() -> {
                try {
                    for (int i = 0; i < spansEach; i++) {
                        SpanData span = recorder.startSpan("concurrent", SpanKind.INTERNAL);
                        span.put("i", (long) i);
                        if (!recorder.end(span)) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            });
            threads[p].start();
        }
        int flushes = 0;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                recorder.flush(10, TimeUnit.SECONDS);
                flushes++;
                thread.join(1);
            }
        }
        recorder.close();

        RecorderStats stats = recorder.stats();
        BatchStats batch = stats.batch();
        assertThat(error.get()).isNull();
        assertThat(flushes).isPositive();
        assertThat(batch.offered()).isEqualTo((long) producers * spansEach);
        assertThat(batch.dropped()).isEqualTo(refused.get());
        assertThat(batch.exported()).isEqualTo(exported.get()).isEqualTo(batch.offered() - batch.dropped());
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
        SpanRecorder recorder = track(SpanRecorder.create(new Capturing()));

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
                .build(new Capturing()));

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
        SpanRecorder recorder = recorder(new Capturing());
        SpanRecorder small = track(SpanRecorder.builder().setPoolCapacity(1).setPrefill(1).build(new Capturing()));
        SpanData a = small.startSpan("a", SpanKind.INTERNAL);
        SpanData b = small.startSpan("b", SpanKind.INTERNAL);
        small.end(a);
        small.end(b);
        small.flush();

        assertThat(small.stats().pool().pooled()).isEqualTo(1);
        assertThat(small.stats().pool().discarded()).isEqualTo(1);
        SpanRecorder.Builder tooMuch = SpanRecorder.builder().setPoolCapacity(4).setPrefill(5);
        assertThatIllegalArgumentException().isThrownBy(() -> tooMuch.build(new Capturing()))
                .withMessage("prefill must be in [0, poolCapacity=4], was: 5");
        assertThat(recorder.stats().pool().created()).isZero();
    }

    @Test
    void eachBuildMakesAnIndependentRecorder() {
        Capturing first = new Capturing();
        Capturing second = new Capturing();
        SpanRecorder.Builder builder = SpanRecorder.builder();
        SpanRecorder one = track(builder.build(first));
        SpanRecorder two = track(builder.build(second));

        one.end(one.startSpan("one", SpanKind.INTERNAL));
        one.flush();

        assertThat(first.names()).containsExactly("one");
        assertThat(second.names()).isEmpty();
        assertThat(two.stats().batch().offered()).isZero();
    }

    @Test
    void badArgumentsAreRejectedByName() {
        SpanRecorder recorder = recorder(new Capturing());
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

    /**
     * Records what it sees of each span (the spans are reset after the result), then succeeds or
     * fails; optionally waits for {@link #hold} before completing.
     */
    private static final class Capturing implements BatchExporter<SpanData> {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<Long> endTimes = new CopyOnWriteArrayList<>();
        final CountDownLatch called = new CountDownLatch(1);
        volatile CountDownLatch hold;
        volatile boolean fail;

        @Override
        public void export(List<SpanData> batch, ExportCompletion completion) {
            for (SpanData span : batch) {
                seen.add(span.name() + " " + span.state()
                        + (span.attributes().size() > 0 ? " " + span.attributes().key(0) + "="
                                + span.attributes().longValue(0) : ""));
                endTimes.add(span.endEpochNanos());
            }
            called.countDown();
            CountDownLatch latch = hold;
            if (latch != null) {
                new Thread(() -> {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    completion.success();
                }).start();
            } else if (fail) {
                completion.failure(new IOException("planned failure"));
            } else {
                completion.success();
            }
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String entry : seen) {
                names.add(entry.substring(0, entry.indexOf(' ')));
            }
            return names;
        }
    }
}
