package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.Sampler;
import io.lowalloc.core.span.SamplerConfig;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's sampling, trace context and log correlation sections: each snippet is the code
 * between {@code readme:...} markers here, and the last test checks that the README shows exactly
 * that code.
 */
class ReadmeTraceContextTest {

    private final InMemorySpanExporter yourExporter = InMemorySpanExporter.create();

    @Test
    void sampling() {
        // readme:sampling:begin
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(yourExporter)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.25))) // or SamplerConfig.fromSystem()
                .build();

        SpanData span = pipeline.startSpan("GET /users/{id}", SpanKind.SERVER);
        span.put("http.request.method", "GET"); // ignored if the span is not sampled
        pipeline.end(span); // an unsampled span goes straight back to the pool, never queued

        pipeline.close();
        assertThat(pipeline.stats().batch().offered() + pipeline.stats().notSampled()).isEqualTo(1);
        // readme:sampling:end
        assertThat(SamplerConfig.from(Map.of("otel.traces.sampler", "always_off")::get, k -> null))
                .isSameAs(Sampler.alwaysOff());
    }

    @Test
    void incomingTraceContext() {
        String traceparentHeader = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String tracestateHeader = "congo=t61rcWkgMzE";
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(yourExporter).build();
        // readme:incoming:begin
        SpanData server = pipeline.startSpan("GET /orders", SpanKind.SERVER,
                traceparentHeader, TraceState.carry(tracestateHeader)); // null or invalid: a new trace, counted
        assertThat(server.isParentRemote()).isTrue();
        assertThat(server.traceState()).isSameAs(tracestateHeader); // carried, written out unchanged
        pipeline.end(server);
        assertThat(pipeline.stats().invalidTraceparents()).isZero();
        // readme:incoming:end
        pipeline.close();
    }

    @Test
    void contextBothWays() {
        InMemorySpanExporter sdkSpans = InMemorySpanExporter.create();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(sdkSpans)).build();
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(yourExporter).build();
        Tracer tracer = tracerProvider.get("jdbc");
        Map<String, String> headers = new HashMap<>();
        // readme:context:begin
        SpanData span = pipeline.startSpan("GET /orders", SpanKind.SERVER);
        Scope scope = pipeline.makeCurrent(span); // Span.wrap(an immutable copy of the ids): allocates
        try {
            tracer.spanBuilder("SELECT orders").startSpan().end(); // an SDK span, child of ours
            W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        } finally {
            scope.close();
        }
        pipeline.end(span);
        // readme:context:end
        String ourSpanId = headers.get("traceparent").substring(36, 52); // the injected parent id
        assertThat(sdkSpans.getFinishedSpanItems().get(0).getParentSpanId()).isEqualTo(ourSpanId);
        pipeline.close();
        tracerProvider.close();
    }

    @Test
    void logCorrelation() {
        PooledSpanPipeline pipeline = PooledSpanPipeline.builder(yourExporter).build();
        SpanData span = pipeline.startSpan("GET /orders", SpanKind.SERVER);
        // readme:logs:begin
        StringBuilder line = new StringBuilder(128); // reused per thread: appending allocates nothing
        line.append("trace_id=");
        HexIds.appendTraceId(span.traceIdHigh(), span.traceIdLow(), line).append(" span_id=");
        HexIds.appendHex(span.spanId(), line); // also into char[] and byte[]: HexIds.writeTraceId, writeHex
        // readme:logs:end
        assertThat(line.toString()).matches("trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16}");
        pipeline.end(span);
        pipeline.close();
    }

    @Test
    void theReadmeShowsEachSnippetAsItIsHere() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/lowalloc/otel/ReadmeTraceContextTest.java"),
                StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("// readme:(\\w+):begin\\n(.*?)\\n\\s*// readme:\\1:end", Pattern.DOTALL)
                .matcher(source);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            String snippet = m.group(2).lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                    .collect(Collectors.joining("\n"));
            assertThat(readme).as("README block for readme:%s", m.group(1)).contains("```java\n" + snippet + "\n```");
        }
        assertThat(names).containsExactly("sampling", "incoming", "context", "logs");
    }
}
