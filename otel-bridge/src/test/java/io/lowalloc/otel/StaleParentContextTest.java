package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.ExportOnlyExporter;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A span context the pipeline handed to an exporter is one of its reusable views: used as a
 * parent after its export completed, it throws naming copy mode instead of lending the ids of
 * whatever span the view shows next.
 */
class StaleParentContextTest {

    @Test
    void aKeptViewContextUsedAsParentAfterItsExportThrowsNamingCopyMode() {
        AtomicReference<SpanContext> kept = new AtomicReference<>();
        ExportOnlyExporter keeping = spans -> {
            kept.compareAndSet(null, spans.iterator().next().getSpanContext());
            return CompletableResultCode.ofSuccess();
        };
        try (PooledSpanPipeline pipeline = PooledSpanPipeline.builder(keeping).setShutdownHook(false).build()) {
            pipeline.end(pipeline.startSpan("exported", SpanKind.INTERNAL));
            assertThat(pipeline.flush()).isTrue();
            SpanContext stale = kept.get();
            assertThat(stale).as("the exporter kept the view context").isNotNull();

            assertThatThrownBy(() -> pipeline.startSpan("child", SpanKind.INTERNAL, stale))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("copy mode");
            assertThat(pipeline.stats().isBalanced()).isTrue();
        }
    }
}
