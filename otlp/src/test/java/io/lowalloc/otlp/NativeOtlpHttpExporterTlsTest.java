package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.LogCapture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} endpoints through the JDK's TLS, against a loopback server with a self-signed
 * certificate that {@code keytool} makes for the test: trusted through the PEM setting it works
 * over one connection, with host name verification; without it the handshake fails and the spans
 * count as failed.
 */
class NativeOtlpHttpExporterTlsTest {

    @TempDir
    Path dir;

    private static SpanRecorder recorder(NativeOtlpHttpExporter exporter) {
        return SpanRecorder.builder().setShutdownHook(false)
                .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS)
                        .setExporterTimeout(10, TimeUnit.SECONDS).build())
                .build(exporter);
    }

    @Test
    void aTrustedSelfSignedServerReceivesEverySpanOverOneConnection() throws Exception {
        TlsTestCertificate certificate = TlsTestCertificate.generate(dir);
        try (ScriptedHttpServer server = new ScriptedHttpServer(certificate.serverFactory(), 0)) {
            NativeOtlpHttpExporter exporter = NativeOtlpHttpExporter.builder()
                    .setEndpoint("https://localhost:" + server.port() + "/v1/traces")
                    .setTrustedCertificates(certificate.pem).setCompression(Compression.GZIP)
                    .setRetryPolicy(NativeOtlpHttpExporterTest.FAST).build();
            SpanRecorder recorder = recorder(exporter);
            for (int i = 0; i < 3; i++) {
                NativeOtlpHttpExporterTest.record(recorder, 300);
                assertThat(recorder.flush()).isTrue();
            }
            recorder.close();
            assertThat(NativeOtlpHttpExporterTest.spansIn(server.requests)).isEqualTo(900);
            assertThat(server.connections).hasValue(1);
            assertThat(recorder.stats().batch().exported()).isEqualTo(900);
            assertThat(recorder.stats().batch().isBalanced()).isTrue();
        }
    }

    @Test
    void anUntrustedCertificateFailsTheHandshakeAndTheSpans() throws Exception {
        TlsTestCertificate certificate = TlsTestCertificate.generate(dir);
        try (ScriptedHttpServer server = new ScriptedHttpServer(certificate.serverFactory(), 0)) {
            NativeOtlpHttpExporter exporter = NativeOtlpHttpExporter.builder()
                    .setEndpoint("https://localhost:" + server.port() + "/v1/traces")
                    .setRetryPolicy(RetryPolicy.none()).build(); // the JDK's default trust store
            SpanRecorder recorder = recorder(exporter);
            NativeOtlpHttpExporterTest.record(recorder, 10);
            try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
                assertThat(recorder.flush()).isFalse();
                assertThat(logs.count(Level.WARNING, "connection failed")).isEqualTo(1);
            }
            recorder.close();
            assertThat(recorder.stats().batch().failed()).isEqualTo(10);
            assertThat(server.requests).isEmpty();
        }
    }
}
