package io.lowalloc.otel;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.ScriptedExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class PooledSpanPipelineBuilderTest {

    private final PooledSpanPipeline.Builder builder = PooledSpanPipeline.builder(new ScriptedExporter());

    @Test
    void defaultsAreThoseOfTheBatchSpanProcessor() {
        assertThat(PooledSpanPipeline.DEFAULT_MAX_QUEUE_SIZE).isEqualTo(2048);
        assertThat(PooledSpanPipeline.DEFAULT_MAX_EXPORT_BATCH_SIZE).isEqualTo(512);
        assertThat(PooledSpanPipeline.DEFAULT_SCHEDULE_DELAY_MILLIS).isEqualTo(5_000L);
        assertThat(PooledSpanPipeline.DEFAULT_EXPORTER_TIMEOUT_MILLIS).isEqualTo(30_000L);
        assertThat(PooledSpanPipeline.DEFAULT_FULL_QUEUE_POLICY).isEqualTo(FullQueuePolicy.DROP);
        assertThat(PooledSpanPipeline.DEFAULT_POOL_HEADROOM).isEqualTo(256);
        assertThat(PooledSpanPipeline.DEFAULT_WORKER_THREAD_NAME).isEqualTo("lowalloc-otel-span-export");
    }

    @Test
    void defaultPoolHoldsEverySpanThatCanBeQueuedOrExportedPlusHeadroom() {
        int capacity = 8 + 4 + PooledSpanPipeline.DEFAULT_POOL_HEADROOM;
        try (PooledSpanPipeline pipeline = builder.setMaxQueueSize(8).setMaxExportBatchSize(4).setPrefill(capacity)
                .build()) {
            assertThat(pipeline.stats().pool().created()).isEqualTo(capacity);
            assertThat(pipeline.stats().pool().pooled()).isEqualTo(capacity);
        }
        assertThatThrownBy(() -> PooledSpanPipeline.builder(new ScriptedExporter())
                .setMaxQueueSize(8).setMaxExportBatchSize(4).setPrefill(capacity + 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefill must be in [0, poolCapacity=268], was: 269");
    }

    @Test
    void poolCapacityBoundsIdleSpans() {
        try (PooledSpanPipeline pipeline = builder.setPoolCapacity(1).setPrefill(1).build()) {
            SpanData a = pipeline.startSpan("a", SpanKind.INTERNAL);
            SpanData b = pipeline.startSpan("b", SpanKind.INTERNAL);
            pipeline.end(a);
            pipeline.end(b);
            pipeline.flush();

            assertThat(pipeline.stats().pool().pooled()).isEqualTo(1);
            assertThat(pipeline.stats().pool().discarded()).isEqualTo(1);
        }
    }

    @Test
    void workerThreadIsNamed() {
        String name = "custom-export-worker";
        try (PooledSpanPipeline pipeline = builder.setWorkerThreadName(name).build()) {
            assertThat(pipeline.isClosed()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
                assertThat(t.getName()).isEqualTo(name);
                assertThat(t.isDaemon()).isTrue();
            });
        }
    }

    @Test
    void eachBuildMakesAnIndependentPipeline() {
        ScriptedExporter exporter = new ScriptedExporter();
        PooledSpanPipeline.Builder shared = PooledSpanPipeline.builder(exporter);
        try (PooledSpanPipeline first = shared.build(); PooledSpanPipeline second = shared.build()) {
            first.end(first.startSpan("first", SpanKind.INTERNAL));
            first.flush();

            assertThat(first.stats().batch().exported()).isEqualTo(1);
            assertThat(second.stats().batch().offered()).isZero();
            assertThat(second.adapter()).isNotSameAs(first.adapter());
        }
    }

    @Test
    void sizeValidation() {
        assertThatThrownBy(() -> builder.setMaxQueueSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueueSize must be in [1, 16777216], was: 0");
        assertThatThrownBy(() -> builder.setMaxExportBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxExportBatchSize must be in [1, maxQueueSize], was: 0");
        assertThatThrownBy(() -> builder.setPoolCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poolCapacity must be in [1, " + ObjectPool.MAX_CAPACITY + "], was: 0");
        assertThatThrownBy(() -> builder.setPrefill(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefill must be in [0, poolCapacity], was: -1");
        assertThatThrownBy(() -> PooledSpanPipeline.builder(new ScriptedExporter())
                .setMaxQueueSize(4).setMaxExportBatchSize(5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxExportBatchSize must be in [1, maxQueueSize=4], was: 5");
    }

    @Test
    void timeValidation() {
        assertThatThrownBy(() -> builder.setScheduleDelay(0, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduleDelay must be > 0, was: 0 MILLISECONDS");
        assertThatThrownBy(() -> builder.setScheduleDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduleDelay must be > 0, was: PT-0.001S");
        assertThatThrownBy(() -> builder.setExporterTimeout(0, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exporterTimeout must be > 0, was: 0 SECONDS");
        assertThatThrownBy(() -> builder.setExporterTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exporterTimeout must be > 0, was: PT0S");
        assertThatThrownBy(() -> builder.setMaxBlockTime(-5, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBlockTime must be > 0, was: -5 MILLISECONDS");
        assertThatThrownBy(() -> builder.setMaxBlockTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBlockTime must be > 0, was: PT0S");
        assertThatThrownBy(() -> builder.setExporterTimeout(1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("unit");
        assertThatThrownBy(() -> builder.setExporterTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> builder.setScheduleDelay(1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("unit");
    }

    @Test
    void longDurationsSaturate() {
        try (PooledSpanPipeline pipeline = builder.setScheduleDelay(Duration.ofDays(365L * 1000))
                .setExporterTimeout(Duration.ofDays(365L * 1000)).setMaxBlockTime(Duration.ofDays(365L * 1000))
                .build()) {
            assertThat(pipeline.isClosed()).isFalse();
        }
    }

    @Test
    void nullValidation() {
        assertThatThrownBy(() -> PooledSpanPipeline.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("exporter");
        assertThatThrownBy(() -> builder.setFullQueuePolicy(null))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
        assertThatThrownBy(() -> builder.setSpanLimits(null))
                .isInstanceOf(NullPointerException.class).hasMessage("spanLimits");
        assertThatThrownBy(() -> builder.setResource(null))
                .isInstanceOf(NullPointerException.class).hasMessage("resource");
        assertThatThrownBy(() -> builder.setInstrumentationScope(null))
                .isInstanceOf(NullPointerException.class).hasMessage("scope");
        assertThatThrownBy(() -> builder.setClock(null))
                .isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> builder.setWorkerThreadName(null))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> builder.setWorkerThreadName(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerThreadName must be non-blank, was: \" \"");
    }
}
