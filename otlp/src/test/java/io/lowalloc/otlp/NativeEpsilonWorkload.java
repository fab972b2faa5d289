package io.lowalloc.otlp;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.EpsilonRun;
import io.lowalloc.core.testing.EpsilonWorkload;
import java.util.concurrent.TimeUnit;

/**
 * Recorder + native OTLP/HTTP exporter + a real socket to the sink given by the system property
 * {@value #ENDPOINT_PROPERTY} (a {@link DiscardingSink} in the test's JVM), run by
 * {@code EpsilonMain} for {@link NativeEpsilonTest}. Each span carries the 8 attributes of the
 * benchmarks' table-2 span (4 strings, 2 longs, a double, a boolean). With injection the recording
 * loop allocates one {@code long[2]} per span.
 */
public final class NativeEpsilonWorkload implements EpsilonWorkload {

    /** The system property holding the sink's traces URL. */
    public static final String ENDPOINT_PROPERTY = "lowalloc.epsilon.endpoint";

    /** Where an injected allocation escapes to, so that the JIT cannot remove it. */
    public static volatile Object escape;

    private final boolean inject;
    private final SpanRecorder recorder;
    private long n;

    /**
     * Makes the recorder and its exporter.
     *
     * @param injectAllocation whether each span also allocates a {@code long[2]}
     */
    public NativeEpsilonWorkload(boolean injectAllocation) {
        this.inject = injectAllocation;
        String endpoint = System.getProperty(ENDPOINT_PROPERTY);
        if (endpoint == null) {
            throw new IllegalStateException("system property " + ENDPOINT_PROPERTY + " is not set");
        }
        // BLOCK: the producer waits for the exporter, so every span crosses the socket and the
        // measured heap growth covers the whole export path, not the drop path.
        this.recorder = SpanRecorder.builder()
                .setShutdownHook(false)
                .setBatchOptions(BatchOptions.builder()
                        .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                        .setMaxBlockTime(30, TimeUnit.SECONDS)
                        .build())
                .build(NativeOtlpHttpExporter.builder().setEndpoint(endpoint).build());
    }

    private void record(long spans) {
        for (long i = 0; i < spans; i++) {
            long k = n++;
            SpanData span = recorder.startSpan("GET /api/orders/{id}", SpanKind.SERVER);
            span.put("http.request.method", "GET");
            span.put("http.route", "/api/orders/{id}");
            span.put("server.address", "orders.internal");
            span.put("user_agent.original", "bench-client/1.0");
            span.put("http.response.status_code", 200L + (k & 3));
            span.put("http.response.body.size", 512L + (k & 1023));
            span.put("duration.ms", (k & 255) * 0.25);
            span.put("cache.hit", (k & 1) == 0);
            if (inject) {
                escape = new long[2];
            }
            recorder.end(span);
        }
    }

    @Override
    public void warmUp(long spans) {
        record(spans);
    }

    @Override
    public void flush() {
        recorder.flush();
    }

    @Override
    public void warmedUp(long heapUsed) {
        // Prints nothing: finish prints the one line the test echoes.
    }

    @Override
    public void run(long spans) {
        record(spans);
    }

    @Override
    public void endRun() {
        recorder.flush();
    }

    @Override
    public int finish(EpsilonRun run) {
        long spans = run.measuredSpans();
        long nanos = run.measuredNanos();
        long total = run.warmUpSpans() + spans;
        RecorderStats stats = recorder.stats();
        System.out.printf("epsilon: %,d spans in %.1f s (%,.0f spans/s); heap used %,d -> %,d bytes"
                + " (max %,d): %.4f B/span; exported=%d%n", spans, nanos / 1e9, spans * 1e9 / nanos,
                run.heapUsedAfterWarmUp(), run.heapUsedAfterRun(), Runtime.getRuntime().maxMemory(),
                (double) (run.heapUsedAfterRun() - run.heapUsedAfterWarmUp()) / spans, stats.batch().exported());
        boolean balanced = stats.isBalanced();
        recorder.close();
        if (stats.batch().exported() != total || !balanced) {
            System.out.println("epsilon: accounting failed: " + stats);
            return 2;
        }
        return 0;
    }
}
