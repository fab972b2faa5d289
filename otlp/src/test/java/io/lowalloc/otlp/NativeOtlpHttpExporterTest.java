package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter behind a {@link SpanRecorder}, against a loopback server the test scripts: every
 * span reaches the server or is counted failed, the spans go back to the pool as soon as they are
 * encoded while the accounting waits for the answer, and shutdown closes the connection.
 */
class NativeOtlpHttpExporterTest {

    static final RetryPolicy FAST = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50), 1.5);

    private ScriptedHttpServer server;
    private final List<SpanRecorder> recorders = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (SpanRecorder recorder : recorders) {
            recorder.close();
            RecorderStats stats = recorder.stats();
            assertThat(stats.batch().pending()).as("%s", stats).isZero();
            assertThat(stats.batch().isBalanced()).as("%s", stats).isTrue();
            assertThat(stats.pool().outstanding()).as("every span back in the pool: %s", stats).isZero();
        }
        if (server != null) {
            server.close();
        }
    }

    private NativeOtlpHttpExporter.Builder exporter() {
        return NativeOtlpHttpExporter.builder().setEndpoint(server.endpoint()).setRetryPolicy(FAST)
                .setResource(OtlpResource.builder().serviceName("checkout").build()).setScope("test-scope", "1.0");
    }

    private SpanRecorder recorder(NativeOtlpHttpExporter exporter, long exportTimeoutMillis) {
        SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false)
                .setBatchOptions(BatchOptions.builder().setMaxExportBatchSize(512).setMaxQueueSize(8192)
                        .setScheduleDelay(1, TimeUnit.HOURS)
                        .setExporterTimeout(exportTimeoutMillis, TimeUnit.MILLISECONDS).build())
                .build(exporter);
        recorders.add(recorder);
        return recorder;
    }

    static void record(SpanRecorder recorder, int count) {
        for (int i = 0; i < count; i++) {
            SpanData span = recorder.startSpan("GET /users/{id}", SpanKind.SERVER);
            span.put("http.request.method", "GET");
            span.put("http.response.status_code", 200L);
            span.put("index", (long) i);
            recorder.end(span);
        }
    }

    static int spansIn(List<ScriptedHttpServer.Request> requests) throws IOException {
        int spans = 0;
        for (ScriptedHttpServer.Request request : requests) {
            ExportTraceServiceRequest decoded = ExportTraceServiceRequest.parseFrom(request.body());
            for (ResourceSpans resource : decoded.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    spans += scope.getSpansCount();
                }
            }
        }
        return spans;
    }

    @Test
    void everySpanReachesTheServerOverOneConnectionAndIsCountedExported() throws IOException {
        server = new ScriptedHttpServer();
        SpanRecorder recorder = recorder(exporter().build(), 10_000);
        for (int round = 0; round < 4; round++) {
            record(recorder, 700);
            assertThat(recorder.flush()).isTrue();
        }
        assertThat(spansIn(server.requests)).isEqualTo(2800);
        assertThat(server.requests).as("700 = 512 + 188, four times").hasSize(8);
        assertThat(server.connections).hasValue(1);
        assertThat(recorder.stats().batch().exported()).isEqualTo(2800);
        ExportTraceServiceRequest first = ExportTraceServiceRequest.parseFrom(server.requests.get(0).body());
        assertThat(first.getResourceSpans(0).getResource().getAttributes(0).getValue().getStringValue())
                .isEqualTo("checkout");
        assertThat(first.getResourceSpans(0).getScopeSpans(0).getScope().getName()).isEqualTo("test-scope");
    }

    @Test
    void gzipRequestsCarryTheSameSpans() throws IOException {
        server = new ScriptedHttpServer();
        SpanRecorder recorder = recorder(exporter().setCompression(Compression.GZIP).build(), 10_000);
        record(recorder, 1000);
        assertThat(recorder.flush()).isTrue();
        assertThat(server.requests).allSatisfy(r -> assertThat(r.header("content-encoding")).isEqualTo("gzip"));
        assertThat(spansIn(server.requests)).isEqualTo(1000);
    }

    @Test
    void theSpansGoBackToThePoolOnceEncodedWhileTheAccountingWaitsForTheAnswer() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.slow(1_000));
        SpanRecorder recorder = recorder(exporter().build(), 10_000);
        record(recorder, 512); // a full batch: exported at once

        Await.until(() -> recorder.stats().pool().outstanding() == 0, "spans back in the pool");
        BatchStats during = recorder.stats().batch();
        assertThat(during.pending()).as("the server has not answered: %s", during).isEqualTo(512);
        assertThat(during.exported()).isZero();
        assertThat(recorder.flush()).isTrue();
        assertThat(recorder.stats().batch().exported()).isEqualTo(512);
    }

    @Test
    void aPartialSuccessCountsTheRejectedSpansFailed() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.status(200, "", OtlpHttpSenderTest.partialSuccess(12, "too old")));
        SpanRecorder recorder = recorder(exporter().build(), 10_000);
        record(recorder, 100);
        try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
            assertThat(recorder.flush()).isFalse();
            assertThat(logs.count(Level.WARNING, "rejected 12 of 100 spans: too old")).isEqualTo(1);
        }
        BatchStats stats = recorder.stats().batch();
        assertThat(stats.exported()).as("%s", stats).isEqualTo(88);
        assertThat(stats.failed()).isEqualTo(12);
    }

    @Test
    void aBadRequestFailsTheBatchWithTheServersMessage() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.status(400, "", OtlpHttpSenderTest.status(3, "bad span")));
        SpanRecorder recorder = recorder(exporter().build(), 10_000);
        record(recorder, 10);
        try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
            assertThat(recorder.flush()).isFalse();
            assertThat(logs.count(Level.WARNING, "HTTP 400: bad span")).isEqualTo(1);
        }
        assertThat(recorder.stats().batch().failed()).isEqualTo(10);
    }

    @Test
    void aResponseSlowerThanTheTimeoutFailsTheBatchAndTheNextGoesOverANewConnection() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.slow(2_000));
        SpanRecorder recorder = recorder(exporter().setTimeout(Duration.ofMillis(300)).build(), 5_000);
        record(recorder, 10);
        assertThat(recorder.flush()).isFalse();
        assertThat(recorder.stats().batch().failed()).isEqualTo(10);
        record(recorder, 10);
        assertThat(recorder.flush()).isTrue();
        assertThat(server.connections).hasValue(2);
        assertThat(spansIn(server.on(2))).isEqualTo(10);
    }

    @Test
    void aBatchLargerThanTheRequestLimitIsSplitAndFullyAccounted() throws IOException {
        server = new ScriptedHttpServer();
        SpanRecorder recorder = recorder(exporter().setMaxRequestBytes(4096).build(), 10_000);
        record(recorder, 512);
        assertThat(recorder.flush()).isTrue();
        assertThat(server.requests.size()).isGreaterThan(5);
        assertThat(server.requests).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(4096));
        assertThat(spansIn(server.requests)).isEqualTo(512);
    }

    @Test
    void aFailedRequestOfASplitBatchFailsOnlyItsSpansAndTheRest() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.status(200)).then(ScriptedHttpServer.status(400));
        SpanRecorder recorder = recorder(exporter().setMaxRequestBytes(4096).build(), 10_000);
        record(recorder, 200);
        assertThat(recorder.flush()).isFalse();
        int delivered = spansIn(server.requests.subList(0, 1));
        BatchStats stats = recorder.stats().batch();
        assertThat(stats.exported()).as("%s", stats).isEqualTo(delivered);
        assertThat(stats.failed()).isEqualTo(200 - delivered);
    }

    @Test
    void closingTheRecorderShutsTheExporterDownAndClosesTheConnection() throws IOException {
        server = new ScriptedHttpServer();
        NativeOtlpHttpExporter exporter = exporter().build();
        SpanRecorder recorder = recorder(exporter, 10_000);
        record(recorder, 5);
        assertThat(recorder.flush()).isTrue();
        assertThat(exporter.sender().transport().connected()).isTrue();
        recorder.close();
        assertThat(exporter.sender().transport().isClosed()).isTrue();
        Await.until(() -> server.openConnections() == 0, "the server saw the connection close");
    }

    @Test
    void throughResetsRetryableStatusesAndIdleClosesEverySpanIsExportedOnce() throws Exception {
        server = new ScriptedHttpServer();
        server.closeIdleAfter(150);
        server.then(ScriptedHttpServer.resetMidResponse())
                .then(ScriptedHttpServer.status(503))
                .then(ScriptedHttpServer.status(429, "Retry-After: 0\r\n", new byte[0]))
                .then(ScriptedHttpServer.chunked(new byte[0], 4))
                .then(ScriptedHttpServer.status(200, "Connection: close\r\n", new byte[0]));
        SpanRecorder recorder = recorder(exporter().build(), 10_000);
        for (int round = 0; round < 5; round++) {
            record(recorder, 100);
            assertThat(recorder.flush()).as("round %s", round).isTrue();
            if (round == 2) {
                Thread.sleep(400); // the server closes the idle connection
            }
        }
        BatchStats stats = recorder.stats().batch();
        assertThat(stats.exported()).as("%s", stats).isEqualTo(500);
        assertThat(stats.failed() + stats.abandoned() + stats.dropped()).isZero();
        assertThat(server.requests).as("5 exports, 3 of them sent again").hasSize(8);
    }

    @Test
    void aServerDownAtStartFailsItsSpansAndLaterOnesAreExportedOnceItIsUp() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        NativeOtlpHttpExporter exporter = NativeOtlpHttpExporter.builder()
                .setEndpoint("http://127.0.0.1:" + port + "/v1/traces").setRetryPolicy(FAST).build();
        SpanRecorder recorder = recorder(exporter, 10_000);
        record(recorder, 50);
        assertThat(recorder.flush()).isFalse();
        assertThat(recorder.stats().batch().failed()).isEqualTo(50);

        server = new ScriptedHttpServer(javax.net.ServerSocketFactory.getDefault(), port);
        record(recorder, 70);
        assertThat(recorder.flush()).isTrue();
        BatchStats stats = recorder.stats().batch();
        assertThat(stats.exported()).as("%s", stats).isEqualTo(70);
        assertThat(spansIn(server.requests)).isEqualTo(70);
    }
}
