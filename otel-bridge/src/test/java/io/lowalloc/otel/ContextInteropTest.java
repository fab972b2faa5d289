package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.Sampler;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.Traceparent;
import io.lowalloc.otel.testing.BalancedPipelines;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pooled span as the current OpenTelemetry span: SDK children and the W3C propagator see our ids. */
class ContextInteropTest {

    @RegisterExtension
    final BalancedPipelines pipelines = new BalancedPipelines();

    private final InMemorySpanExporter sdkSpans = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(sdkSpans)).build();
    private final Tracer tracer = provider.get("downstream");

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    private PooledSpanPipeline pipeline(Sampler sampler) {
        return pipelines.track(PooledSpanPipeline.builder(new ScriptedExporter()).setSampler(sampler).build());
    }

    private static String traceparentOf(SpanData span) {
        byte[] header = new byte[Traceparent.LENGTH];
        Traceparent.write(span.traceIdHigh(), span.traceIdLow(), span.spanId(), span.traceFlags(), header, 0);
        return new String(header, StandardCharsets.US_ASCII);
    }

    @Test
    void anSdkSpanStartedUnderOurCurrentSpanHasOurIdsAsItsParent() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData ours = pipeline.startSpan("GET /orders", SpanKind.SERVER);
        String traceId = HexIds.traceIdToHex(ours.traceIdHigh(), ours.traceIdLow());
        String spanId = HexIds.spanIdToHex(ours.spanId());

        Scope scope = pipeline.makeCurrent(ours);
        try {
            tracer.spanBuilder("SELECT orders").startSpan().end();
        } finally {
            scope.close();
        }
        pipeline.end(ours);

        io.opentelemetry.sdk.trace.data.SpanData child = sdkSpans.getFinishedSpanItems().get(0);
        assertThat(child.getTraceId()).isEqualTo(traceId);
        assertThat(child.getParentSpanId()).isEqualTo(spanId);
        assertThat(child.getParentSpanContext().isRemote()).isFalse();
        assertThat(child.getSpanContext().isSampled()).as("the SDK's parent-based sampler follows us").isTrue();
        assertThat(Span.current().getSpanContext().isValid()).as("the scope restored the context").isFalse();
    }

    @Test
    void theW3cPropagatorInjectsOurIdsAndTraceState() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData ours = pipeline.startSpan("server", SpanKind.SERVER,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
        Map<String, String> headers = new HashMap<>();

        Scope scope = pipeline.makeCurrent(ours);
        try {
            W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        } finally {
            scope.close();
        }

        assertThat(headers).containsEntry("traceparent", traceparentOf(ours))
                .containsEntry("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
        pipeline.end(ours);
    }

    @Test
    void anUnsampledSpanPropagatesSampledZero() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOff());
        SpanData ours = pipeline.startSpan("server", SpanKind.SERVER);
        Map<String, String> headers = new HashMap<>();

        Scope scope = pipeline.makeCurrent(ours);
        try {
            W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
            tracer.spanBuilder("downstream").startSpan().end();
        } finally {
            scope.close();
        }

        assertThat(headers.get("traceparent")).isEqualTo(traceparentOf(ours)).endsWith("-00");
        assertThat(sdkSpans.getFinishedSpanItems()).as("the SDK drops the child of an unsampled parent").isEmpty();
        pipeline.end(ours);
    }

    @Test
    void theContextKeepsAnImmutableCopyWhenThePooledSpanIsRecycled() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData ours = pipeline.startSpan("server", SpanKind.SERVER);
        String spanId = HexIds.spanIdToHex(ours.spanId());
        Context context = pipeline.storeInContext(Context.root(), ours);

        pipeline.end(ours);
        assertThat(pipeline.flush()).isTrue();
        for (int i = 0; i < 100; i++) {
            pipeline.end(pipeline.startSpan("other", SpanKind.INTERNAL)); // reuses the pooled span
        }

        SpanContext kept = Span.fromContext(context).getSpanContext();
        assertThat(kept.getSpanId()).isEqualTo(spanId);
        assertThat(kept).isNotInstanceOf(io.lowalloc.otel.internal.view.SpanContextView.class);
        assertThat(Span.fromContext(context).isRecording()).isFalse();
    }

    @Test
    void ourNextSpanUnderTheScopeIsItsLocalChild() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData parent = pipeline.startSpan("server", SpanKind.SERVER);
        SpanData child;

        Scope scope = pipeline.makeCurrent(parent);
        try {
            child = pipeline.startSpan("work", SpanKind.INTERNAL);
        } finally {
            scope.close();
        }

        assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
        assertThat(child.traceIdLow()).isEqualTo(parent.traceIdLow());
        assertThat(child.isParentRemote()).isFalse();
        pipeline.end(child);
        pipeline.end(parent);
    }
}
