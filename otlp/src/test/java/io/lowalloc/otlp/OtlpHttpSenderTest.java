package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.Timing;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport and the retry rules against a loopback server the test scripts: connection reuse,
 * gzip, response framings, retryable and final statuses, partial success, and connection faults.
 */
class OtlpHttpSenderTest {

    private static final RetryPolicy FAST = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50), 1.5);

    private ScriptedHttpServer server;
    private OtlpHttpSender sender;

    @AfterEach
    void tearDown() throws IOException {
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private OtlpHttpSender sender(String endpoint, boolean gzip, RetryPolicy retry, long timeoutMillis) {
        HttpTransport transport = new HttpTransport(URI.create(endpoint), Map.of("api-key", "secret"), gzip,
                TimeUnit.SECONDS.toNanos(2), null);
        sender = new OtlpHttpSender(transport, retry, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        return sender;
    }

    private long send(byte[] payload, long timeoutMillis) {
        return sender.send(payload, payload.length, 7, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    private static byte[] payload(int size, long seed) {
        byte[] bytes = new byte[size];
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (random.nextInt(4) + 'a'); // compressible, not trivial
        }
        return bytes;
    }

    static byte[] partialSuccess(long rejected, String message) {
        return ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejected).setErrorMessage(message)).build().toByteArray();
    }

    /** A google.rpc.Status {code, message}, encoded by hand (the type is not on the test path). */
    static byte[] status(int code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x08);
        out.write(code);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        out.write(0x12);
        out.write(text.length);
        out.write(text, 0, text.length);
        return out.toByteArray();
    }

    @Test
    void manyRequestsGoOverOneKeptAliveConnectionWithTheHeadAndBodyIntact() throws IOException {
        server = new ScriptedHttpServer();
        sender(server.endpoint(), false, FAST, 5_000);
        for (int i = 0; i < 50; i++) {
            assertThat(send(payload(1000 + i * 37, i), 5_000)).isZero();
        }
        assertThat(server.connections).hasValue(1);
        assertThat(sender.transport().connections()).isEqualTo(1);
        assertThat(server.requests).hasSize(50);
        ScriptedHttpServer.Request first = server.requests.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/traces");
        assertThat(first.header("content-type")).isEqualTo("application/x-protobuf");
        assertThat(first.header("api-key")).isEqualTo("secret");
        assertThat(first.header("host")).isEqualTo("127.0.0.1:" + server.port());
        for (int i = 0; i < 50; i++) {
            assertThat(server.requests.get(i).body()).isEqualTo(payload(1000 + i * 37, i));
        }
    }

    @Test
    void gzipBodiesAreDecodedByTheServerToTheSameBytes() throws IOException {
        server = new ScriptedHttpServer();
        sender(server.endpoint(), true, FAST, 5_000);
        for (int size : new int[] {0, 1, 100, 70_000, 300_000}) {
            assertThat(send(payload(size, size), 5_000)).isZero();
        }
        assertThat(server.requests).allSatisfy(r -> assertThat(r.header("content-encoding")).isEqualTo("gzip"));
        assertThat(server.requests.get(4).body()).isEqualTo(payload(300_000, 300_000));
        assertThat(server.requests.get(0).body()).isEmpty();
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void aChunkedResponseIsReadAndItsPartialSuccessCounted() throws IOException {
        server = new ScriptedHttpServer();
        byte[] body = partialSuccess(3, "three spans too old");
        server.then(ScriptedHttpServer.chunked(body, 5)).then(ScriptedHttpServer.chunked(new byte[0], 5));
        sender(server.endpoint(), false, FAST, 5_000);
        try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
            assertThat(send(payload(10, 1), 5_000)).isEqualTo(3);
            assertThat(logs.count(Level.WARNING, "rejected 3 of 7 spans: three spans too old")).isEqualTo(1);
        }
        assertThat(send(payload(10, 2), 5_000)).as("an empty chunked body").isZero();
        assertThat(send(payload(10, 3), 5_000)).isZero();
        assertThat(server.connections).as("chunked responses keep the connection").hasValue(1);
    }

    @Test
    void status429And503AreRetriedHonouringRetryAfter() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.status(429, "Retry-After: 1\r\n", new byte[0]))
                .then(ScriptedHttpServer.status(503))
                .then(ScriptedHttpServer.status(502))
                .then(ScriptedHttpServer.status(504, "Retry-After: 0\r\n", new byte[0]));
        sender(server.endpoint(), false, FAST, 10_000);
        long start = System.nanoTime();
        assertThat(send(payload(50, 1), 10_000)).isZero();
        assertThat(Timing.millisSince(start)).as("Retry-After: 1 waited a second").isBetween(950L, 5_000L);
        assertThat(server.requests).hasSize(5);
        assertThat(sender.retries()).isEqualTo(4);
        assertThat(server.requests).allSatisfy(r -> assertThat(r.body()).isEqualTo(payload(50, 1)));
    }

    @Test
    void retriesStopAtMaxAttemptsAndNeverWaitPastTheTimeout() throws IOException {
        server = new ScriptedHttpServer();
        for (int i = 0; i < 10; i++) {
            server.then(ScriptedHttpServer.status(503));
        }
        sender(server.endpoint(), false, FAST, 5_000);
        try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
            assertThat(send(payload(5, 1), 5_000)).isEqualTo(OtlpHttpSender.FAILED);
            assertThat(logs.count(Level.WARNING, "HTTP 503 after 5 attempts")).isEqualTo(1);
        }
        assertThat(server.requests).hasSize(5);

        server.script.clear();
        server.then(ScriptedHttpServer.status(429, "Retry-After: 30\r\n", new byte[0]));
        long start = System.nanoTime();
        assertThat(send(payload(5, 1), 1_000)).isEqualTo(OtlpHttpSender.FAILED);
        assertThat(Timing.millisSince(start)).as("a 30 s Retry-After against a 1 s timeout").isLessThan(900L);
        assertThat(sender.failureCause()).hasMessageContaining("past the export timeout");
    }

    @Test
    void status400FailsAtOnceWithTheDecodedStatusMessage() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.status(400, "", status(3, "trace id must be 16 bytes")));
        sender(server.endpoint(), false, FAST, 5_000);
        try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
            assertThat(send(payload(5, 1), 5_000)).isEqualTo(OtlpHttpSender.FAILED);
            assertThat(logs.count(Level.WARNING, "HTTP 400: trace id must be 16 bytes")).isEqualTo(1);
        }
        assertThat(server.requests).as("not retried").hasSize(1);
        assertThat(send(payload(5, 2), 5_000)).as("the connection stays usable").isZero();
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void aResetMidResponseIsRetriedOnANewConnection() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.resetMidResponse());
        sender(server.endpoint(), false, FAST, 5_000);
        assertThat(send(payload(5, 1), 5_000)).isZero();
        assertThat(server.requests).hasSize(2);
        assertThat(server.connections).hasValue(2);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedWithoutAnAttempt() throws IOException {
        server = new ScriptedHttpServer();
        server.closeIdleAfter(100);
        sender(server.endpoint(), false, RetryPolicy.none(), 5_000);
        assertThat(send(payload(5, 1), 5_000)).isZero();
        Timing.sleep(400); // the server closes the idle connection
        assertThat(send(payload(5, 2), 5_000)).as("no retries allowed, yet delivered").isZero();
        assertThat(server.connections).hasValue(2);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void aResponseSlowerThanTheTimeoutFailsAndItsConnectionIsNeverReused() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.slow(1_500));
        sender(server.endpoint(), false, FAST, 300);
        long start = System.nanoTime();
        assertThat(send(payload(5, 1), 300)).isEqualTo(OtlpHttpSender.FAILED);
        assertThat(Timing.millisSince(start)).isBetween(250L, 1_200L);
        assertThat(sender.failureCause()).hasMessageContaining("no response within the export timeout");
        assertThat(sender.transport().connected()).isFalse();

        assertThat(send(payload(5, 2), 5_000)).isZero();
        assertThat(server.connections).as("a new connection for the next request").hasValue(2);
        assertThat(server.on(2)).hasSize(1);
    }

    @Test
    void aServerDownAtStartIsReachedOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        sender("http://127.0.0.1:" + port + "/v1/traces", false, FAST, 5_000);
        try (LogCapture logs = LogCapture.of(NativeOtlpHttpExporter.class)) {
            assertThat(send(payload(5, 1), 5_000)).isEqualTo(OtlpHttpSender.FAILED);
            assertThat(logs.count(Level.WARNING, "connection failed after 5 attempts")).isEqualTo(1);
        }
        int serverPort = port;
        Thread starter = new Thread(() -> {
            Timing.sleep(30);
            try {
                server = new ScriptedHttpServer(javax.net.ServerSocketFactory.getDefault(), serverPort);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        sender.close();
        sender(
                "http://127.0.0.1:" + port + "/v1/traces", false,
                new RetryPolicy(10, Duration.ofMillis(20), Duration.ofMillis(100), 1.5), 5_000);
        assertThat(send(payload(5, 2), 5_000)).as("retried until the server came up").isZero();
        starter.join();
        Await.until(() -> server.requests.size() == 1, "request recorded");
    }

    @Test
    void closeEndsABackoffWaitAtOnce() throws IOException {
        server = new ScriptedHttpServer();
        server.then(ScriptedHttpServer.status(503, "Retry-After: 5\r\n", new byte[0]));
        sender(server.endpoint(), false, FAST, 10_000);
        Thread closer = new Thread(() -> {
            Timing.sleep(200);
            sender.close();
        });
        closer.start();
        long start = System.nanoTime();
        assertThat(send(payload(5, 1), 10_000)).isEqualTo(OtlpHttpSender.FAILED);
        assertThat(Timing.millisSince(start)).isLessThan(2_000L);
        assertThat(sender.failureCause()).hasMessageContaining("shut down");
    }
}
