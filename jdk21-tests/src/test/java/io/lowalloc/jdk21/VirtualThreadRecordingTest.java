package io.lowalloc.jdk21;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.CountingExporter;
import io.lowalloc.otel.PooledSpanPipeline;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Thousands of virtual threads recording at once, through the core recorder and through the
 * OpenTelemetry pipeline: every span is accounted for, whether the pool had a span ready or not.
 */
class VirtualThreadRecordingTest {

    private static final int THREADS = 5_000;
    private static final int SPANS_PER_THREAD = 20;
    private static final long TOTAL = (long) THREADS * SPANS_PER_THREAD;

    /** Runs {@code body} on {@link #THREADS} virtual threads started together; rethrows a failure. */
    private static void onVirtualThreads(Consumer<Integer> body) throws Exception {
        List<Future<?>> futures = new ArrayList<>(THREADS);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < SPANS_PER_THREAD; i++) {
                        body.accept(thread);
                        // A yield point inside the loop, so spans of many threads are open at once.
                        if ((i & 3) == 0) {
                            Thread.yield();
                        }
                    }
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void recorderAccountingBalancesWithThousandsOfVirtualThreads() throws Exception {
        CountingExporter exporter = new CountingExporter();
        SpanRecorder recorder = SpanRecorder.builder()
                .setShutdownHook(false)
                .setBatchOptions(BatchOptions.builder()
                        .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                        .setMaxBlockTime(30, TimeUnit.SECONDS)
                        .build())
                .build(exporter);
        onVirtualThreads(thread -> {
            SpanData span = recorder.startSpan("virtual", SpanKind.INTERNAL);
            span.put("thread", (long) thread);
            Thread.yield();
            recorder.end(span);
        });
        recorder.close();

        RecorderStats stats = recorder.stats();
        assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        assertThat(stats.batch().offered()).isEqualTo(TOTAL);
        assertThat(stats.batch().exported()).as("%s", stats).isEqualTo(TOTAL);
        assertThat(exporter.spans()).isEqualTo(TOTAL);
        assertThat(stats.pool().outstanding()).isZero();
    }

    @Test
    void pipelineAccountingBalancesWithThousandsOfVirtualThreads() throws Exception {
        AtomicLong exportedSpans = new AtomicLong();
        SpanExporter exporter = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
                exportedSpans.addAndGet(spans.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(exporter)
                .setBatchOptions(BatchOptions.builder()
                        .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                        .setMaxBlockTime(30, TimeUnit.SECONDS)
                        .build())
                .build();
        onVirtualThreads(thread -> {
            SpanData span = pipeline.startSpan("virtual", SpanKind.SERVER);
            span.put("thread", (long) thread);
            Thread.yield();
            pipeline.end(span);
        });
        pipeline.close();

        RecorderStats stats = pipeline.stats();
        assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        assertThat(stats.batch().offered()).isEqualTo(TOTAL);
        assertThat(stats.batch().exported()).as("%s", stats).isEqualTo(TOTAL);
        assertThat(exportedSpans).hasValue(TOTAL);
    }
}
