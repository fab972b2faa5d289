package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class BoundedBatchSpanProcessorBuilderTest {

    private final BoundedBatchSpanProcessorBuilder builder = BoundedBatchSpanProcessor.builder(new ScriptedExporter());

    @Test
    void defaultsAreThoseOfBatchSpanProcessor() {
        BatchOptions options = builder.batchOptions();
        BatchSpanProcessor stock = BatchSpanProcessor.builder(new ScriptedExporter()).build();
        try {
            // The stock builder's getters are package-private; its toString shows the values.
            assertThat(stock.toString()).contains(
                    "exportUnsampledSpans=" + builder.exportUnsampledSpans(),
                    "scheduleDelayNanos=" + options.scheduleDelayNanos(),
                    "maxExportBatchSize=" + options.maxExportBatchSize(),
                    "exporterTimeoutNanos=" + options.exporterTimeoutNanos());
        } finally {
            stock.shutdown().join(10, TimeUnit.SECONDS);
        }
        assertThat(options).isEqualTo(BatchOptions.defaults().toBuilder()
                .setWorkerThreadName(BoundedBatchSpanProcessor.WORKER_THREAD_NAME).build());
        assertThat(builder.exportUnsampledSpans()).isFalse();
        assertThat(builder.componentName()).isNull();
        assertThat(builder.meterProvider().get()).isSameAs(MeterProvider.noop());
    }

    @Test
    void settersStoreTheirValues() {
        MeterProvider meters = MeterProvider.noop();

        builder.setExportUnsampledSpans(true)
                .setMeterProvider(meters)
                .setComponentName("mine");

        assertThat(builder.exportUnsampledSpans()).isTrue();
        assertThat(builder.meterProvider().get()).isSameAs(meters);
        assertThat(builder.componentName()).isEqualTo("mine");
    }

    @Test
    void batchSettersForwardToTheOpenTelemetryCompatibleOptions() {
        builder.setMaxQueueSize(300).setMaxExportBatchSize(30).setScheduleDelay(Duration.ofMillis(40))
                .setExporterTimeout(Duration.ofSeconds(3)).setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(Duration.ofMillis(9));

        BatchOptions expected = BatchOptions.builder().setMaxQueueSize(300).setMaxExportBatchSize(30)
                .setScheduleDelay(40, TimeUnit.MILLISECONDS).setExporterTimeout(3, TimeUnit.SECONDS)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(9, TimeUnit.MILLISECONDS)
                .setWorkerThreadName(BoundedBatchSpanProcessor.WORKER_THREAD_NAME).build();
        assertThat(builder.batchOptions()).isEqualTo(expected);
        assertThat(builder.setScheduleDelay(1, TimeUnit.SECONDS).setExporterTimeout(1, TimeUnit.SECONDS)
                .setMaxBlockTime(1, TimeUnit.SECONDS).batchOptions())
                .isEqualTo(builder.setScheduleDelay(Duration.ofSeconds(1)).setExporterTimeout(Duration.ofSeconds(1))
                        .setMaxBlockTime(Duration.ofSeconds(1)).batchOptions());
        assertThatThrownBy(() -> builder.setExporterTimeout(-2, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exporterTimeout must be >= 0, was: -2 MILLISECONDS");
    }

    @Test
    void zeroDelayMeansAsSoonAsPossibleAndZeroTimeoutMeansNone() {
        builder.setScheduleDelay(0, TimeUnit.MILLISECONDS).setExporterTimeout(0, TimeUnit.SECONDS);

        assertThat(builder.batchOptions().scheduleDelayNanos()).isEqualTo(BatchOptions.MIN_SCHEDULE_DELAY_NANOS);
        assertThat(builder.batchOptions().exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void batchSizeAboveQueueSizeIsLoweredToTheQueueSizeAsInOpenTelemetry() {
        BoundedBatchSpanProcessor processor = builder.setMaxQueueSize(10).setMaxExportBatchSize(50).build();
        try {
            assertThat(processor.toString()).contains("maxQueueSize=10", "maxExportBatchSize=10");
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
    void invalidOwnOptionsAreRejectedWithTheirRange() {
        assertThatThrownBy(() -> builder.setComponentName(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("componentName must be non-blank, was: \" \"");
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> BoundedBatchSpanProcessor.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("spanExporter");
        assertThatThrownBy(() -> builder.setMeterProvider((MeterProvider) null)).hasMessage("meterProvider");
        assertThatThrownBy(() -> builder.setMeterProvider((Supplier<MeterProvider>) null)).hasMessage("meterProvider");
        assertThatThrownBy(() -> builder.setComponentName(null)).hasMessage("componentName");
    }
}
