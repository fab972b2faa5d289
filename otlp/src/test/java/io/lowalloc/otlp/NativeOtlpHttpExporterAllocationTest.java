package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recorder and native exporter together, in steady state over plain HTTP and gzip: the bytes
 * allocated by every thread of the JVM (producer, export worker, exporter thread with the encoder
 * and the socket I/O, anything else alive) except the test's sink, per exported span, at batch 512;
 * over TLS (a self-signed certificate made by {@code keytool}) the same figure is measured and
 * reported, held only to a loose guard.
 * The sink ({@link AllocationSink}) runs in this JVM only to keep the test self-contained; its own
 * threads are measured and reported apart.
 */
class NativeOtlpHttpExporterAllocationTest {

    private static final int BATCH = 512;
    private static final int WARM_UP_SPANS = 300 * BATCH;
    private static final int MEASURED_SPANS = 1_000 * BATCH;
    private static final String NAME = "GET /users/{id}";
    private static final String METHOD_KEY = "http.request.method";
    private static final String METHOD = "GET";
    private static final String ROUTE_KEY = "http.route";
    private static final String STATUS_KEY = "http.response.status_code";

    /** When set, every export allocates a kilobyte more: the detector must see it. */
    static volatile boolean inject;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Wraps the real encoding; allocates 1 KiB per request when {@link #inject} is set. */
    private static final class InjectingEncoding implements NativeOtlpHttpExporter.RequestEncoding {
        private final TraceEncoding real = new TraceEncoding(OtlpResource.builder().serviceName("alloc").build(),
                "alloc-test", "1");
        static volatile byte[] sink;

        @Override
        public int encode(List<? extends SpanData> batch, int from, int maxRequestBytes) {
            if (inject) {
                sink = new byte[1024];
            }
            return real.encode(batch, from, maxRequestBytes);
        }

        @Override
        public byte[] array() {
            return real.array();
        }

        @Override
        public int length() {
            return real.length();
        }
    }

    /** TLS is measured and reported, not held to the plain-HTTP bound: the JDK's SSLSocket allocates per record. */
    enum Mode { PLAIN, GZIP, PLAIN_INJECTED, TLS }

    /** The largest TLS figure accepted: a guard against a regression by orders of magnitude, not a goal. */
    private static final double TLS_GUARD_BYTES_PER_SPAN = 64.0;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void steadyStateAllocatesUnderOneBytePerSpanOnAllThreads(Mode mode) throws Exception {
        inject = false;
        TlsTestCertificate certificate = mode == Mode.TLS ? TlsTestCertificate.generate(dir) : null;
        try (AllocationSink sink = certificate == null ? new AllocationSink()
                : new AllocationSink(certificate.serverFactory())) {
            NativeOtlpHttpExporter.Builder builder = NativeOtlpHttpExporter.builder();
            if (certificate != null) {
                builder.setEndpoint("https://localhost:" + sink.port() + "/v1/traces")
                        .setTrustedCertificates(certificate.pem);
            } else {
                builder.setEndpoint("http://127.0.0.1:" + sink.port() + "/v1/traces");
            }
            NativeOtlpHttpExporter exporter = builder
                    .setCompression(mode == Mode.GZIP ? Compression.GZIP : Compression.NONE)
                    .setTimeout(Duration.ofSeconds(10))
                    .setEncoding(new InjectingEncoding())
                    .build();
            SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false)
                    .setBatchOptions(BatchOptions.builder().setMaxExportBatchSize(BATCH).setMaxQueueSize(8 * BATCH)
                            .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(10, TimeUnit.SECONDS)
                            .setScheduleDelay(1, TimeUnit.HOURS).setExporterTimeout(20, TimeUnit.SECONDS).build())
                    .build(exporter);
            try {
                record(recorder, WARM_UP_SPANS);
                assertThat(recorder.flush()).isTrue();
                long exportedBefore = recorder.stats().batch().exported();
                long[] ids = THREADS.getAllThreadIds();
                long[] before = THREADS.getThreadAllocatedBytes(ids);
                inject = mode == Mode.PLAIN_INJECTED;

                record(recorder, MEASURED_SPANS);
                // Wait for the last batch without allocating: the producer polls the sink's count.
                while (sink.requests() < (WARM_UP_SPANS + MEASURED_SPANS) / BATCH) {
                    Thread.onSpinWait();
                }
                long[] idsAfter = THREADS.getAllThreadIds();
                long[] after = THREADS.getThreadAllocatedBytes(idsAfter);
                inject = false;
                Map<Long, Long> window = perThread(ids, before, idsAfter, after);
                long sinkBytes = 0;
                for (long sinkId : sink.threadIds()) {
                    sinkBytes += window.getOrDefault(sinkId, 0L);
                }

                assertThat(recorder.flush()).isTrue();
                BatchStats stats = recorder.stats().batch();
                long spans = stats.exported() - exportedBefore;
                long ours = window.values().stream().mapToLong(Long::longValue).sum() - sinkBytes;
                double perSpan = (double) ours / spans;
                System.out.printf("[allocation] recorder + native exporter, %s, batch %d: %,d B on all threads but"
                        + " the sink for %,d spans = %.4f B/span (%.1f B/export); sink %,d B; threads %d -> %d%n",
                        mode, BATCH, ours, spans, perSpan, (double) ours * BATCH / spans, sinkBytes,
                        ids.length, idsAfter.length);
                assertThat(spans).isEqualTo(MEASURED_SPANS);
                if (mode == Mode.PLAIN_INJECTED) {
                    assertThat(perSpan).as("1 KiB per export, injected, is seen").isGreaterThan(1.0);
                } else if (mode == Mode.TLS) {
                    assertThat(perSpan).as("TLS bytes per span").isLessThan(TLS_GUARD_BYTES_PER_SPAN);
                } else {
                    assertThat(perSpan).as("bytes per span on all threads").isLessThanOrEqualTo(1.0);
                }
            } finally {
                recorder.close();
            }
            BatchStats stats = recorder.stats().batch();
            assertThat(stats.isBalanced()).as("%s", stats).isTrue();
            assertThat(stats.exported()).isEqualTo(WARM_UP_SPANS + MEASURED_SPANS);
            assertThat(exporter.sender().transport().connections()).as("one connection throughout").isEqualTo(1);
        }
    }

    private static void record(SpanRecorder recorder, int count) {
        for (int i = 0; i < count; i++) {
            SpanData span = recorder.startSpan(NAME, SpanKind.SERVER);
            span.put(METHOD_KEY, METHOD);
            span.put(ROUTE_KEY, NAME);
            span.put(STATUS_KEY, 200L);
            recorder.end(span);
        }
    }

    /**
     * Bytes each thread alive at the end allocated in the window: its growth, or all of it for a
     * thread started in the window. Threads that ended in the window (left over from other tests
     * in this JVM) drop out: JDK 17 keeps no count for them, and none of them is this test's.
     */
    private static Map<Long, Long> perThread(long[] ids, long[] before, long[] idsAfter, long[] after) {
        Map<Long, Long> start = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            start.put(ids[i], Math.max(0, before[i]));
        }
        Map<Long, Long> window = new HashMap<>();
        for (int i = 0; i < idsAfter.length; i++) {
            if (after[i] >= 0) {
                window.put(idsAfter[i], after[i] - start.getOrDefault(idsAfter[i], 0L));
            }
        }
        return window;
    }
}
