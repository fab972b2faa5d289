package io.lowalloc.examples;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.otel.SpanExporterAdapter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.lowalloc.otlp.NativeOtlpHttpExporter;
import io.lowalloc.otlp.OtlpResource;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 4, "Batch Processing Demo": {@value #SPANS} pooled spans go through a
 * {@link SpanRecorder} with batch size {@value #BATCH_SIZE}, the otel-bridge's
 * {@link SpanExporterAdapter} and a real OpenTelemetry {@link SpanExporter} that prints
 * {@code "📤 Exporting batch of N spans"} per batch (and, with an endpoint, sends it over OTLP/HTTP
 * to a collector with lowalloc's native exporter, which encodes the pooled spans directly). Then {@value #PARTIAL_SPANS} more spans are offered and <em>not</em> flushed: the
 * buffer's max-delay timer ({@value #MAX_DELAY_MILLIS} ms) exports them as a partial batch, and the
 * demo shows how long that took. The closing line takes its counts from {@link BatchStats}. The
 * recorder returns every exported span to its pool.
 *
 * <p>Not thread-safe; run it on one thread.
 */
public final class BatchProcessingDemo {

    /** Spans sent in full batches: {@value}, as in the Go example. */
    public static final int SPANS = 1_000;

    /** Maximum export batch size: {@value}, as in the Go example. */
    public static final int BATCH_SIZE = 100;

    /** Spans of the partial batch left to the max-delay timer: {@value}. */
    public static final int PARTIAL_SPANS = 42;

    /**
     * The buffer's schedule delay (max delay before a partial batch is exported): {@value} ms. Long
     * enough that a stalled offering thread (a GC pause, a busy machine) does not make the timer cut
     * one of the full batches short.
     */
    public static final long MAX_DELAY_MILLIS = 500L;

    /** Timeout of the OTLP exporter, when one is used: {@value} s. */
    static final long OTLP_TIMEOUT_SECONDS = 5L;

    private BatchProcessingDemo() {
    }

    /**
     * The measured figures of one run.
     *
     * @param batchSizes the size of every batch the OpenTelemetry exporter received, in order
     * @param validSpansSeen spans the exporter read through {@code SpanData} with a valid context and a name
     * @param timerFlushNanos time from offering the partial batch's first span to its export, in nanoseconds
     *     (-1 if it was not exported)
     * @param stats the buffer's counters after close
     * @param pool the span pool's counters after close
     * @param otlpEndpoint the collector endpoint, or {@code null} for the embedded printing exporter
     */
    public record Result(List<Integer> batchSizes, long validSpansSeen, long timerFlushNanos, BatchStats stats,
            PoolStats pool, URI otlpEndpoint) {
    }

    /**
     * The native exporter the endpoint option uses: protobuf written straight from the pooled spans,
     * no OpenTelemetry classes on the export path.
     */
    private static NativeOtlpHttpExporter nativeExporter(URI endpoint) {
        return NativeOtlpHttpExporter.builder()
                .setEndpoint(endpoint.toString())
                .setTimeout(java.time.Duration.ofSeconds(OTLP_TIMEOUT_SECONDS))
                .setResource(OtlpResource.builder().serviceName("memory-optimization-demo").build())
                .setScope("memory-optimization", "")
                .build();
    }

    /**
     * Runs the scenario and prints its section.
     *
     * @param otlpEndpoint an OTLP/HTTP traces endpoint such as {@code http://localhost:4318/v1/traces},
     *     or {@code null} to only print the batches
     * @param out where the section is printed
     * @return the measured figures
     * @throws NullPointerException if {@code out} is null
     */
    public static Result run(URI otlpEndpoint, PrintStream out) {
        Objects.requireNonNull(out, "out");
        out.println();
        out.println("--- Batch Processing Demo ---");
        PrintingSpanExporter exporter = new PrintingSpanExporter(out, null,
                otlpEndpoint == null ? null : otlpEndpoint + " (lowalloc's native OTLP/HTTP exporter)");
        SpanExporterAdapter adapter = SpanExporterAdapter.builder(exporter)
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "memory-optimization-demo"))))
                .setInstrumentationScope(InstrumentationScopeInfo.create("memory-optimization"))
                .setCopyMode(false) // the exporter reads during export only: reusable views, no copies
                .build();
        SpanRecorder recorder = SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder()
                        .setMaxExportBatchSize(BATCH_SIZE)
                        .setMaxQueueSize(2 * SPANS)
                        .setScheduleDelay(MAX_DELAY_MILLIS, TimeUnit.MILLISECONDS)
                        .build())
                .setSpanLimits(SpanPoolDemo.LIMITS)
                .setPoolCapacity(SPANS + PARTIAL_SPANS)
                .setPrefill(SPANS + PARTIAL_SPANS)
                .build(otlpEndpoint == null ? adapter : new PrintThenSendExporter(adapter, nativeExporter(otlpEndpoint)));
        long timerFlushNanos;
        try {
            record(recorder, 0, SPANS);
            recorder.flush(); // 1000 = 10 x 100: every batch is full, flush only waits for them
            int before = exporter.batchSizes().size();

            long start = System.nanoTime();
            record(recorder, SPANS, PARTIAL_SPANS);
            // No flush: the partial batch is left to the buffer's max-delay timer.
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(20 * MAX_DELAY_MILLIS);
            while (exporter.batchSizes().size() == before && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            List<Long> times = exporter.batchNanoTimes();
            timerFlushNanos = times.size() > before ? times.get(before) - start : -1L;
            if (timerFlushNanos >= 0) {
                out.printf(Locale.ROOT, "⏱  that partial batch of %d was exported by the %d ms max-delay timer, "
                        + "%s after its first span was offered (no flush called)%n",
                        exporter.batchSizes().get(before), MAX_DELAY_MILLIS, Figures.duration(timerFlushNanos));
            } else {
                out.printf(Locale.ROOT, "⚠️  the partial batch was not exported within %d ms%n", 20 * MAX_DELAY_MILLIS);
            }
        } finally {
            // Exports whatever is left, shuts the exporter down (once, bounded by the export
            // timeout), then stops the worker: pending is 0 afterwards.
            recorder.close();
        }
        RecorderStats recorded = recorder.stats();
        BatchStats stats = recorded.batch();

        Result result = new Result(exporter.batchSizes(), exporter.validSpans(), timerFlushNanos, stats,
                recorded.pool(), otlpEndpoint);
        out.printf(Locale.ROOT, "%s Batch processing completed: %d spans offered, %d exported in %d export calls, "
                        + "%d dropped, %d failed, %d pending%n",
                stats.exported() == stats.offered() ? "✅" : "⚠️", stats.offered(), stats.exported(),
                stats.exportCalls(), stats.dropped(), stats.failed(), stats.pending());
        out.printf(Locale.ROOT, "   (batches received by the exporter: %s; spans back in the pool: %d of %d)%n",
                summarize(result.batchSizes()), result.pool().pooled(), SPANS + PARTIAL_SPANS);
        return result;
    }

    private static void record(SpanRecorder recorder, int first, int count) {
        for (int i = first; i < first + count; i++) {
            SpanData span = recorder.startSpan("operation", SpanKind.INTERNAL); // a new, sampled trace
            span.put("iteration", i);
            recorder.end(span); // ends and queues it; a refused span goes back to the pool, counted
        }
    }

    /** Summarizes batch sizes as runs, e.g. {@code 10 x 100, 1 x 42}. */
    static String summarize(List<Integer> sizes) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < sizes.size()) {
            int j = i;
            while (j < sizes.size() && sizes.get(j).equals(sizes.get(i))) {
                j++;
            }
            text.append(text.length() == 0 ? "" : ", ").append(j - i).append(" x ").append(sizes.get(i));
            i = j;
        }
        return text.length() == 0 ? "none" : text.toString();
    }
}
