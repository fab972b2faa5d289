package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.otel.SpanExporterAdapter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry's own encoding of core spans, as a reference: the spans go through the bridge's
 * {@link SpanExporterAdapter} (view mode) into a real {@link OtlpHttpSpanExporter} (JDK sender),
 * which posts them to a loopback HTTP server that keeps each request body. One instance per test;
 * {@link #close()} stops the server and the exporter.
 */
final class ReferenceEncoding implements AutoCloseable {

    private final BlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();
    private final HttpServer server;
    private final OtlpHttpSpanExporter exporter;
    private final SpanExporterAdapter adapter;

    /**
     * Starts the server and the exporter.
     *
     * @param resource the resource, given to OpenTelemetry as the same attributes
     * @param scopeName the scope name
     * @param scopeVersion the scope version, nullable
     * @param memoryMode the exporter's memory mode (which of its marshalers runs)
     */
    ReferenceEncoding(OtlpResource resource, String scopeName, String scopeVersion, MemoryMode memoryMode)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(in.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                        + "/v1/traces")
                .setMemoryMode(memoryMode)
                .build();
        adapter = SpanExporterAdapter.builder(exporter)
                .setResource(otelResource(resource))
                .setInstrumentationScope(InstrumentationScopeInfo.builder(scopeName)
                        .setVersion(scopeVersion)
                        .build())
                .build();
    }

    /**
     * {@return the body of the request OpenTelemetry's exporter sent for {@code spans}}
     *
     * @param spans the spans, exported in one call
     */
    byte[] export(List<SpanData> spans) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        adapter.export(spans, new ExportCompletion() {
            @Override
            public void success() {
                done.complete(null);
            }

            @Override
            public void failure(Throwable cause) {
                done.completeExceptionally(cause);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        byte[] body = bodies.poll(10, TimeUnit.SECONDS);
        assertThat(body).as("request received from OpenTelemetry's exporter").isNotNull();
        return body;
    }

    @Override
    public void close() {
        exporter.shutdown().join(10, TimeUnit.SECONDS);
        server.stop(0);
    }

    private static Resource otelResource(OtlpResource resource) {
        AttributesBuilder b = Attributes.builder();
        for (Map.Entry<String, Object> e : resource.attributes().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                b.put(e.getKey(), s);
            } else if (v instanceof Long l) {
                b.put(e.getKey(), l.longValue());
            } else if (v instanceof Double d) {
                b.put(e.getKey(), d.doubleValue());
            } else {
                b.put(e.getKey(), (Boolean) v);
            }
        }
        return Resource.create(b.build());
    }
}
