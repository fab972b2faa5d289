package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.Sampler;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.BalancedPipelines;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trace state and remote links reach an OpenTelemetry exporter; unsampled spans never do. */
class TraceStateExportTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @RegisterExtension
    final BalancedPipelines pipelines = new BalancedPipelines();

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    private PooledSpanPipeline pipeline(Sampler sampler) {
        // Copy mode: InMemorySpanExporter keeps the spans.
        return pipelines.track(PooledSpanPipeline.builder(exporter).setCopyMode(true).setSampler(sampler).build());
    }

    @Test
    void theIncomingTraceStateIsExportedOnTheSpanAndItsParent() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData span = pipeline.startSpan("server", SpanKind.SERVER, TRACEPARENT, "rojo=00f067aa0ba902b7,congo=t61");

        pipeline.end(span);
        assertThat(pipeline.flush()).isTrue();

        io.opentelemetry.sdk.trace.data.SpanData exported = exporter.getFinishedSpanItems().get(0);
        assertThat(exported.getSpanContext().getTraceState().asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("rojo", "00f067aa0ba902b7", "congo", "t61"));
        assertThat(exported.getSpanContext().getTraceState().asMap().keySet()).containsExactly("rojo", "congo");
        assertThat(exported.getParentSpanContext().getTraceState()).isEqualTo(exported.getSpanContext().getTraceState());
        assertThat(exported.getParentSpanContext().isRemote()).isTrue();
    }

    @Test
    void anInvalidTraceStateIsExportedEmpty() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData span = pipeline.startSpan("server", SpanKind.SERVER, TRACEPARENT, "Not Valid");

        assertThat(span.traceState()).as("carried unchanged").isEqualTo("Not Valid");
        pipeline.end(span);
        assertThat(pipeline.flush()).isTrue();

        assertThat(exporter.getFinishedSpanItems().get(0).getSpanContext().getTraceState()).isEqualTo(
                TraceState.getDefault());
    }

    @Test
    void linksCarryTheRemoteFlagAndTheirTraceState() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanData span = pipeline.startSpan("consume", SpanKind.CONSUMER);
        span.addLink(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, (byte) 1, true, "vendor=x");
        span.addLink(1L, 2L, 3L, (byte) 0);

        pipeline.end(span);
        assertThat(pipeline.flush()).isTrue();

        LinkData remote = exporter.getFinishedSpanItems().get(0).getLinks().get(0);
        LinkData local = exporter.getFinishedSpanItems().get(0).getLinks().get(1);
        assertThat(remote.getSpanContext()).isEqualTo(SpanContext.createFromRemoteParent(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "x").build()));
        assertThat(local.getSpanContext().isRemote()).isFalse();
        assertThat(local.getSpanContext().getTraceState().isEmpty()).isTrue();
    }

    @Test
    void aParentsOpenTelemetryTraceStateIsCarried() {
        PooledSpanPipeline pipeline = pipeline(Sampler.alwaysOn());
        SpanContext parent = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.builder().put("b", "2").put("a", "1").build());

        SpanData span = pipeline.startSpan("server", SpanKind.SERVER, parent);

        assertThat(span.traceState()).isEqualTo("a=1,b=2");
        pipeline.end(span);
    }

    @Test
    void unsampledSpansAreCountedAndNeverExported() {
        PooledSpanPipeline pipeline = pipeline(Sampler.parentBased(Sampler.alwaysOn()));
        SpanData span = pipeline.startSpan("server", SpanKind.SERVER,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null);
        span.put("http.method", "GET");

        assertThat(pipeline.end(span)).isFalse();
        assertThat(pipeline.flush()).isTrue();

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(pipeline.stats().notSampled()).isEqualTo(1);
        assertThat(pipeline.stats().batch().dropped()).isZero();
    }
}
