package io.lowalloc.otel;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.ConcurrentRun;
import io.lowalloc.otel.testing.FixedReadableSpan;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;


class BoundedBatchSpanProcessorTest {

    private static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "t"));

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void shutDownProviders() {
        for (SdkTracerProvider provider : providers) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private Tracer tracer(BoundedBatchSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE).addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("processor-test");
    }

    private static BoundedBatchSpanProcessorBuilder slowSchedule(ScriptedExporter exporter) {
        return BoundedBatchSpanProcessor.builder(exporter).setScheduleDelay(60, TimeUnit.SECONDS);
    }

    private static BoundedBatchSpanProcessorBuilder smallQueue(ScriptedExporter exporter, int queue, int batch) {
        return slowSchedule(exporter).setMaxQueueSize(queue).setMaxExportBatchSize(batch);
    }

    private static BoundedBatchSpanProcessorBuilder smallBlockingQueue(ScriptedExporter exporter, int queue, int batch,
            long maxBlockMillis) {
        return smallQueue(exporter, queue, batch).setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(maxBlockMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Returns a tracer on {@code processor} after ending {@code spans} spans named {@code prefix0...}
     * as a full batch: the worker has taken them and is held in the exporter until its gate opens.
     */
    private Tracer holdWorkerInExport(ScriptedExporter exporter, BoundedBatchSpanProcessor processor, String prefix,
            int spans) throws InterruptedException {
        Tracer tracer = tracer(processor);
        exporter.closeGate();
        endSpans(tracer, prefix, spans);
        assertThat(exporter.awaitEntered()).isTrue();
        return tracer;
    }

    private static void endSpans(Tracer tracer, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            tracer.spanBuilder(prefix + i).startSpan().end();
        }
    }

    private static boolean join(CompletableResultCode result) {
        return result.join(20, TimeUnit.SECONDS).isSuccess();
    }

    @Test
    void onlyTheEndOfASpanIsRequired() {
        BoundedBatchSpanProcessor processor = slowSchedule(new ScriptedExporter()).build();
        tracer(processor);

        processor.onStart(Context.root(), null);

        assertThat(processor.isStartRequired()).isFalse();
        assertThat(processor.isEndRequired()).isTrue();
        assertThat(processor.getStats().batch().offered()).isZero();
    }

    @Test
    void forceFlushExportsEverySpanEndedBeforeIt() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        endSpans(tracer(processor), "s", 3);

        assertThat(join(processor.forceFlush())).isTrue();

        assertThat(exporter.exportedNames).containsExactly("s0", "s1", "s2");
        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.batch().exported()).isEqualTo(3);
        assertThat(stats.batch().pending()).isZero();
        assertThat(stats.batch().isBalanced()).isTrue();
    }

    @Test
    void forceFlushWithNothingPendingSucceeds() {
        BoundedBatchSpanProcessor processor = slowSchedule(new ScriptedExporter()).build();
        tracer(processor);

        assertThat(join(processor.forceFlush())).isTrue();
    }

    /** A failed result and an exception from export are both failures of that export's spans. */
    @ParameterizedTest
    @EnumSource(value = ScriptedExporter.Mode.class, names = {"FAIL", "THROW"})
    void aFailedExportFailsTheFlushOfItsRangeAndTheProcessorCarriesOn(ScriptedExporter.Mode failure) {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        Tracer tracer = tracer(processor);
        exporter.mode = failure;
        endSpans(tracer, "failing", 3);

        assertThat(join(processor.forceFlush())).isFalse();

        exporter.mode = ScriptedExporter.Mode.SUCCEED;
        endSpans(tracer, "fine", 2);
        assertThat(join(processor.forceFlush())).as("the next range exported fine").isTrue();
        assertThat(exporter.exportedNames).containsExactly("fine0", "fine1");
        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.batch().failed()).isEqualTo(3);
        assertThat(stats.batch().failedExports()).isEqualTo(1);
        assertThat(stats.batch().exported()).isEqualTo(2);
    }

    @Test
    void exportThatNeverCompletesIsAbandonedAndItsListIsNeverReused() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter)
                .setExporterTimeout(100, TimeUnit.MILLISECONDS)
                .build();
        Tracer tracer = tracer(processor);
        exporter.mode = ScriptedExporter.Mode.NEVER_COMPLETE;
        endSpans(tracer, "hung", 2);

        long start = System.nanoTime();
        assertThat(join(processor.forceFlush())).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

        exporter.mode = ScriptedExporter.Mode.SUCCEED;
        endSpans(tracer, "later", 6);
        assertThat(join(processor.forceFlush())).isTrue();

        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.batch().abandoned()).isEqualTo(2);
        assertThat(stats.batch().timedOutExports()).isEqualTo(1);
        assertThat(stats.batch().exported()).isEqualTo(6);
        // The exporter still holds the abandoned batch: it must still read the original spans,
        // untouched by the later ones (its snapshot list was not reused).
        Collection<SpanData> abandoned = exporter.received.get(0);
        List<String> names = new ArrayList<>();
        for (SpanData span : abandoned) {
            names.add(span.getName());
        }
        assertThat(names).containsExactly("hung0", "hung1");
    }

    @Test
    void dropPolicyDropsExactlyWhatDoesNotFitAndTheNextFlushReportsIt() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = smallQueue(exporter, 4, 2).build();
        Tracer tracer = holdWorkerInExport(exporter, processor, "s", 2);

        endSpans(tracer, "t", 10); // 4 fit in the queue, 6 do not

        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.batch().droppedQueueFull()).isEqualTo(6);
        assertThat(stats.batch().pending()).isEqualTo(6);
        exporter.openGate();
        assertThat(join(processor.forceFlush())).as("spans were dropped since the last flush").isFalse();
        assertThat(exporter.exportedNames).containsExactly("s0", "s1", "t0", "t1", "t2", "t3");
        assertThat(join(processor.forceFlush())).as("nothing dropped since").isTrue();
        assertThat(processor.getStats().batch().isBalanced()).isTrue();
    }

    /**
     * The span itself is queued; its snapshot is taken on the exporter thread, and the exporter
     * receives the SDK's own span data: the same id strings the span context holds.
     */
    @Test
    void theSdkSnapshotIsTakenOffTheEndingThreadAndKeepsTheSdksIdStrings() {
        List<String> snapshotThreads = new CopyOnWriteArrayList<>();
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        Tracer tracer = tracer(processor);
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder("observed").startSpan();
        ReadableSpan ended = (ReadableSpan) span;
        span.end();

        processor.onEnd(new ObservedSpan(ended, snapshotThreads));
        assertThat(snapshotThreads).as("no snapshot on the ending thread").isEmpty();
        assertThat(join(processor.forceFlush())).isTrue();

        assertThat(snapshotThreads).singleElement().asString().startsWith(BoundedBatchSpanProcessor.WORKER_THREAD_NAME);
        List<SpanData> exported = new ArrayList<>();
        exporter.batches.forEach(exported::addAll);
        assertThat(exported).hasSize(2).allSatisfy(data -> {
            assertThat(data.getSpanContext().getTraceId()).isSameAs(ended.getSpanContext().getTraceId());
            assertThat(data.getSpanContext().getSpanId()).isSameAs(ended.getSpanContext().getSpanId());
        });
        assertThat(processor.getStats().batch().exported()).isEqualTo(2);
    }

    /** Records the thread that takes its snapshot; otherwise the given span. */
    @SuppressWarnings("deprecation") // the interface still declares the deprecated library-info accessor
    private static final class ObservedSpan implements ReadableSpan {
        private final ReadableSpan span;
        private final List<String> snapshotThreads;

        ObservedSpan(ReadableSpan span, List<String> snapshotThreads) {
            this.span = span;
            this.snapshotThreads = snapshotThreads;
        }

        @Override
        public SpanData toSpanData() {
            snapshotThreads.add(Thread.currentThread().getName());
            return span.toSpanData();
        }

        @Override
        public io.opentelemetry.api.trace.SpanContext getSpanContext() {
            return span.getSpanContext();
        }

        @Override
        public io.opentelemetry.api.trace.SpanContext getParentSpanContext() {
            return span.getParentSpanContext();
        }

        @Override
        public String getName() {
            return span.getName();
        }

        @Override
        public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
            return span.getInstrumentationLibraryInfo();
        }

        @Override
        public io.opentelemetry.sdk.common.InstrumentationScopeInfo getInstrumentationScopeInfo() {
            return span.getInstrumentationScopeInfo();
        }

        @Override
        public boolean hasEnded() {
            return span.hasEnded();
        }

        @Override
        public long getLatencyNanos() {
            return span.getLatencyNanos();
        }

        @Override
        public io.opentelemetry.api.trace.SpanKind getKind() {
            return span.getKind();
        }

        @Override
        public <T> T getAttribute(AttributeKey<T> key) {
            return span.getAttribute(key);
        }
    }

    /**
     * The ending thread's whole cost is one offer into the preallocated ring: no copy, no node, no
     * snapshot. Measured with ThreadMXBean on the ending thread while the worker exports.
     */
    @Test
    void onEndAllocatesNothingOnTheEndingThread() {
        CompletableResultCode success = CompletableResultCode.ofSuccess();
        BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(new SpanExporter() {
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
        }).setFullQueuePolicy(FullQueuePolicy.BLOCK).build();
        io.opentelemetry.api.trace.Span span = tracer(processor).spanBuilder("ended").startSpan();
        span.end();
        ReadableSpan ended = (ReadableSpan) span;

        double bytesPerSpan = AllocationMeter.create().bytesPerOp(50_000, 5_000, i -> {
            processor.onEnd(ended);
            return i;
        });

        assertThat(bytesPerSpan).as("bytes per onEnd on the ending thread").isZero();
        assertThat(join(processor.forceFlush())).isTrue();
        assertThat(processor.getStats().batch().dropped()).isZero();
    }

    @Test
    void blockPolicyWaitsForSpaceInsteadOfDropping() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = smallBlockingQueue(exporter, 4, 2, 30_000).build();
        Tracer tracer = holdWorkerInExport(exporter, processor, "s", 2);

        Thread producer = new Thread(() -> endSpans(tracer, "t", 10), "blocked-producer");
        producer.start();
        Await.until(() -> processor.getStats().batch().pending() >= 6, "6 spans pending behind the full queue");
        producer.join(100);
        assertThat(producer.isAlive()).as("the producer waits for space").isTrue();
        assertThat(processor.getStats().batch().pending()).isEqualTo(6);

        exporter.openGate();
        producer.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(producer.isAlive()).isFalse();
        assertThat(join(processor.forceFlush())).isTrue();
        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.batch().dropped()).isZero();
        assertThat(stats.batch().exported()).isEqualTo(12);
        assertThat(exporter.exportedNames).hasSize(12).startsWith("s0", "s1").endsWith("t9");
    }

    @Test
    void blockPolicyDropsOnceMaxBlockTimeHasPassed() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = smallBlockingQueue(exporter, 4, 2, 50).build();
        Tracer tracer = holdWorkerInExport(exporter, processor, "s", 2);
        endSpans(tracer, "t", 4);

        long start = System.nanoTime();
        endSpans(tracer, "u", 1);

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(processor.getStats().batch().droppedBlockTimeout()).isEqualTo(1);
        exporter.openGate();
        assertThat(join(processor.forceFlush())).isFalse();
        assertThat(exporter.exportedNames).containsExactly("s0", "s1", "t0", "t1", "t2", "t3");
    }

    @Test
    void shutdownIsIdempotentExportsWhatIsQueuedAndShutsTheExporterDownOnce() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        endSpans(tracer(processor), "s", 3);

        CompletableResultCode first = processor.shutdown();
        CompletableResultCode second = processor.shutdown();

        assertThat(second).isSameAs(first);
        assertThat(join(first)).isTrue();
        assertThat(exporter.exportedNames).containsExactly("s0", "s1", "s2");
        assertThat(exporter.shutdownCalls.get()).isEqualTo(1);
        assertThat(processor.shutdown()).isSameAs(first);
        assertThat(processor.getStats().batch().pending()).isZero();
    }

    @Test
    void spansEndedAfterShutdownAreCountedAndNotExported() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        Tracer tracer = tracer(processor);
        assertThat(join(processor.shutdown())).isTrue();

        endSpans(tracer, "late", 3);

        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.rejectedAfterShutdown()).isEqualTo(3);
        assertThat(stats.dropped()).isEqualTo(3);
        assertThat(stats.batch().offered()).as("rejected before the queue").isZero();
        assertThat(exporter.exportCalls.get()).isZero();
        assertThat(join(processor.forceFlush())).as("rejections after shutdown do not fail a flush").isTrue();
    }

    @Test
    void shutdownFailsWhenTheExporterFailsToShutDown() {
        ScriptedExporter exporter = new ScriptedExporter();
        exporter.shutdownResult = CompletableResultCode.ofFailure();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        tracer(processor);

        assertThat(join(processor.shutdown())).isFalse();
        assertThat(exporter.shutdownCalls.get()).isEqualTo(1);
    }

    @Test
    void closeShutsDown() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        endSpans(tracer(processor), "s", 1);

        processor.close();

        assertThat(exporter.shutdownCalls.get()).isEqualTo(1);
        assertThat(exporter.exportedNames).containsExactly("s0");
        assertThat(processor.shutdown().isDone()).isTrue();
    }

    @Test
    void unsampledSpansAreSkippedBeforeTheQueue() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(new SpanProcessorContractTest.RecordOnlyByName())
                .addSpanProcessor(processor)
                .build();
        providers.add(provider);
        endSpans(provider.get("t"), "record only ", 3);

        assertThat(join(processor.forceFlush())).isTrue();
        assertThat(processor.getStats().batch().offered()).isZero();
        assertThat(exporter.exportCalls.get()).isZero();
    }

    @Test
    void aSpanWhoseSnapshotFailsIsLeftOutAndFailsItsBatch() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).build();
        Tracer tracer = tracer(processor);

        processor.onEnd(FixedReadableSpan.invalidSpan());
        endSpans(tracer, "valid", 1);

        assertThat(join(processor.forceFlush())).as("the invalid span was not exported").isFalse();
        SpanProcessorStats stats = processor.getStats();
        assertThat(stats.invalidSpans()).isEqualTo(1);
        assertThat(stats.batch().failed()).as("its batch counts as failed").isEqualTo(2);
        assertThat(stats.batch().isBalanced()).as(stats.toString()).isTrue();
        assertThat(exporter.exportedNames).as("the readable span still reached the exporter").containsExactly("valid0");
        endSpans(tracer, "next", 1);
        assertThat(join(processor.forceFlush())).as("the loss failed one flush only").isTrue();
    }

    @Test
    void exportedSpansCarryTheTracerProvidersResource() {
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(memory).build();
        tracer(processor).spanBuilder("a").startSpan().end();

        assertThat(join(processor.forceFlush())).isTrue();

        assertThat(memory.getFinishedSpanItems()).singleElement().extracting(SpanData::getResource).isEqualTo(RESOURCE);
    }

    @Test
    void theSnapshotListIsReusedFromOneExportToTheNext() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = slowSchedule(exporter).setMaxExportBatchSize(8).build();
        Tracer tracer = tracer(processor);
        for (int round = 0; round < 20; round++) {
            endSpans(tracer, "r", 8);
            assertThat(join(processor.forceFlush())).isTrue();
        }

        assertThat(exporter.received).hasSize(20);
        assertThat(exporter.received).allSatisfy(list -> assertThat(list).isSameAs(exporter.received.get(0)));
        assertThat(processor.getStats().batch().exported()).isEqualTo(160);
    }

    @Test
    void exposesItsExporterAndConfiguration() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(exporter)
                .setMaxQueueSize(100)
                .setComponentName("mine")
                .build();
        tracer(processor);

        assertThat(processor.getSpanExporter()).isSameAs(exporter);
        assertThat(processor.toString()).contains("maxQueueSize=100", "maxExportBatchSize=100",
                "scheduleDelayNanos=5000000000", "exporterTimeoutNanos=30000000000", "fullQueuePolicy=DROP",
                "componentName=mine");
    }

    @Test
    void createUsesTheDefaults() {
        BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.create(new ScriptedExporter());
        tracer(processor);

        assertThat(processor.toString()).contains("maxQueueSize=2048", "maxExportBatchSize=512",
                "scheduleDelayNanos=5000000000", "exporterTimeoutNanos=30000000000", "exportUnsampledSpans=false");
    }

    @Test
    void aThreadInterruptedWhileBlockedDropsItsSpanAndKeepsTheInterrupt() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = smallBlockingQueue(exporter, 1, 1, 30_000).build();
        Tracer tracer = holdWorkerInExport(exporter, processor, "in flight", 1);
        endSpans(tracer, "queued", 1);

        Thread.currentThread().interrupt();
        try {
            endSpans(tracer, "interrupted", 1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }

        assertThat(processor.getStats().batch().droppedInterrupted()).isEqualTo(1);
        exporter.openGate();
        assertThat(join(processor.forceFlush())).isFalse();
        assertThat(exporter.exportedNames).containsExactly("in flight0", "queued0");
    }

    @Test
    void everySpanEndedConcurrentlyIsAccountedForExactlyOnce() throws InterruptedException {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(exporter)
                .setScheduleDelay(1, TimeUnit.MILLISECONDS)
                .setMaxQueueSize(64)
                .setMaxExportBatchSize(16)
                .build();
        Tracer tracer = tracer(processor);
        int threads = 4;
        int perThread = 2_500;
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ConcurrentRun.run("producer-", threads, errors, t -> endSpans(tracer, "t" + t + "-", perThread));
        assertThat(errors).isEmpty();

        boolean shutdownSucceeded = join(processor.shutdown());

        SpanProcessorStats stats = processor.getStats();
        assertThat(shutdownSucceeded).as("an honest result: it fails iff spans were dropped")
                .isEqualTo(stats.dropped() == 0);
        assertThat(stats.batch().offered()).isEqualTo(threads * perThread);
        assertThat(stats.batch().exported() + stats.batch().dropped()).isEqualTo(threads * perThread);
        assertThat(stats.batch().pending()).isZero();
        assertThat(stats.batch().isBalanced()).as(stats.toString()).isTrue();
        assertThat(exporter.exportedNames).hasSize((int) stats.batch().exported()).doesNotHaveDuplicates();
    }
}
