package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.otel.internal.processor.BspConfiguration;
import io.lowalloc.otel.testing.ScriptedExporter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class BspConfigurationTest {

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private BatchOptions configured() {
        return BoundedBatchSpanProcessor.builderFromConfig(new ScriptedExporter(), properties::get, environment::get)
                .batchOptions();
    }

    /** Asserts the four options the {@code otel.bsp.*} keys set. */
    private static void assertOptions(BatchOptions options, long scheduleDelayMillis,
            int maxQueueSize, int maxExportBatchSize, long exporterTimeoutMillis) {
        assertThat(options.scheduleDelayNanos()).as("schedule delay")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(scheduleDelayMillis));
        assertThat(options.maxQueueSize()).as("max queue size").isEqualTo(maxQueueSize);
        assertThat(options.maxExportBatchSize()).as("max export batch size").isEqualTo(maxExportBatchSize);
        assertThat(options.exporterTimeoutNanos()).as("exporter timeout")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(exporterTimeoutMillis));
    }

    @Test
    void nothingSetKeepsTheDefaults() {
        assertOptions(configured(), 5_000, BatchOptions.DEFAULT_MAX_QUEUE_SIZE,
                BatchOptions.DEFAULT_MAX_EXPORT_BATCH_SIZE, 30_000);
    }

    @Test
    void environmentVariablesAreRead() {
        environment.put("OTEL_BSP_SCHEDULE_DELAY", "250");
        environment.put("OTEL_BSP_MAX_QUEUE_SIZE", "1000");
        environment.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "100");
        environment.put("OTEL_BSP_EXPORT_TIMEOUT", "2s");

        assertOptions(configured(), 250, 1000, 100, 2_000);
    }

    @Test
    void aSystemPropertyWinsOverItsEnvironmentVariable() {
        environment.put("OTEL_BSP_MAX_QUEUE_SIZE", "1000");
        environment.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "100");
        properties.put("otel.bsp.max.queue.size", "3000");

        // No property for the batch size: its variable applies.
        assertOptions(configured(), 5_000, 3000, 100, 30_000);
    }

    @Test
    void blankValuesCountAsUnset() {
        properties.put("otel.bsp.max.queue.size", "  ");
        // Not below the default batch size, which would then be lowered to it (OpenTelemetry's rule).
        environment.put("OTEL_BSP_MAX_QUEUE_SIZE", "777");
        environment.put("OTEL_BSP_EXPORT_TIMEOUT", "");

        assertOptions(configured(), 5_000, 777, BatchOptions.DEFAULT_MAX_EXPORT_BATCH_SIZE, 30_000);
    }

    @Test
    void durationsTakeTheAutoconfigureUnits() {
        assertThat(delayNanos("15")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(15));
        assertThat(delayNanos(" 15ms ")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(15));
        assertThat(delayNanos("1500000ns")).isEqualTo(1_500_000L);
        assertThat(delayNanos("1500us")).isEqualTo(1_500_000L);
        assertThat(delayNanos("3s")).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(delayNanos("2 m")).isEqualTo(TimeUnit.MINUTES.toNanos(2));
        assertThat(delayNanos("1h")).isEqualTo(TimeUnit.HOURS.toNanos(1));
        assertThat(delayNanos("1d")).isEqualTo(TimeUnit.DAYS.toNanos(1));
    }

    private long delayNanos(String value) {
        properties.put("otel.bsp.schedule.delay", value);
        return configured().scheduleDelayNanos();
    }

    @Test
    void zeroExportTimeoutMeansNoTimeoutAsInOpenTelemetry() {
        environment.put("OTEL_BSP_EXPORT_TIMEOUT", "0");

        assertThat(configured().exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void invalidNumbersNameTheKeyTheSourceAndTheValue() {
        properties.put("otel.bsp.max.queue.size", "lots");

        assertThatThrownBy(this::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for otel.bsp.max.queue.size (system property): \"lots\": expected an integer");
    }

    @Test
    void invalidDurationsNameTheVariable() {
        environment.put("OTEL_BSP_SCHEDULE_DELAY", "soon");
        assertThatThrownBy(this::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid value for OTEL_BSP_SCHEDULE_DELAY (environment variable): \"soon\": "
                        + "expected a non-negative whole number");

        environment.put("OTEL_BSP_SCHEDULE_DELAY", "5 fortnights");
        assertThatThrownBy(this::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid value for OTEL_BSP_SCHEDULE_DELAY (environment variable): "
                        + "\"5 fortnights\": unknown duration unit \"fortnights\"");

        environment.put("OTEL_BSP_SCHEDULE_DELAY", "-5");
        assertThatThrownBy(this::configured).hasMessageContaining("OTEL_BSP_SCHEDULE_DELAY");

        environment.put("OTEL_BSP_SCHEDULE_DELAY", "99999999999999999999ms");
        assertThatThrownBy(this::configured).hasMessage(
                "Invalid value for OTEL_BSP_SCHEDULE_DELAY (environment variable): \"99999999999999999999ms\": "
                        + "number out of range");
    }

    @Test
    void valuesOutOfRangeNameTheKeyAndTheBuildersRule() {
        environment.put("OTEL_BSP_MAX_QUEUE_SIZE", "0");

        assertThatThrownBy(this::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for OTEL_BSP_MAX_QUEUE_SIZE (environment variable): \"0\": "
                        + "maxQueueSize must be in [1, 16777216], was: 0")
                .hasCauseInstanceOf(IllegalArgumentException.class);

        environment.clear();
        properties.put("otel.bsp.max.export.batch.size", "-3");
        assertThatThrownBy(this::configured).hasMessage("Invalid value for otel.bsp.max.export.batch.size "
                + "(system property): \"-3\": maxExportBatchSize must be >= 1, was: -3");
    }

    @Test
    void environmentNamesFollowTheAutoconfigureRule() {
        assertThat(BspConfiguration.environmentName("otel.bsp.max.export.batch.size"))
                .isEqualTo("OTEL_BSP_MAX_EXPORT_BATCH_SIZE");
        assertThat(BspConfiguration.environmentName("otel.some-key")).isEqualTo("OTEL_SOME_KEY");
    }

    @Test
    void builderFromEnvironmentReadsSystemProperties() {
        String key = "otel.bsp.max.export.batch.size";
        String previous = System.getProperty(key);
        System.setProperty(key, "123");
        try {
            assertThat(BoundedBatchSpanProcessor.builderFromEnvironment(new ScriptedExporter()).batchOptions().maxExportBatchSize())
                    .isEqualTo(123);
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }

    @Test
    void appliesToAnyBatchOptionsBuilderUnderItsRules() {
        environment.put("OTEL_BSP_EXPORT_TIMEOUT", "0");
        BspConfiguration configuration = BspConfiguration.of(properties::get, environment::get);

        BatchOptions.Builder compatible = BatchOptions.builder().openTelemetryCompatible();
        configuration.applyTo(compatible);
        assertThat(compatible.build().exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);

        assertThatThrownBy(() -> configuration.applyTo(BatchOptions.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for OTEL_BSP_EXPORT_TIMEOUT (environment variable): \"0\": "
                        + "exporterTimeout must be > 0, was: 0 NANOSECONDS");
        assertThatThrownBy(() -> configuration.applyTo(null))
                .isInstanceOf(NullPointerException.class).hasMessage("builder");
    }

    @Test
    void lookupsMustNotBeNull() {
        assertThatThrownBy(() -> BoundedBatchSpanProcessor.builderFromConfig(new ScriptedExporter(), null, k -> null))
                .isInstanceOf(NullPointerException.class).hasMessage("systemProperties");
        assertThatThrownBy(() -> BoundedBatchSpanProcessor.builderFromConfig(new ScriptedExporter(), k -> null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("environment");
    }
}
