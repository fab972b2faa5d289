package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's native-exporter set-up, as a test body: the endpoint comes from
 * {@code otel.exporter.otlp.traces.endpoint}, set here to the test's loopback server (a system
 * property wins over {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, as in OpenTelemetry Java).
 */
class ReadmeNativeUsageTest {

    private static final String ENDPOINT_KEY = "otel.exporter.otlp.traces.endpoint";
    private static final String SERVICE_KEY = "otel.service.name";

    private ScriptedHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpServer();
        System.setProperty(ENDPOINT_KEY, server.endpoint());
        System.setProperty(SERVICE_KEY, "checkout");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(ENDPOINT_KEY);
        System.clearProperty(SERVICE_KEY);
        server.close();
    }

    @Test
    void recorderWithTheNativeExporterFromTheEnvironment() {
        // readme:native:begin
        // OTEL_EXPORTER_OTLP_ENDPOINT, _HEADERS, _COMPRESSION, _TIMEOUT, _CERTIFICATE, OTEL_SERVICE_NAME ...
        SpanRecorder recorder = SpanRecorder.create(NativeOtlpHttpExporter.fromEnvironment());
        SpanData span = recorder.startSpan("GET /users/{id}", SpanKind.SERVER);
        span.put("http.response.status_code", 200L);
        recorder.end(span); // encoded straight into OTLP protobuf on the worker, then back to the pool
        recorder.close(); // flushes, then shuts the exporter down (closes its connection)
        // readme:native:end
        assertThat(recorder.stats().batch().exported()).isEqualTo(1);
        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0).path()).isEqualTo("/v1/traces");
    }
}
