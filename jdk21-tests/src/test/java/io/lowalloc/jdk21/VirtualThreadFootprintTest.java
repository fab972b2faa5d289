package io.lowalloc.jdk21;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.CountingExporter;
import io.lowalloc.otel.PooledSpanPipeline;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No per-thread state grows with the number of virtual threads: recording one span on each of
 * thousands of fresh virtual threads costs no more bytes per thread than the same threads doing
 * no tracing at all. A cache kept per thread (a {@code ThreadLocal} builder, copier or buffer) would
 * be created once per virtual thread and show here as bytes per thread; the injected variant proves
 * that the measurement sees such a cache.
 *
 * <p>Bytes are counted with {@code getTotalThreadAllocatedBytes()} (JDK 21+), which includes what
 * virtual threads allocate while mounted on their carriers.
 */
class VirtualThreadFootprintTest {

    private static final int THREADS = 4_000;
    /** Bytes per thread above the no-tracing baseline that still count as "nothing per thread". */
    private static final long ALLOWED_BYTES_PER_THREAD = 48;

    private static final com.sun.management.ThreadMXBean THREADS_BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final ThreadLocal<long[]> INJECTED_CACHE = ThreadLocal.withInitial(() -> new long[16]);

    private final SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false).build(new CountingExporter());
    private final PooledSpanPipeline pipeline = PooledSpanPipeline.builder(new NoopExporter()).setShutdownHook(false).build();

    @AfterEach
    void close() {
        recorder.close();
        pipeline.close();
    }

    /** Bytes allocated by all threads while {@code body} runs once on each of THREADS virtual threads. */
    private static long bytesFor(IntConsumer body) {
        long before = THREADS_BEAN.getTotalThreadAllocatedBytes();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                executor.execute(() -> body.accept(thread));
            }
        }
        return THREADS_BEAN.getTotalThreadAllocatedBytes() - before;
    }

    /** The smallest of five rounds, after warm-up rounds: the least disturbed by JIT and GC threads. */
    private static long minBytes(IntConsumer body) {
        for (int i = 0; i < 3; i++) {
            bytesFor(body);
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            min = Math.min(min, bytesFor(body));
        }
        return min;
    }

    private static volatile long sink;

    private static void baseline(int thread) {
        sink += thread;
    }

    private void recordOnRecorder(int thread) {
        SpanData span = recorder.startSpan("virtual", SpanKind.INTERNAL);
        span.put("thread", (long) thread);
        recorder.end(span);
    }

    private void recordOnPipeline(int thread) {
        SpanData span = pipeline.startSpan("virtual", SpanKind.INTERNAL);
        span.put("thread", (long) thread);
        pipeline.end(span);
    }

    /**
     * What every OpenTelemetry-instrumented call on a fresh thread pays: reading the current context
     * creates that thread's entry in OpenTelemetry's thread-local context storage.
     */
    private static void contextBaseline(int thread) {
        sink += thread + (Span.current().getSpanContext().isValid() ? 1 : 0);
    }

    private long extraBytesPerThread(IntConsumer baseline, IntConsumer body) {
        long base = minBytes(baseline);
        long traced = minBytes(body);
        return (traced - base) / THREADS;
    }

    @Test
    void aSpanPerFreshVirtualThreadThroughTheRecorderAddsNoPerThreadBytes() {
        long extra = extraBytesPerThread(VirtualThreadFootprintTest::baseline, this::recordOnRecorder);
        assertThat(extra).as("bytes per virtual thread above no tracing").isLessThanOrEqualTo(ALLOWED_BYTES_PER_THREAD);
    }

    @Test
    void aSpanPerFreshVirtualThreadThroughThePipelineAddsNoPerThreadBytes() {
        // startSpan(name, kind) reads Span.current(), as any OpenTelemetry instrumentation does; the
        // context storage's thread-local entry is OpenTelemetry's, so it is in the baseline.
        long extra = extraBytesPerThread(VirtualThreadFootprintTest::contextBaseline, this::recordOnPipeline);
        assertThat(extra).as("bytes per virtual thread above reading Span.current()").isLessThanOrEqualTo(ALLOWED_BYTES_PER_THREAD);
    }

    @Test
    void theMeasurementSeesACachePerThread() {
        long extra = extraBytesPerThread(VirtualThreadFootprintTest::baseline, thread -> {
            recordOnRecorder(thread);
            sink += INJECTED_CACHE.get().length;
        });
        assertThat(extra).as("bytes per virtual thread with an injected per-thread cache")
                .isGreaterThan(ALLOWED_BYTES_PER_THREAD);
    }

    /** An OpenTelemetry exporter that accepts and reads nothing. */
    private static final class NoopExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
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
    }
}
