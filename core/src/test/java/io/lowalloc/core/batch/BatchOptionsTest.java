package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lowalloc.core.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Every rule, message, default and conversion of the shared batching options, tested once. */
class BatchOptionsTest {

    private static BatchOptions.Builder strict() {
        return BatchOptions.builder();
    }

    private static BatchOptions.Builder compatible() {
        return BatchOptions.builder().openTelemetryCompatible();
    }

    // ------------------------------------------------------------ defaults

    @Test
    void defaultsAreThoseOfOpenTelemetry() {
        assertThat(BatchOptions.DEFAULT_MAX_QUEUE_SIZE).isEqualTo(2048);
        assertThat(BatchOptions.DEFAULT_MAX_EXPORT_BATCH_SIZE).isEqualTo(512);
        assertThat(BatchOptions.DEFAULT_SCHEDULE_DELAY_MILLIS).isEqualTo(5_000L);
        assertThat(BatchOptions.DEFAULT_EXPORTER_TIMEOUT_MILLIS).isEqualTo(30_000L);
        assertThat(BatchOptions.DEFAULT_FULL_QUEUE_POLICY).isEqualTo(FullQueuePolicy.DROP);
        assertThat(BatchOptions.DEFAULT_MAX_BLOCK_TIME_MILLIS).isEqualTo(1_000L);
        assertThat(BatchOptions.DEFAULT_WORKER_THREAD_NAME).isEqualTo("lowalloc-batch-export");
        assertThat(BatchOptions.MAX_QUEUE_SIZE_LIMIT).isEqualTo(1 << 24);
        assertThat(BatchOptions.MIN_SCHEDULE_DELAY_NANOS).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void defaultOptionsCarryTheDefaultConstants() {
        BatchOptions defaults = BatchOptions.defaults();

        assertThat(defaults.maxQueueSize()).isEqualTo(BatchOptions.DEFAULT_MAX_QUEUE_SIZE);
        assertThat(defaults.maxExportBatchSize()).isEqualTo(BatchOptions.DEFAULT_MAX_EXPORT_BATCH_SIZE);
        assertThat(defaults.scheduleDelayNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(defaults.exporterTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(30));
        assertThat(defaults.fullQueuePolicy()).isEqualTo(FullQueuePolicy.DROP);
        assertThat(defaults.maxBlockTimeNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(defaults.workerThreadName()).isEqualTo(BatchOptions.DEFAULT_WORKER_THREAD_NAME);
        assertThat(strict().build()).isEqualTo(defaults);
        assertThat(compatible().build()).as("the rules do not change the defaults").isEqualTo(defaults);
    }

    // ------------------------------------------------------------ setters and conversions

    @Test
    void settersStoreTheirValuesInNanoseconds() {
        BatchOptions options = strict()
                .setMaxQueueSize(100)
                .setMaxExportBatchSize(10)
                .setScheduleDelay(250, TimeUnit.MILLISECONDS)
                .setExporterTimeout(2, TimeUnit.SECONDS)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(7, TimeUnit.MILLISECONDS)
                .setWorkerThreadName("spans-out")
                .build();

        assertThat(options.maxQueueSize()).isEqualTo(100);
        assertThat(options.maxExportBatchSize()).isEqualTo(10);
        assertThat(options.scheduleDelayNanos()).isEqualTo(250_000_000L);
        assertThat(options.exporterTimeoutNanos()).isEqualTo(2_000_000_000L);
        assertThat(options.fullQueuePolicy()).isEqualTo(FullQueuePolicy.BLOCK);
        assertThat(options.maxBlockTimeNanos()).isEqualTo(7_000_000L);
        assertThat(options.workerThreadName()).isEqualTo("spans-out");
    }

    @Test
    void durationSettersEqualTheirTimeUnitForms() {
        BatchOptions fromDurations = strict().setScheduleDelay(Duration.ofMillis(250))
                .setExporterTimeout(Duration.ofSeconds(2)).setMaxBlockTime(Duration.ofNanos(7_000_123L)).build();
        BatchOptions fromUnits = strict().setScheduleDelay(250, TimeUnit.MILLISECONDS)
                .setExporterTimeout(2, TimeUnit.SECONDS).setMaxBlockTime(7_000_123L, TimeUnit.NANOSECONDS).build();

        assertThat(fromDurations).isEqualTo(fromUnits);
    }

    @Test
    void hugeDurationsSaturateAtLongMaxValue() {
        BatchOptions fromDurations = strict().setScheduleDelay(Duration.ofSeconds(Long.MAX_VALUE))
                .setExporterTimeout(Duration.ofDays(365L * 1000)).setMaxBlockTime(Duration.ofDays(1_000_000_000L))
                .build();
        BatchOptions fromUnits = strict().setScheduleDelay(Long.MAX_VALUE, TimeUnit.DAYS)
                .setExporterTimeout(Long.MAX_VALUE, TimeUnit.SECONDS).setMaxBlockTime(Long.MAX_VALUE, TimeUnit.HOURS)
                .build();

        for (BatchOptions options : new BatchOptions[] {fromDurations, fromUnits}) {
            assertThat(options.scheduleDelayNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(options.exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(options.maxBlockTimeNanos()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void scheduleDelayBelowOneMillisecondIsRaisedToIt() {
        assertThat(strict().setScheduleDelay(1, TimeUnit.NANOSECONDS).build().scheduleDelayNanos())
                .isEqualTo(BatchOptions.MIN_SCHEDULE_DELAY_NANOS);
        assertThat(strict().setScheduleDelay(Duration.ofNanos(999_999)).build().scheduleDelayNanos())
                .isEqualTo(BatchOptions.MIN_SCHEDULE_DELAY_NANOS);
        assertThat(compatible().setScheduleDelay(0, TimeUnit.MILLISECONDS).build().scheduleDelayNanos())
                .isEqualTo(BatchOptions.MIN_SCHEDULE_DELAY_NANOS);
        assertThat(compatible().setScheduleDelay(Duration.ZERO).build().scheduleDelayNanos())
                .isEqualTo(BatchOptions.MIN_SCHEDULE_DELAY_NANOS);
        assertThat(strict().setScheduleDelay(1_000_001, TimeUnit.NANOSECONDS).build().scheduleDelayNanos())
                .as("at or above the minimum: kept").isEqualTo(1_000_001L);
    }

    @Test
    void tinyExporterTimeoutAndBlockTimeAreKept() {
        BatchOptions options = strict().setExporterTimeout(1, TimeUnit.NANOSECONDS)
                .setMaxBlockTime(1, TimeUnit.NANOSECONDS).build();

        assertThat(options.exporterTimeoutNanos()).isEqualTo(1L);
        assertThat(options.maxBlockTimeNanos()).isEqualTo(1L);
    }

    // ------------------------------------------------------------ strict rules

    @Test
    void maxQueueSizeOutOfRangeIsRejectedUnderBothRules() {
        for (BatchOptions.Builder builder : new BatchOptions.Builder[] {strict(), compatible()}) {
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxQueueSize(0))
                    .withMessage("maxQueueSize must be in [1, 16777216], was: 0");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.setMaxQueueSize(BatchOptions.MAX_QUEUE_SIZE_LIMIT + 1))
                    .withMessage("maxQueueSize must be in [1, 16777216], was: 16777217");
        }
        assertThat(strict().setMaxQueueSize(BatchOptions.MAX_QUEUE_SIZE_LIMIT).build().maxQueueSize())
                .isEqualTo(BatchOptions.MAX_QUEUE_SIZE_LIMIT);
    }

    @Test
    void maxExportBatchSizeBelowOneIsRejectedUnderBothRules() {
        for (BatchOptions.Builder builder : new BatchOptions.Builder[] {strict(), compatible()}) {
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxExportBatchSize(0))
                    .withMessage("maxExportBatchSize must be >= 1, was: 0");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxExportBatchSize(-3))
                    .withMessage("maxExportBatchSize must be >= 1, was: -3");
        }
    }

    @Test
    void strictBuildRejectsBatchSizeAboveQueueSize() {
        BatchOptions.Builder explicit = strict().setMaxQueueSize(100).setMaxExportBatchSize(101);
        assertThatIllegalArgumentException().isThrownBy(explicit::build)
                .withMessage("maxExportBatchSize must be in [1, maxQueueSize=100], was: 101");

        BatchOptions.Builder aboveDefaultQueue = strict().setMaxExportBatchSize(4096);
        assertThatIllegalArgumentException().isThrownBy(aboveDefaultQueue::build)
                .withMessage("maxExportBatchSize must be in [1, maxQueueSize=2048], was: 4096");

        assertThat(strict().setMaxQueueSize(1).setMaxExportBatchSize(1).build().maxExportBatchSize())
                .as("equal sizes are fine").isEqualTo(1);
    }

    @Test
    void strictRulesRejectZeroAndNegativeDurations() {
        assertThatIllegalArgumentException().isThrownBy(() -> strict().setScheduleDelay(0, TimeUnit.MILLISECONDS))
                .withMessage("scheduleDelay must be > 0, was: 0 MILLISECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> strict().setScheduleDelay(Duration.ofSeconds(-1)))
                .withMessage("scheduleDelay must be > 0, was: PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> strict().setExporterTimeout(-5, TimeUnit.SECONDS))
                .withMessage("exporterTimeout must be > 0, was: -5 SECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> strict().setExporterTimeout(Duration.ZERO))
                .withMessage("exporterTimeout must be > 0, was: PT0S");
    }

    @Test
    void maxBlockTimeMustBePositiveUnderBothRules() {
        for (BatchOptions.Builder builder : new BatchOptions.Builder[] {strict(), compatible()}) {
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxBlockTime(0, TimeUnit.NANOSECONDS))
                    .withMessage("maxBlockTime must be > 0, was: 0 NANOSECONDS");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxBlockTime(-1, TimeUnit.MILLISECONDS))
                    .withMessage("maxBlockTime must be > 0, was: -1 MILLISECONDS");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxBlockTime(Duration.ofMillis(-2)))
                    .withMessage("maxBlockTime must be > 0, was: PT-0.002S");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxBlockTime(Duration.ZERO))
                    .withMessage("maxBlockTime must be > 0, was: PT0S");
        }
    }

    @Test
    void blankWorkerThreadNameIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> strict().setWorkerThreadName(" "))
                .withMessage("workerThreadName must be non-blank, was: \" \"");
        assertThatIllegalArgumentException().isThrownBy(() -> compatible().setWorkerThreadName(""))
                .withMessage("workerThreadName must be non-blank, was: \"\"");
    }

    @Test
    void nullArgumentsAreRejectedByParameterName() {
        BatchOptions.Builder builder = strict();
        assertThatNullPointerException().isThrownBy(() -> builder.setScheduleDelay(1, null)).withMessage("unit");
        assertThatNullPointerException().isThrownBy(() -> builder.setScheduleDelay(null)).withMessage("delay");
        assertThatNullPointerException().isThrownBy(() -> builder.setExporterTimeout(1, null)).withMessage("unit");
        assertThatNullPointerException().isThrownBy(() -> builder.setExporterTimeout(null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> builder.setMaxBlockTime(1, null)).withMessage("unit");
        assertThatNullPointerException().isThrownBy(() -> builder.setMaxBlockTime(null))
                .withMessage("maxBlockTime");
        assertThatNullPointerException().isThrownBy(() -> builder.setFullQueuePolicy(null)).withMessage("policy");
        assertThatNullPointerException().isThrownBy(() -> builder.setWorkerThreadName(null)).withMessage("name");
        BatchOptions.Builder lenient = compatible();
        assertThatNullPointerException().isThrownBy(() -> lenient.setScheduleDelay(null)).withMessage("delay");
        assertThatNullPointerException().isThrownBy(() -> lenient.setExporterTimeout(1, null)).withMessage("unit");
    }

    @Test
    void rejectedValuesLeaveTheBuilderUnchanged() {
        BatchOptions.Builder builder = strict().setMaxQueueSize(4096);
        assertThatIllegalArgumentException().isThrownBy(() -> builder.setMaxQueueSize(0));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.setScheduleDelay(0, TimeUnit.SECONDS));

        BatchOptions options = builder.build();
        assertThat(options.maxQueueSize()).isEqualTo(4096);
        assertThat(options.scheduleDelayNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    }

    // ------------------------------------------------------------ OpenTelemetry-compatible rules

    @Test
    void compatibleRulesAcceptZeroButNotNegativeDurations() {
        assertThatIllegalArgumentException().isThrownBy(() -> compatible().setScheduleDelay(-1, TimeUnit.SECONDS))
                .withMessage("scheduleDelay must be >= 0, was: -1 SECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> compatible().setScheduleDelay(Duration.ofMillis(-5)))
                .withMessage("scheduleDelay must be >= 0, was: PT-0.005S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> compatible().setExporterTimeout(-2, TimeUnit.MILLISECONDS))
                .withMessage("exporterTimeout must be >= 0, was: -2 MILLISECONDS");
        assertThatIllegalArgumentException().isThrownBy(() -> compatible().setExporterTimeout(Duration.ofSeconds(-1)))
                .withMessage("exporterTimeout must be >= 0, was: PT-1S");
    }

    @Test
    void zeroExporterTimeoutMeansNoTimeout() {
        assertThat(compatible().setExporterTimeout(0, TimeUnit.SECONDS).build().exporterTimeoutNanos())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(compatible().setExporterTimeout(Duration.ZERO).build().exporterTimeoutNanos())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(compatible().setExporterTimeout(0, TimeUnit.SECONDS).build())
                .as("no timeout is the same as the longest timeout")
                .isEqualTo(strict().setExporterTimeout(Long.MAX_VALUE, TimeUnit.NANOSECONDS).build());
    }

    @Test
    void compatibleBuildLowersBatchSizeToQueueSizeWithAWarning() {
        try (LogCapture log = LogCapture.of(BatchOptions.class)) {
            BatchOptions options = compatible().setMaxQueueSize(10).setMaxExportBatchSize(50).build();

            assertThat(options.maxQueueSize()).isEqualTo(10);
            assertThat(options.maxExportBatchSize()).isEqualTo(10);
            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("should not exceed maxQueueSize");
                assertThat(record.getParameters()).containsExactly(50, 10);
            });
        }
    }

    @Test
    void compatibleBuildWithinTheQueueSizeLogsNothing() {
        try (LogCapture log = LogCapture.of(BatchOptions.class)) {
            assertThat(compatible().setMaxQueueSize(10).setMaxExportBatchSize(10).build().maxExportBatchSize())
                    .isEqualTo(10);
            assertThat(log.records).isEmpty();
        }
    }

    @Test
    void openTelemetryCompatibleAppliesToLaterSettersOnly() {
        BatchOptions.Builder builder = strict();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.setScheduleDelay(0, TimeUnit.SECONDS));

        builder.setScheduleDelay(3, TimeUnit.SECONDS).openTelemetryCompatible().setExporterTimeout(0, TimeUnit.SECONDS);

        BatchOptions options = builder.build();
        assertThat(options.scheduleDelayNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(options.exporterTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
    }

    // ------------------------------------------------------------ value semantics

    @Test
    void toBuilderCopiesEveryValueUnderStrictRules() {
        BatchOptions options = compatible().setMaxQueueSize(10).setMaxExportBatchSize(4)
                .setScheduleDelay(0, TimeUnit.SECONDS).setExporterTimeout(0, TimeUnit.SECONDS)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(3, TimeUnit.MILLISECONDS)
                .setWorkerThreadName("copied").build();

        BatchOptions.Builder copy = options.toBuilder();

        assertThat(copy.build()).isEqualTo(options).hasSameHashCodeAs(options);
        assertThatIllegalArgumentException().isThrownBy(() -> copy.setExporterTimeout(0, TimeUnit.SECONDS))
                .withMessage("exporterTimeout must be > 0, was: 0 SECONDS");
        assertThat(copy.setMaxQueueSize(20).build()).isNotEqualTo(options);
    }

    @Test
    void equalityCoversEveryOption() {
        BatchOptions base = BatchOptions.defaults();

        assertThat(base).isEqualTo(base).isNotEqualTo(null).isNotEqualTo("options");
        assertThat(base.toBuilder().setMaxQueueSize(4096).build()).isNotEqualTo(base);
        assertThat(base.toBuilder().setMaxExportBatchSize(100).build()).isNotEqualTo(base);
        assertThat(base.toBuilder().setScheduleDelay(1, TimeUnit.SECONDS).build()).isNotEqualTo(base);
        assertThat(base.toBuilder().setExporterTimeout(1, TimeUnit.SECONDS).build()).isNotEqualTo(base);
        assertThat(base.toBuilder().setFullQueuePolicy(FullQueuePolicy.BLOCK).build()).isNotEqualTo(base);
        assertThat(base.toBuilder().setMaxBlockTime(2, TimeUnit.SECONDS).build()).isNotEqualTo(base);
        assertThat(base.toBuilder().setWorkerThreadName("other").build()).isNotEqualTo(base);
    }

    @Test
    void toStringListsEveryOptionInNanoseconds() {
        assertThat(BatchOptions.defaults().toString()).isEqualTo("BatchOptions{maxQueueSize=2048,"
                + " maxExportBatchSize=512, scheduleDelayNanos=5000000000, exporterTimeoutNanos=30000000000,"
                + " fullQueuePolicy=DROP, maxBlockTimeNanos=1000000000, workerThreadName=lowalloc-batch-export}");
    }
}
