package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Configures and builds a {@link BoundedBatchSpanProcessor}. The batching options, their names and
 * defaults are those of OpenTelemetry's {@code BatchSpanProcessorBuilder}: {@link BatchOptions}
 * under its {@linkplain BatchOptions.Builder#openTelemetryCompatible() OpenTelemetry-compatible
 * rules}; their setters here forward to {@link BatchOptions.Builder}, which documents and
 * validates them. The worker thread is named {@value BoundedBatchSpanProcessor#WORKER_THREAD_NAME}.
 * Setters validate at once, naming the argument and its range, and return this builder. Not
 * thread-safe.
 */
public final class BoundedBatchSpanProcessorBuilder {

    private final SpanExporter spanExporter;
    private final BatchOptions.Builder options = BatchOptions.builder().openTelemetryCompatible()
            .setWorkerThreadName(BoundedBatchSpanProcessor.WORKER_THREAD_NAME);
    private boolean exportUnsampledSpans = BoundedBatchSpanProcessor.DEFAULT_EXPORT_UNSAMPLED_SPANS;
    private Supplier<MeterProvider> meterProvider = MeterProvider::noop;
    private String componentName; // null: generated at build time

    BoundedBatchSpanProcessorBuilder(SpanExporter spanExporter) {
        this.spanExporter = Objects.requireNonNull(spanExporter, "spanExporter");
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setMaxQueueSize(int)}: the exact maximum number of
     * spans waiting to be exported. When it is reached, further spans are dropped or wait (see
     * {@link #setFullQueuePolicy(FullQueuePolicy)}).
     *
     * @param maxQueueSize in {@code [1, BatchOptions.MAX_QUEUE_SIZE_LIMIT]}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setMaxQueueSize(int maxQueueSize) {
        options.setMaxQueueSize(maxQueueSize);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setMaxExportBatchSize(int)}: the most spans per
     * export call; above the queue size it is lowered to that by {@link #build()}, with a warning.
     *
     * @param maxExportBatchSize {@code >= 1}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setMaxExportBatchSize(int maxExportBatchSize) {
        options.setMaxExportBatchSize(maxExportBatchSize);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setScheduleDelay(long, TimeUnit)}.
     *
     * @param delay {@code >= 0}
     * @param unit the unit of {@code delay}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setScheduleDelay(long delay, TimeUnit unit) {
        options.setScheduleDelay(delay, unit);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setScheduleDelay(Duration)}.
     *
     * @param delay {@code >= 0}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setScheduleDelay(Duration delay) {
        options.setScheduleDelay(delay);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setExporterTimeout(long, TimeUnit)}: the limit is
     * enforced, an export without a result by then is abandoned.
     *
     * @param timeout {@code >= 0}; 0 means no timeout, as in OpenTelemetry
     * @param unit the unit of {@code timeout}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setExporterTimeout(long timeout, TimeUnit unit) {
        options.setExporterTimeout(timeout, unit);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setExporterTimeout(Duration)}.
     *
     * @param timeout {@code >= 0}; 0 means no timeout
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setExporterTimeout(Duration timeout) {
        options.setExporterTimeout(timeout);
        return this;
    }

    /**
     * Sets whether spans that are recorded but not sampled are exported too. Default
     * {@value BoundedBatchSpanProcessor#DEFAULT_EXPORT_UNSAMPLED_SPANS}.
     *
     * @param exportUnsampledSpans whether to export unsampled spans
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setExportUnsampledSpans(boolean exportUnsampledSpans) {
        this.exportUnsampledSpans = exportUnsampledSpans;
        return this;
    }

    /**
     * Sets the meter provider for the processor's own metrics (see
     * {@link BoundedBatchSpanProcessor}). Default: {@link MeterProvider#noop()}.
     *
     * @param meterProvider the provider
     * @return this builder
     * @throws NullPointerException if {@code meterProvider} is null
     */
    public BoundedBatchSpanProcessorBuilder setMeterProvider(MeterProvider meterProvider) {
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
    public BoundedBatchSpanProcessorBuilder setMeterProvider(Supplier<MeterProvider> meterProvider) {
        this.meterProvider = Objects.requireNonNull(meterProvider, "meterProvider");
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setFullQueuePolicy(FullQueuePolicy)}: what
     * {@code onEnd} does when the queue is full, {@link FullQueuePolicy#DROP} the span (the only
     * behaviour of OpenTelemetry's processor) or {@link FullQueuePolicy#BLOCK} the ending thread.
     *
     * @param policy the policy
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setFullQueuePolicy(FullQueuePolicy policy) {
        options.setFullQueuePolicy(policy);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setMaxBlockTime(long, TimeUnit)}.
     *
     * @param maxBlockTime {@code > 0}
     * @param unit the unit of {@code maxBlockTime}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setMaxBlockTime(long maxBlockTime, TimeUnit unit) {
        options.setMaxBlockTime(maxBlockTime, unit);
        return this;
    }

    /**
     * Forwards to {@link BatchOptions.Builder#setMaxBlockTime(Duration)}.
     *
     * @param maxBlockTime {@code > 0}
     * @return this builder
     */
    public BoundedBatchSpanProcessorBuilder setMaxBlockTime(Duration maxBlockTime) {
        options.setMaxBlockTime(maxBlockTime);
        return this;
    }

    /**
     * Sets the {@code otel.component.name} attribute of the processor's metrics. Default
     * {@code "batching_span_processor/bounded-<n>"}, {@code n} counting instances from 0.
     *
     * @param componentName a non-blank name
     * @return this builder
     * @throws IllegalArgumentException if {@code componentName} is blank
     * @throws NullPointerException if {@code componentName} is null
     */
    public BoundedBatchSpanProcessorBuilder setComponentName(String componentName) {
        Objects.requireNonNull(componentName, "componentName");
        if (componentName.isBlank()) {
            throw new IllegalArgumentException("componentName must be non-blank, was: \"" + componentName + "\"");
        }
        this.componentName = componentName;
        return this;
    }

    /**
     * Builds the batching options ({@link BatchOptions.Builder#build()}: a
     * {@code maxExportBatchSize} above {@code maxQueueSize} is lowered to it with a warning, as
     * OpenTelemetry does), then the processor, and starts its worker thread.
     *
     * @return a new processor
     */
    public BoundedBatchSpanProcessor build() {
        return new BoundedBatchSpanProcessor(this, options.build());
    }

    // ------------------------------------------------------------ read by the processor and tests

    /** The batching options builder, for {@code otel.bsp.*} settings. */
    BatchOptions.Builder batchOptionsBuilder() {
        return options;
    }

    /** The batching options as {@link #build()} would build them. */
    BatchOptions batchOptions() {
        return options.build();
    }

    SpanExporter spanExporter() {
        return spanExporter;
    }

    boolean exportUnsampledSpans() {
        return exportUnsampledSpans;
    }

    Supplier<MeterProvider> meterProvider() {
        return meterProvider;
    }

    String componentName() {
        return componentName;
    }
}
