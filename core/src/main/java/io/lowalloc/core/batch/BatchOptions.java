package io.lowalloc.core.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The batching options of every entry point that batches ({@link BatchBuffer}, the span recorder,
 * the OpenTelemetry pipeline and span processor): the options, names and defaults of
 * OpenTelemetry's {@code BatchSpanProcessorBuilder}, plus the full-queue policy, its block time
 * and the worker thread's name.
 *
 * <h2>Rules</h2>
 * A {@link #builder()} validates strictly; {@link Builder#openTelemetryCompatible()} switches it to
 * the rules of OpenTelemetry's {@code BatchSpanProcessorBuilder}:
 * <table>
 *   <caption>Accepted values</caption>
 *   <tr><th>option</th><th>strict</th><th>OpenTelemetry-compatible</th></tr>
 *   <tr><td>{@code maxQueueSize}</td><td colspan="2">{@code [1, MAX_QUEUE_SIZE_LIMIT]}</td></tr>
 *   <tr><td>{@code maxExportBatchSize}</td><td>{@code [1, maxQueueSize]}; above,
 *       {@link Builder#build()} throws</td><td>{@code >= 1}; above {@code maxQueueSize},
 *       {@link Builder#build()} lowers it to {@code maxQueueSize} and logs a warning</td></tr>
 *   <tr><td>{@code scheduleDelay}</td><td>{@code > 0}</td><td>{@code >= 0}</td></tr>
 *   <tr><td>{@code exporterTimeout}</td><td>{@code > 0}</td><td>{@code >= 0}; 0 means no timeout</td></tr>
 *   <tr><td>{@code maxBlockTime}</td><td colspan="2">{@code > 0}</td></tr>
 *   <tr><td>{@code workerThreadName}</td><td colspan="2">non-blank</td></tr>
 * </table>
 * Under both rules a schedule delay below {@link #MIN_SCHEDULE_DELAY_NANOS} is raised to it, and
 * durations convert to nanoseconds saturating at {@link Long#MAX_VALUE} (292 years, that is
 * never). An exporter timeout of {@link Long#MAX_VALUE} nanoseconds means no timeout: the worker
 * waits for every export's result.
 *
 * <p>Instances are immutable and thread-safe, and always satisfy the strict rules; the builder
 * is not thread-safe.
 */
public final class BatchOptions {

    /** Default {@code maxQueueSize}: {@value}, as in OpenTelemetry. */
    public static final int DEFAULT_MAX_QUEUE_SIZE = 2048;
    /** Default {@code maxExportBatchSize}: {@value}, as in OpenTelemetry. */
    public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
    /** Default {@code scheduleDelay}: {@value} milliseconds, as in OpenTelemetry. */
    public static final long DEFAULT_SCHEDULE_DELAY_MILLIS = 5_000L;
    /** Default {@code exporterTimeout}: {@value} milliseconds, as in OpenTelemetry. */
    public static final long DEFAULT_EXPORTER_TIMEOUT_MILLIS = 30_000L;
    /** Default full-queue policy: {@link FullQueuePolicy#DROP}, as in OpenTelemetry. */
    public static final FullQueuePolicy DEFAULT_FULL_QUEUE_POLICY = FullQueuePolicy.DROP;
    /** Default {@code maxBlockTime} under {@link FullQueuePolicy#BLOCK}: {@value} milliseconds. */
    public static final long DEFAULT_MAX_BLOCK_TIME_MILLIS = 1_000L;
    /** Default worker thread name: {@value}. */
    public static final String DEFAULT_WORKER_THREAD_NAME = "lowalloc-batch-export";
    /** Largest accepted {@code maxQueueSize}: {@value} (2^24). */
    public static final int MAX_QUEUE_SIZE_LIMIT = 1 << 24;
    /** Shortest schedule delay: {@value} ns (1 ms); shorter delays are raised to it. */
    public static final long MIN_SCHEDULE_DELAY_NANOS = 1_000_000L;

    private static final Logger LOGGER = Logger.getLogger(BatchOptions.class.getName());
    private static final BatchOptions DEFAULTS = builder().build();

    private final int maxQueueSize;
    private final int maxExportBatchSize;
    private final long scheduleDelayNanos;
    private final long exporterTimeoutNanos;
    private final FullQueuePolicy fullQueuePolicy;
    private final long maxBlockTimeNanos;
    private final String workerThreadName;

    private BatchOptions(Builder builder, int maxExportBatchSize) {
        this.maxQueueSize = builder.maxQueueSize;
        this.maxExportBatchSize = maxExportBatchSize;
        this.scheduleDelayNanos = builder.scheduleDelayNanos;
        this.exporterTimeoutNanos = builder.exporterTimeoutNanos;
        this.fullQueuePolicy = builder.fullQueuePolicy;
        this.maxBlockTimeNanos = builder.maxBlockTimeNanos;
        this.workerThreadName = builder.workerThreadName;
    }

    /**
     * Returns the options with every default quoted in the {@code DEFAULT_*} constants.
     *
     * @return the default options
     */
    public static BatchOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder with the strict rules and the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder with the strict rules and these options' values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        // Every value already satisfies the strict rules, so the setters accept them unchanged.
        return builder().setMaxQueueSize(maxQueueSize).setMaxExportBatchSize(maxExportBatchSize)
                .setScheduleDelay(scheduleDelayNanos, TimeUnit.NANOSECONDS)
                .setExporterTimeout(exporterTimeoutNanos, TimeUnit.NANOSECONDS)
                .setFullQueuePolicy(fullQueuePolicy).setMaxBlockTime(maxBlockTimeNanos, TimeUnit.NANOSECONDS)
                .setWorkerThreadName(workerThreadName);
    }

    /**
     * Returns the exact maximum number of items waiting in the queue, not counting the batch
     * being exported.
     *
     * @return in {@code [1, MAX_QUEUE_SIZE_LIMIT]}
     */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /**
     * Returns the most items per export call.
     *
     * @return in {@code [1, maxQueueSize]}
     */
    public int maxExportBatchSize() {
        return maxExportBatchSize;
    }

    /**
     * Returns how long the oldest waiting item may wait before a partial batch is exported; an
     * idle worker also looks for items once per delay.
     *
     * @return nanoseconds, {@code >= MIN_SCHEDULE_DELAY_NANOS}
     */
    public long scheduleDelayNanos() {
        return scheduleDelayNanos;
    }

    /**
     * Returns how long the worker waits for one export's result before it abandons the batch,
     * whether the exporter's call blocks or returns without a result; it bounds the exporter's
     * flush and shutdown too.
     *
     * @return nanoseconds, {@code > 0}; {@link Long#MAX_VALUE} means no timeout
     */
    public long exporterTimeoutNanos() {
        return exporterTimeoutNanos;
    }

    /**
     * Returns what an offer does when the queue is full.
     *
     * @return the policy
     */
    public FullQueuePolicy fullQueuePolicy() {
        return fullQueuePolicy;
    }

    /**
     * Returns how long an offer waits for space under {@link FullQueuePolicy#BLOCK}.
     *
     * @return nanoseconds, {@code > 0}
     */
    public long maxBlockTimeNanos() {
        return maxBlockTimeNanos;
    }

    /**
     * Returns the worker thread's name.
     *
     * @return a non-blank name
     */
    public String workerThreadName() {
        return workerThreadName;
    }

    /**
     * Compares every option.
     *
     * @param other the object to compare with
     * @return true if {@code other} is a {@code BatchOptions} with the same values
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof BatchOptions o
                && maxQueueSize == o.maxQueueSize
                && maxExportBatchSize == o.maxExportBatchSize
                && scheduleDelayNanos == o.scheduleDelayNanos
                && exporterTimeoutNanos == o.exporterTimeoutNanos
                && fullQueuePolicy == o.fullQueuePolicy
                && maxBlockTimeNanos == o.maxBlockTimeNanos
                && workerThreadName.equals(o.workerThreadName);
    }

    /**
     * Hashes every option.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(maxQueueSize, maxExportBatchSize, scheduleDelayNanos, exporterTimeoutNanos,
                fullQueuePolicy, maxBlockTimeNanos, workerThreadName);
    }

    /**
     * Lists every option, durations in nanoseconds. Allocates.
     *
     * @return a human-readable form
     */
    @Override
    public String toString() {
        return "BatchOptions{maxQueueSize=" + maxQueueSize
                + ", maxExportBatchSize=" + maxExportBatchSize
                + ", scheduleDelayNanos=" + scheduleDelayNanos
                + ", exporterTimeoutNanos=" + exporterTimeoutNanos
                + ", fullQueuePolicy=" + fullQueuePolicy
                + ", maxBlockTimeNanos=" + maxBlockTimeNanos
                + ", workerThreadName=" + workerThreadName + '}';
    }

    /**
     * Configures and builds {@link BatchOptions}; setters validate at once, under the rules in
     * force when they are called (see {@link BatchOptions}), and return this. Not thread-safe.
     */
    public static final class Builder {

        private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
        private int maxExportBatchSize = DEFAULT_MAX_EXPORT_BATCH_SIZE;
        private long scheduleDelayNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_SCHEDULE_DELAY_MILLIS);
        private long exporterTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_EXPORTER_TIMEOUT_MILLIS);
        private FullQueuePolicy fullQueuePolicy = DEFAULT_FULL_QUEUE_POLICY;
        private long maxBlockTimeNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_MAX_BLOCK_TIME_MILLIS);
        private String workerThreadName = DEFAULT_WORKER_THREAD_NAME;
        private boolean openTelemetryCompatible;

        private Builder() {
        }

        /**
         * Switches this builder to the rules of OpenTelemetry's {@code BatchSpanProcessorBuilder}
         * for the setters called from now on and for {@link #build()}: a schedule delay of 0 is
         * accepted (and raised to {@link BatchOptions#MIN_SCHEDULE_DELAY_NANOS}), an exporter
         * timeout of 0 is accepted and means no timeout, and a batch size above the queue size is
         * lowered to the queue size with a warning. Values set before keep their meaning (the
         * strict rules accept a subset). Irreversible.
         *
         * @return this
         */
        public Builder openTelemetryCompatible() {
            this.openTelemetryCompatible = true;
            return this;
        }

        /**
         * Sets the exact maximum number of items waiting in the queue, not counting the batch
         * being exported. Default {@value BatchOptions#DEFAULT_MAX_QUEUE_SIZE}.
         *
         * @param maxQueueSize in {@code [1, MAX_QUEUE_SIZE_LIMIT]}
         * @return this
         * @throws IllegalArgumentException if out of range
         */
        public Builder setMaxQueueSize(int maxQueueSize) {
            if (maxQueueSize < 1 || maxQueueSize > MAX_QUEUE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxQueueSize must be in [1, " + MAX_QUEUE_SIZE_LIMIT
                        + "], was: " + maxQueueSize);
            }
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        /**
         * Sets the most items per export call; compared with {@code maxQueueSize} by
         * {@link #build()}. Default {@value BatchOptions#DEFAULT_MAX_EXPORT_BATCH_SIZE}.
         *
         * @param maxExportBatchSize {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if {@code maxExportBatchSize < 1}
         */
        public Builder setMaxExportBatchSize(int maxExportBatchSize) {
            if (maxExportBatchSize < 1) {
                throw new IllegalArgumentException("maxExportBatchSize must be >= 1, was: " + maxExportBatchSize);
            }
            this.maxExportBatchSize = maxExportBatchSize;
            return this;
        }

        /**
         * Sets how long the oldest waiting item may wait before a partial batch is exported;
         * below {@link BatchOptions#MIN_SCHEDULE_DELAY_NANOS} it is raised to that. Default
         * {@value BatchOptions#DEFAULT_SCHEDULE_DELAY_MILLIS} ms.
         *
         * @param delay {@code > 0}; {@code >= 0} if OpenTelemetry-compatible
         * @param unit the unit of {@code delay}
         * @return this
         * @throws IllegalArgumentException if {@code delay} is out of range
         * @throws NullPointerException if {@code unit} is null
         */
        public Builder setScheduleDelay(long delay, TimeUnit unit) {
            return scheduleDelayNanos(nanos("scheduleDelay", delay, unit));
        }

        /**
         * Sets how long the oldest waiting item may wait before a partial batch is exported; see
         * {@link #setScheduleDelay(long, TimeUnit)}.
         *
         * @param delay {@code > 0}; {@code >= 0} if OpenTelemetry-compatible
         * @return this
         * @throws IllegalArgumentException if {@code delay} is out of range
         * @throws NullPointerException if {@code delay} is null
         */
        public Builder setScheduleDelay(Duration delay) {
            return scheduleDelayNanos(nanos("scheduleDelay", "delay", delay));
        }

        private Builder scheduleDelayNanos(long nanos) {
            // A shorter delay would wake an idle worker continuously for no benefit.
            this.scheduleDelayNanos = Math.max(nanos, MIN_SCHEDULE_DELAY_NANOS);
            return this;
        }

        /**
         * Sets how long the worker waits for one export's result before it abandons the batch
         * (counted, left to the exporter, never reused), whether the exporter's call blocks or
         * returns without a result; it bounds the exporter's flush and shutdown too. Default
         * {@value BatchOptions#DEFAULT_EXPORTER_TIMEOUT_MILLIS} ms.
         *
         * @param timeout {@code > 0}; {@code >= 0} if OpenTelemetry-compatible, where 0 means no
         *     timeout
         * @param unit the unit of {@code timeout}
         * @return this
         * @throws IllegalArgumentException if {@code timeout} is out of range
         * @throws NullPointerException if {@code unit} is null
         */
        public Builder setExporterTimeout(long timeout, TimeUnit unit) {
            return exporterTimeoutNanos(nanos("exporterTimeout", timeout, unit));
        }

        /**
         * Sets how long the worker waits for one export's result; see
         * {@link #setExporterTimeout(long, TimeUnit)}.
         *
         * @param timeout {@code > 0}; {@code >= 0} if OpenTelemetry-compatible, where 0 means no
         *     timeout
         * @return this
         * @throws IllegalArgumentException if {@code timeout} is out of range
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder setExporterTimeout(Duration timeout) {
            return exporterTimeoutNanos(nanos("exporterTimeout", "timeout", timeout));
        }

        private Builder exporterTimeoutNanos(long nanos) {
            this.exporterTimeoutNanos = nanos == 0 ? Long.MAX_VALUE : nanos;
            return this;
        }

        /**
         * Sets what an offer does when the queue is full. Default {@link FullQueuePolicy#DROP}.
         *
         * @param policy the policy
         * @return this
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder setFullQueuePolicy(FullQueuePolicy policy) {
            this.fullQueuePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets how long an offer waits for space under {@link FullQueuePolicy#BLOCK}; ignored
         * under {@link FullQueuePolicy#DROP}. Default
         * {@value BatchOptions#DEFAULT_MAX_BLOCK_TIME_MILLIS} ms.
         *
         * @param maxBlockTime {@code > 0}
         * @param unit the unit of {@code maxBlockTime}
         * @return this
         * @throws IllegalArgumentException if {@code maxBlockTime <= 0}
         * @throws NullPointerException if {@code unit} is null
         */
        public Builder setMaxBlockTime(long maxBlockTime, TimeUnit unit) {
            this.maxBlockTimeNanos = checkedNanos("maxBlockTime", maxBlockTime, unit, false);
            return this;
        }

        /**
         * Sets how long an offer waits for space under {@link FullQueuePolicy#BLOCK}.
         *
         * @param maxBlockTime {@code > 0}
         * @return this
         * @throws IllegalArgumentException if {@code maxBlockTime} is zero or negative
         * @throws NullPointerException if {@code maxBlockTime} is null
         */
        public Builder setMaxBlockTime(Duration maxBlockTime) {
            this.maxBlockTimeNanos = checkedNanos("maxBlockTime", "maxBlockTime", maxBlockTime, false);
            return this;
        }

        /**
         * Sets the worker thread's name. Default {@value BatchOptions#DEFAULT_WORKER_THREAD_NAME}.
         *
         * @param name a non-blank name
         * @return this
         * @throws IllegalArgumentException if {@code name} is blank
         * @throws NullPointerException if {@code name} is null
         */
        public Builder setWorkerThreadName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("workerThreadName must be non-blank, was: \"" + name + "\"");
            }
            this.workerThreadName = name;
            return this;
        }

        /**
         * Builds the options. Under the strict rules a {@code maxExportBatchSize} above
         * {@code maxQueueSize} is rejected; under the OpenTelemetry-compatible rules it is
         * lowered to {@code maxQueueSize} and a warning is logged.
         *
         * @return the options
         * @throws IllegalArgumentException if strict and {@code maxExportBatchSize > maxQueueSize}
         */
        public BatchOptions build() {
            if (maxExportBatchSize <= maxQueueSize) {
                return new BatchOptions(this, maxExportBatchSize);
            }
            if (!openTelemetryCompatible) {
                throw new IllegalArgumentException("maxExportBatchSize must be in [1, maxQueueSize="
                        + maxQueueSize + "], was: " + maxExportBatchSize);
            }
            LOGGER.log(Level.WARNING, "maxExportBatchSize ({0}) should not exceed maxQueueSize ({1});"
                    + " using maxExportBatchSize = {1}", new Object[] {maxExportBatchSize, maxQueueSize});
            return new BatchOptions(this, maxQueueSize);
        }

        /** Zero is allowed only under the OpenTelemetry-compatible rules. */
        private long nanos(String option, long amount, TimeUnit unit) {
            return checkedNanos(option, amount, unit, openTelemetryCompatible);
        }

        private long nanos(String option, String parameter, Duration duration) {
            return checkedNanos(option, parameter, duration, openTelemetryCompatible);
        }

        private static long checkedNanos(String option, long amount, TimeUnit unit, boolean zeroAllowed) {
            Objects.requireNonNull(unit, "unit");
            if (amount < 0 || amount == 0 && !zeroAllowed) {
                throw new IllegalArgumentException(option + mustBe(zeroAllowed) + amount + " " + unit);
            }
            return unit.toNanos(amount); // saturates at Long.MAX_VALUE
        }

        private static long checkedNanos(String option, String parameter, Duration duration, boolean zeroAllowed) {
            Objects.requireNonNull(duration, parameter);
            if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
                // Reported in the Duration's own form, e.g. PT-1S.
                throw new IllegalArgumentException(option + mustBe(zeroAllowed) + duration);
            }
            return saturatedNanos(duration);
        }

        private static String mustBe(boolean zeroAllowed) {
            return zeroAllowed ? " must be >= 0, was: " : " must be > 0, was: ";
        }

        private static long saturatedNanos(Duration duration) {
            return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
        }
    }
}
