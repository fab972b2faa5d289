package io.lowalloc.otel;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class PooledBatchSpanProcessorBuilderTest {

    private final PooledBatchSpanProcessorBuilder builder = PooledBatchSpanProcessor.builder(new ScriptedExporter());

    @Test
    void defaultsAreThoseOfBatchSpanProcessor() {
        BatchSpanProcessor stock = BatchSpanProcessor.builder(new ScriptedExporter()).build();
        try {
            // The stock builder's getters are package-private; its toString shows the values.
            assertThat(stock.toString()).contains(
                    "exportUnsampledSpans=" + builder.exportUnsampledSpans(),
                    "scheduleDelayNanos=" + builder.scheduleDelayNanos(),
                    "maxExportBatchSize=" + builder.maxExportBatchSize(),
                    "exporterTimeoutNanos=" + builder.exporterTimeoutNanos());
        } finally {
            stock.shutdown().join(10, TimeUnit.SECONDS);
        }
        assertThat(builder.maxQueueSize()).isEqualTo(2048);
        assertThat(builder.maxExportBatchSize()).isEqualTo(512);
        assertThat(builder.scheduleDelayNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(builder.exporterTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(30));
        assertThat(builder.exportUnsampledSpans()).isFalse();
        assertThat(builder.fullQueuePolicy()).isEqualTo(FullQueuePolicy.DROP);
        assertThat(builder.maxBlockTimeNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(builder.spanLimits()).isEqualTo(SpanLimits.defaults());
        assertThat(builder.poolCapacity()).isEqualTo(2048 + 512);
        assertThat(builder.copyMode()).isFalse();
        assertThat(builder.resource()).isNull();
        assertThat(builder.meterProvider().get()).isSameAs(MeterProvider.noop());
    }

    @Test
    void settersStoreTheirValues() {
        SpanLimits limits = SpanLimits.builder().attributeLimit(8).attributeInitialCapacity(8).build();
        MeterProvider meters = MeterProvider.noop();

        builder.setMaxQueueSize(100)
                .setMaxExportBatchSize(10)
                .setScheduleDelay(Duration.ofMillis(250))
                .setExporterTimeout(Duration.ofSeconds(2))
                .setExportUnsampledSpans(true)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(Duration.ofMillis(7))
                .setSpanLimits(limits)
                .setPoolCapacity(33)
                .setCopyMode(true)
                .setMeterProvider(meters);

        assertThat(builder.maxQueueSize()).isEqualTo(100);
        assertThat(builder.maxExportBatchSize()).isEqualTo(10);
        assertThat(builder.scheduleDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(builder.exporterTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(builder.exportUnsampledSpans()).isTrue();
        assertThat(builder.fullQueuePolicy()).isEqualTo(FullQueuePolicy.BLOCK);
        assertThat(builder.maxBlockTimeNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(7));
        assertThat(builder.spanLimits()).isSameAs(limits);
        assertThat(builder.poolCapacity()).isEqualTo(33);
        assertThat(builder.copyMode()).isTrue();
        assertThat(builder.meterProvider().get()).isSameAs(meters);
    }

    @Test
    void zeroDelayMeansAsSoonAsPossibleAndZeroTimeoutMeansNone() {
        builder.setScheduleDelay(0, TimeUnit.MILLISECONDS).setExporterTimeout(0, TimeUnit.SECONDS);

        assertThat(builder.scheduleDelayNanos()).isEqualTo(PooledBatchSpanProcessor.MIN_SCHEDULE_DELAY_NANOS);
        assertThat(builder.exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void hugeDurationsSaturate() {
        builder.setScheduleDelay(Duration.ofDays(365 * 1_000L)).setExporterTimeout(Long.MAX_VALUE, TimeUnit.DAYS);

        assertThat(builder.scheduleDelayNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(builder.exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void batchSizeAboveQueueSizeIsLoweredToTheQueueSizeAsInOpenTelemetry() {
        PooledBatchSpanProcessor processor = builder.setMaxQueueSize(10).setMaxExportBatchSize(50).build();
        try {
            assertThat(builder.maxExportBatchSize()).isEqualTo(10);
            assertThat(processor.toString()).contains("maxQueueSize=10", "maxExportBatchSize=10", "poolCapacity=20");
        } finally {
            processor.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void meterProviderSupplierIsAskedLazily() {
        Supplier<MeterProvider> supplier = () -> {
            throw new AssertionError("asked too early");
        };

        builder.setMeterProvider(supplier);

        assertThat(builder.meterProvider()).isSameAs(supplier);
    }

    @Test
    void invalidSizesAreRejectedWithTheirRange() {
        assertThatThrownBy(() -> builder.setMaxQueueSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueueSize must be in [1, 16777216], was: 0");
        assertThatThrownBy(() -> builder.setMaxQueueSize((1 << 24) + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueueSize must be in [1, 16777216], was: 16777217");
        assertThatThrownBy(() -> builder.setMaxExportBatchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxExportBatchSize must be >= 1, was: 0");
        assertThatThrownBy(() -> builder.setPoolCapacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poolCapacity must be in [1, 1073741824], was: 0");
        assertThatThrownBy(() -> builder.setPoolCapacity(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poolCapacity must be in [1, 1073741824], was: 2147483647");
        assertThatThrownBy(() -> builder.setComponentName(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("componentName must be non-blank, was: \" \"");
    }

    @Test
    void invalidDurationsAreRejectedWithTheirRange() {
        assertThatThrownBy(() -> builder.setScheduleDelay(-1, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scheduleDelay must be >= 0, was: -1 SECONDS");
        assertThatThrownBy(() -> builder.setScheduleDelay(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scheduleDelay must be >= 0, was: PT-0.005S");
        assertThatThrownBy(() -> builder.setExporterTimeout(-2, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exporterTimeout must be >= 0, was: -2 MILLISECONDS");
        assertThatThrownBy(() -> builder.setExporterTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("exporterTimeout must be >= 0, was: PT-1S");
        assertThatThrownBy(() -> builder.setMaxBlockTime(0, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBlockTime must be > 0, was: 0 MILLISECONDS");
        assertThatThrownBy(() -> builder.setMaxBlockTime(-1, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBlockTime must be > 0, was: -1 MILLISECONDS");
        assertThatThrownBy(() -> builder.setMaxBlockTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBlockTime must be > 0, was: PT0S");
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> PooledBatchSpanProcessor.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("spanExporter");
        assertThatThrownBy(() -> builder.setScheduleDelay(1, null)).hasMessage("unit");
        assertThatThrownBy(() -> builder.setScheduleDelay(null)).hasMessage("delay");
        assertThatThrownBy(() -> builder.setExporterTimeout(1, null)).hasMessage("unit");
        assertThatThrownBy(() -> builder.setExporterTimeout(null)).hasMessage("timeout");
        assertThatThrownBy(() -> builder.setMaxBlockTime(1, null)).hasMessage("unit");
        assertThatThrownBy(() -> builder.setMaxBlockTime(null)).hasMessage("maxBlockTime");
        assertThatThrownBy(() -> builder.setFullQueuePolicy(null)).hasMessage("policy");
        assertThatThrownBy(() -> builder.setSpanLimits(null)).hasMessage("spanLimits");
        assertThatThrownBy(() -> builder.setMeterProvider((MeterProvider) null)).hasMessage("meterProvider");
        assertThatThrownBy(() -> builder.setMeterProvider((Supplier<MeterProvider>) null)).hasMessage("meterProvider");
        assertThatThrownBy(() -> builder.setResource(null)).hasMessage("resource");
        assertThatThrownBy(() -> builder.setComponentName(null)).hasMessage("componentName");
    }
}
