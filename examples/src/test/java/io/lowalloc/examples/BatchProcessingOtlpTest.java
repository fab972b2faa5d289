package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lowalloc.core.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch scenario with {@code --otlp-endpoint}, against a minimal OTLP/HTTP receiver on loopback. */
class BatchProcessingOtlpTest {

    private HttpServer collector;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile String contentType;
    private volatile int status = 200;

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", this::receive);
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes.addAndGet(body.readAllBytes().length);
        }
        contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        requests.incrementAndGet();
        // An empty ExportTraceServiceResponse is zero bytes of protobuf.
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    }

    @Test
    void everyBatchIsPostedToTheCollectorOverOtlpHttp() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        BatchProcessingDemo.Result r =
                BatchProcessingDemo.run(endpoint(), new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(requests.get()).isEqualTo(11);
        assertThat(contentType).isEqualTo("application/x-protobuf");
        // 1042 spans with ids, times, a name and an attribute cannot encode in fewer than 40 bytes each.
        assertThat(bodyBytes.get()).isGreaterThan(1042L * 40);
        assertThat(r.stats().exported()).isEqualTo(1042);
        assertThat(r.stats().failed()).isZero();
        assertThat(r.otlpEndpoint()).isEqualTo(endpoint());
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("📤 Exporting batch of 100 spans to " + endpoint() + " (lowalloc's native OTLP/HTTP exporter)");
    }

    @Test
    void collectorErrorsAreCountedAsFailedNotExported() {
        status = 500;
        BatchProcessingDemo.Result r;
        // The exporter and the buffer log each failure, as they should: captured, not printed.
        try (LogCapture logs = LogCapture.of("io.lowalloc.otlp", "io.lowalloc.core.batch")) {
            r = BatchProcessingDemo.run(endpoint(), new PrintStream(OutputStream.nullOutputStream()));
            assertThat(logs.count(Level.WARNING, "failed")).as("the buffer logged the failed exports").isPositive();
        }

        assertThat(r.stats().exported()).isZero();
        assertThat(r.stats().failed()).isEqualTo(1042);
        assertThat(r.stats().pending()).isZero();
        // Failed spans still come back to the pool: their result is known.
        assertThat(r.pool().pooled()).isEqualTo(1042);
    }

}
