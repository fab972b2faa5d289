package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Configures and builds a {@link PooledBatchSpanProcessor}. The options and defaults of
 * OpenTelemetry's {@code BatchSpanProcessorBuilder} carry over unchanged, including its
 * treatment of zero and of a batch size above the queue size; the options after
 * {@link #setMeterProvider(Supplier)} are additions. Setters validate at once, naming the
 * argument and its range, and return this builder. Not thread-safe.
 */
public final class PooledBatchSpanProcessorBuilder {

    private static final Logger LOGGER = Logger.getLogger(PooledBatchSpanProcessorBuilder.class.getName());

    private final SpanExporter spanExporter;
    private int maxQueueSize = PooledBatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE;
    private int maxExportBatchSize = PooledBatchSpanProcessor.DEFAULT_MAX_EXPORT_BATCH_SIZE;
    private long scheduleDelayNanos =
            TimeUnit.MILLISECONDS.toNanos(PooledBatchSpanProcessor.DEFAULT_SCHEDULE_DELAY_MILLIS);
    private long exporterTimeoutNanos =
            TimeUnit.MILLISECONDS.toNanos(PooledBatchSpanProcessor.DEFAULT_EXPORTER_TIMEOUT_MILLIS);
    private boolean exportUnsampledSpans = PooledBatchSpanProcessor.DEFAULT_EXPORT_UNSAMPLED_SPANS;
    private Supplier<MeterProvider> meterProvider = MeterProvider::noop;
    private FullQueuePolicy fullQueuePolicy = BatchBuffer.DEFAULT_FULL_QUEUE_POLICY;
    private long maxBlockTimeNanos = TimeUnit.MILLISECONDS.toNanos(BatchBuffer.DEFAULT_MAX_BLOCK_TIME_MILLIS);
    private SpanLimits spanLimits = SpanLimits.defaults();
    private int poolCapacity; // 0: derived from the queue and batch sizes at build time
    private boolean copyMode = PooledBatchSpanProcessor.DEFAULT_COPY_MODE;
    private Resource resource; // null: taken from the first span
    private String componentName; // null: generated at build time

    PooledBatchSpanProcessorBuilder(SpanExporter spanExporter) {
        this.spanExporter = Objects.requireNonNull(spanExporter, "spanExporter");
    }

    /**
     * Sets the exact maximum number of spans waiting to be exported, not counting the batch being
     * exported. When it is reached, further spans are dropped or wait (see
     * {@link #setFullQueuePolicy(FullQueuePolicy)}). Default
     * {@value PooledBatchSpanProcessor#DEFAULT_MAX_QUEUE_SIZE}.
     *
     * @param maxQueueSize in {@code [1, 16777216]} ({@link BatchBuffer#MAX_QUEUE_SIZE_LIMIT})
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public PooledBatchSpanProcessorBuilder setMaxQueueSize(int maxQueueSize) {
        if (maxQueueSize < 1 || maxQueueSize > BatchBuffer.MAX_QUEUE_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxQueueSize must be in [1, " + BatchBuffer.MAX_QUEUE_SIZE_LIMIT
                    + "], was: " + maxQueueSize);
        }
        this.maxQueueSize = maxQueueSize;
        return this;
    }

    /**
     * Sets the most spans per export call. As in OpenTelemetry, a value above the queue size is
     * lowered to the queue size by {@link #build()}, with a warning. Default
     * {@value PooledBatchSpanProcessor#DEFAULT_MAX_EXPORT_BATCH_SIZE}.
     *
     * @param maxExportBatchSize {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxExportBatchSize < 1}
     */
    public PooledBatchSpanProcessorBuilder setMaxExportBatchSize(int maxExportBatchSize) {
        if (maxExportBatchSize < 1) {
            throw new IllegalArgumentException("maxExportBatchSize must be >= 1, was: " + maxExportBatchSize);
        }
        this.maxExportBatchSize = maxExportBatchSize;
        return this;
    }

    /**
     * Sets how long the oldest waiting span may wait before a partial batch is exported. Zero, which
     * OpenTelemetry accepts, means "as soon as possible" and is raised to
     * {@link PooledBatchSpanProcessor#MIN_SCHEDULE_DELAY_NANOS} so that an idle worker does not
     * spin. Default {@value PooledBatchSpanProcessor#DEFAULT_SCHEDULE_DELAY_MILLIS} ms.
     *
     * @param delay {@code >= 0}
     * @param unit the unit of {@code delay}
     * @return this builder
     * @throws IllegalArgumentException if {@code delay < 0}
     * @throws NullPointerException if {@code unit} is null
     */
    public PooledBatchSpanProcessorBuilder setScheduleDelay(long delay, TimeUnit unit) {
        long nanos = nonNegativeNanos("scheduleDelay", delay, unit);
        this.scheduleDelayNanos = Math.max(nanos, PooledBatchSpanProcessor.MIN_SCHEDULE_DELAY_NANOS);
        return this;
    }

    /**
     * Sets how long the oldest waiting span may wait before a partial batch is exported; see
     * {@link #setScheduleDelay(long, TimeUnit)}.
     *
     * @param delay {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws NullPointerException if {@code delay} is null
     */
    public PooledBatchSpanProcessorBuilder setScheduleDelay(Duration delay) {
        return setScheduleDelay(saturatedNanos("delay", "scheduleDelay", delay), TimeUnit.NANOSECONDS);
    }

    /**
     * Sets how long one export may take. The limit is enforced: if the exporter has not reported a
     * result by then, its spans are abandoned (counted, left to the exporter and the garbage
     * collector, never reused) and the next batch goes out. Zero means no limit, as in
     * OpenTelemetry. Default {@value PooledBatchSpanProcessor#DEFAULT_EXPORTER_TIMEOUT_MILLIS} ms.
     *
     * @param timeout {@code >= 0}
     * @param unit the unit of {@code timeout}
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws NullPointerException if {@code unit} is null
     */
    public PooledBatchSpanProcessorBuilder setExporterTimeout(long timeout, TimeUnit unit) {
        long nanos = nonNegativeNanos("exporterTimeout", timeout, unit);
        this.exporterTimeoutNanos = nanos == 0 ? Long.MAX_VALUE : nanos;
        return this;
    }

    /**
     * Sets how long one export may take; see {@link #setExporterTimeout(long, TimeUnit)}.
     *
     * @param timeout {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public PooledBatchSpanProcessorBuilder setExporterTimeout(Duration timeout) {
        return setExporterTimeout(saturatedNanos("timeout", "exporterTimeout", timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Sets whether spans that are recorded but not sampled are exported too. Default
     * {@value PooledBatchSpanProcessor#DEFAULT_EXPORT_UNSAMPLED_SPANS}.
     *
     * @param exportUnsampledSpans whether to export unsampled spans
     * @return this builder
     */
    public PooledBatchSpanProcessorBuilder setExportUnsampledSpans(boolean exportUnsampledSpans) {
        this.exportUnsampledSpans = exportUnsampledSpans;
        return this;
    }

    /**
     * Sets the meter provider for the processor's own metrics (see
     * {@link PooledBatchSpanProcessor}). Default: {@link MeterProvider#noop()}.
     *
     * @param meterProvider the provider
     * @return this builder
     * @throws NullPointerException if {@code meterProvider} is null
     */
    public PooledBatchSpanProcessorBuilder setMeterProvider(MeterProvider meterProvider) {
        Objects.requireNonNull(meterProvider, "meterProvider");
        this.meterProvider = () -> meterProvider;
        return this;
    }

    /**
     * Sets a supplier of the meter provider, asked when the processor first records a metric (so a
     * global provider installed later is picked up).
     *
     * @param meterProvider supplies the provider
     * @return this builder
     * @throws NullPointerException if {@code meterProvider} is null
     */
    public PooledBatchSpanProcessorBuilder setMeterProvider(Supplier<MeterProvider> meterProvider) {
        this.meterProvider = Objects.requireNonNull(meterProvider, "meterProvider");
        return this;
    }

    /**
     * Sets what {@code onEnd} does when the queue is full: {@link FullQueuePolicy#DROP} the span
     * (counted; the only behaviour of OpenTelemetry's processor) or {@link FullQueuePolicy#BLOCK}
     * the ending thread up to {@link #setMaxBlockTime(long, TimeUnit) maxBlockTime} for space.
     * Default {@link FullQueuePolicy#DROP}.
     *
     * @param policy the policy
     * @return this builder
     * @throws NullPointerException if {@code policy} is null
     */
    public PooledBatchSpanProcessorBuilder setFullQueuePolicy(FullQueuePolicy policy) {
        this.fullQueuePolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Sets how long {@code onEnd} waits for space under {@link FullQueuePolicy#BLOCK}; ignored
     * under {@link FullQueuePolicy#DROP}. Default {@value BatchBuffer#DEFAULT_MAX_BLOCK_TIME_MILLIS} ms.
     *
     * @param maxBlockTime {@code > 0}
     * @param unit the unit of {@code maxBlockTime}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBlockTime <= 0}
     * @throws NullPointerException if {@code unit} is null
     */
    public PooledBatchSpanProcessorBuilder setMaxBlockTime(long maxBlockTime, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (maxBlockTime <= 0) {
            throw new IllegalArgumentException("maxBlockTime must be > 0, was: " + maxBlockTime + " " + unit);
        }
        this.maxBlockTimeNanos = unit.toNanos(maxBlockTime);
        return this;
    }

    /**
     * Sets how long {@code onEnd} waits for space under {@link FullQueuePolicy#BLOCK}.
     *
     * @param maxBlockTime {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBlockTime} is zero or negative
     * @throws NullPointerException if {@code maxBlockTime} is null
     */
    public PooledBatchSpanProcessorBuilder setMaxBlockTime(Duration maxBlockTime) {
        Objects.requireNonNull(maxBlockTime, "maxBlockTime");
        if (maxBlockTime.isNegative() || maxBlockTime.isZero()) {
            throw new IllegalArgumentException("maxBlockTime must be > 0, was: " + maxBlockTime);
        }
        return setMaxBlockTime(saturatedNanos("maxBlockTime", "maxBlockTime", maxBlockTime), TimeUnit.NANOSECONDS);
    }

    /**
     * Sets the storage limits of the pooled spans the processor copies ended spans into. To carry
     * OpenTelemetry's dropped counts exactly, each limit should be at most the tracer provider's
     * matching {@code SpanLimits} value; the defaults ({@link SpanLimits#defaults()}) equal
     * OpenTelemetry's defaults. Default {@link SpanLimits#defaults()}.
     *
     * @param spanLimits the limits
     * @return this builder
     * @throws NullPointerException if {@code spanLimits} is null
     */
    public PooledBatchSpanProcessorBuilder setSpanLimits(SpanLimits spanLimits) {
        this.spanLimits = Objects.requireNonNull(spanLimits, "spanLimits");
        return this;
    }

    /**
     * Sets how many idle pooled spans are kept. Spans are created on demand and the pool never
     * refuses one; a capacity below the number of spans in flight only means that some are left to
     * the garbage collector instead of reused. Default: {@code maxQueueSize + maxExportBatchSize}
     * (everything that can be queued or exporting at once).
     *
     * @param poolCapacity in {@code [1, ObjectPool.MAX_CAPACITY]}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public PooledBatchSpanProcessorBuilder setPoolCapacity(int poolCapacity) {
        if (poolCapacity < 1 || poolCapacity > ObjectPool.MAX_CAPACITY) {
            throw new IllegalArgumentException("poolCapacity must be in [1, " + ObjectPool.MAX_CAPACITY
                    + "], was: " + poolCapacity);
        }
        this.poolCapacity = poolCapacity;
        return this;
    }

    /**
     * Sets whether the exporter receives immutable copies of the spans instead of reusable views.
     * Turn it on for exporters that keep references past their export call (for example
     * {@code InMemorySpanExporter}); copies allocate. Default
     * {@value PooledBatchSpanProcessor#DEFAULT_COPY_MODE}.
     *
     * @param copyMode whether to hand copies to the exporter
     * @return this builder
     */
    public PooledBatchSpanProcessorBuilder setCopyMode(boolean copyMode) {
        this.copyMode = copyMode;
        return this;
    }

    /**
     * Sets the resource reported with every exported span. Default: the resource of the first span
     * the processor receives, that is the tracer provider's resource (one processor instance serves
     * one tracer provider).
     *
     * @param resource the resource
     * @return this builder
     * @throws NullPointerException if {@code resource} is null
     */
    public PooledBatchSpanProcessorBuilder setResource(Resource resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
        return this;
    }

    /**
     * Sets the {@code otel.component.name} attribute of the processor's metrics. Default
     * {@code "pooled_batching_span_processor/<n>"}, {@code n} counting instances from 0.
     *
     * @param componentName a non-blank name
     * @return this builder
     * @throws IllegalArgumentException if {@code componentName} is blank
     * @throws NullPointerException if {@code componentName} is null
     */
    public PooledBatchSpanProcessorBuilder setComponentName(String componentName) {
        Objects.requireNonNull(componentName, "componentName");
        if (componentName.isBlank()) {
            throw new IllegalArgumentException("componentName must be non-blank, was: \"" + componentName + "\"");
        }
        this.componentName = componentName;
        return this;
    }

    /**
     * Builds the processor and starts its worker thread. A {@code maxExportBatchSize} above
     * {@code maxQueueSize} is lowered to {@code maxQueueSize} with a warning, as OpenTelemetry does.
     *
     * @return a new processor
     */
    public PooledBatchSpanProcessor build() {
        if (maxExportBatchSize > maxQueueSize) {
            LOGGER.log(Level.WARNING, "maxExportBatchSize ({0}) should not exceed maxQueueSize ({1});"
                    + " using maxExportBatchSize = {1}", new Object[] {maxExportBatchSize, maxQueueSize});
            maxExportBatchSize = maxQueueSize;
        }
        return new PooledBatchSpanProcessor(this);
    }

    // ------------------------------------------------------------ read by the processor

    SpanExporter spanExporter() {
        return spanExporter;
    }

    int maxQueueSize() {
        return maxQueueSize;
    }

    int maxExportBatchSize() {
        return maxExportBatchSize;
    }

    long scheduleDelayNanos() {
        return scheduleDelayNanos;
    }

    long exporterTimeoutNanos() {
        return exporterTimeoutNanos;
    }

    boolean exportUnsampledSpans() {
        return exportUnsampledSpans;
    }

    Supplier<MeterProvider> meterProvider() {
        return meterProvider;
    }

    FullQueuePolicy fullQueuePolicy() {
        return fullQueuePolicy;
    }

    long maxBlockTimeNanos() {
        return maxBlockTimeNanos;
    }

    SpanLimits spanLimits() {
        return spanLimits;
    }

    int poolCapacity() {
        if (poolCapacity != 0) {
            return poolCapacity;
        }
        return (int) Math.min(ObjectPool.MAX_CAPACITY, (long) maxQueueSize + maxExportBatchSize);
    }

    boolean copyMode() {
        return copyMode;
    }

    Resource resource() {
        return resource;
    }

    String componentName() {
        return componentName;
    }

    // ------------------------------------------------------------ validation

    private static long nonNegativeNanos(String name, long amount, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (amount < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was: " + amount + " " + unit);
        }
        // TimeUnit saturates at Long.MAX_VALUE ns (292 years): effectively "never".
        return unit.toNanos(amount);
    }

    private static long saturatedNanos(String parameter, String option, Duration duration) {
        Objects.requireNonNull(duration, parameter);
        if (duration.isNegative()) {
            // Reported in the Duration's own form, e.g. PT-1S.
            throw new IllegalArgumentException(option + " must be >= 0, was: " + duration);
        }
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }
}
