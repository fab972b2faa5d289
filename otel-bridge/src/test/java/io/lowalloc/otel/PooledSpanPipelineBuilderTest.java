package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.otel.testing.ScriptedExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class PooledSpanPipelineBuilderTest {

    private final PooledSpanPipeline.Builder builder = PooledSpanPipeline.builder(new ScriptedExporter());

    @Test
    void defaultsAreTheSharedBatchOptionsWithThePipelinesThreadName() {
        assertThat(SpanRecorder.DEFAULT_POOL_HEADROOM).isEqualTo(256);
        assertThat(PooledSpanPipeline.DEFAULT_WORKER_THREAD_NAME).isEqualTo("lowalloc-otel-span-export");
        try (PooledSpanPipeline pipeline = builder.build()) {
            assertThat(pipeline.batchOptions()).isEqualTo(BatchOptions.defaults().toBuilder()
                    .setWorkerThreadName(PooledSpanPipeline.DEFAULT_WORKER_THREAD_NAME).build());
        }
    }

    @Test
    void batchSettersForwardToTheOpenTelemetryCompatibleOptions() {
        BatchOptions expected = BatchOptions.builder().setMaxQueueSize(64).setMaxExportBatchSize(8)
                .setScheduleDelay(Duration.ofMillis(75)).setExporterTimeout(Duration.ofMillis(1500))
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(Duration.ofMillis(3))
                .setWorkerThreadName("forwarded").build();

        try (PooledSpanPipeline pipeline = builder.setMaxQueueSize(64).setMaxExportBatchSize(8)
                .setScheduleDelay(75, TimeUnit.MILLISECONDS).setExporterTimeout(1500, TimeUnit.MILLISECONDS)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(3, TimeUnit.MILLISECONDS)
                .setWorkerThreadName("forwarded").build()) {
            assertThat(pipeline.batchOptions()).isEqualTo(expected);
        }
    }

    @Test
    void batchOptionsReplaceEveryBatchingOption() {
        BatchOptions given = BatchOptions.builder().setMaxQueueSize(16).setMaxExportBatchSize(4)
                .setWorkerThreadName("given").build();
        try (PooledSpanPipeline pipeline = builder.setMaxQueueSize(1000).setBatchOptions(given)
                .setExporterTimeout(0, TimeUnit.SECONDS).build()) {
            assertThat(pipeline.batchOptions()).as("still OpenTelemetry-compatible after replacing")
                    .isEqualTo(given.toBuilder().setExporterTimeout(Long.MAX_VALUE, TimeUnit.NANOSECONDS).build());
        }
        assertThatThrownBy(() -> builder.setBatchOptions(null))
                .isInstanceOf(NullPointerException.class).hasMessage("options");
    }

    @Test
    void defaultPoolHoldsEverySpanThatCanBeQueuedOrExportedPlusHeadroom() {
        int capacity = 8 + 4 + SpanRecorder.DEFAULT_POOL_HEADROOM;
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
    void poolSizeValidation() {
        assertThatThrownBy(() -> builder.setPoolCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poolCapacity must be in [1, " + ObjectPool.MAX_CAPACITY + "], was: 0");
        assertThatThrownBy(() -> builder.setPrefill(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefill must be in [0, poolCapacity], was: -1");
    }

    @Test
    void batchSizeAboveQueueSizeIsLoweredToTheQueueSizeAsInOpenTelemetry() {
        try (PooledSpanPipeline pipeline = builder.setMaxQueueSize(4).setMaxExportBatchSize(5).build()) {
            assertThat(pipeline.batchOptions().maxExportBatchSize()).isEqualTo(4);
        }
        assertThatThrownBy(() -> PooledSpanPipeline.builder(new ScriptedExporter())
                .setMaxQueueSize(4).setMaxExportBatchSize(5).setPrefill(4 + 4 + 256 + 1).build())
                .as("the pool is sized from the lowered batch size")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefill must be in [0, poolCapacity=264], was: 265");
    }

    @Test
    void zeroDelayMeansAsSoonAsPossibleAndZeroTimeoutMeansNone() {
        try (PooledSpanPipeline pipeline = builder.setScheduleDelay(0, TimeUnit.MILLISECONDS)
                .setExporterTimeout(Duration.ZERO).build()) {
            assertThat(pipeline.batchOptions().scheduleDelayNanos()).isEqualTo(BatchOptions.MIN_SCHEDULE_DELAY_NANOS);
            assertThat(pipeline.batchOptions().exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);

            pipeline.end(pipeline.startSpan("no timeout", SpanKind.INTERNAL));
            assertThat(pipeline.flush()).as("flush waits for the exporter without overflowing").isTrue();
            assertThat(pipeline.stats().batch().exported()).isEqualTo(1);
        }
    }

    @Test
    void timeValidationFollowsTheOpenTelemetryCompatibleRules() {
        assertThatThrownBy(() -> builder.setScheduleDelay(-1, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduleDelay must be >= 0, was: -1 MILLISECONDS");
        assertThatThrownBy(() -> builder.setScheduleDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduleDelay must be >= 0, was: PT-0.001S");
        assertThatThrownBy(() -> builder.setExporterTimeout(-1, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exporterTimeout must be >= 0, was: -1 SECONDS");
        assertThatThrownBy(() -> builder.setMaxBlockTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBlockTime must be > 0, was: PT0S");
    }

    @Test
    void nullValidation() {
        assertThatThrownBy(() -> PooledSpanPipeline.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("exporter");
        assertThatThrownBy(() -> builder.setSpanLimits(null))
                .isInstanceOf(NullPointerException.class).hasMessage("spanLimits");
        assertThatThrownBy(() -> builder.setResource(null))
                .isInstanceOf(NullPointerException.class).hasMessage("resource");
        assertThatThrownBy(() -> builder.setInstrumentationScope(null))
                .isInstanceOf(NullPointerException.class).hasMessage("scope");
        assertThatThrownBy(() -> builder.setClock(null))
                .isInstanceOf(NullPointerException.class).hasMessage("clock");
    }
}
