package io.lowalloc.otel.internal.processor;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The processor's own metrics, with the names, units, descriptions and attributes that
 * OpenTelemetry SDK 1.68 uses for its batching span processor under the semantic-convention
 * telemetry version ({@code otel.sdk.processor.span.*}, see the SDK's {@code SemConvConstants}).
 *
 * <p>Instruments are created on first use, so a meter-provider supplier may return a provider
 * installed after the processor was built. Every attribute set is made once, here; recording
 * allocates nothing of its own. Spans are counted per batch by the worker, and per drop only when
 * a drop happens, so the span hot path never touches a metric. Thread-safe.
 */
public final class ProcessorMetrics {

    static final String SCOPE_NAME = "io.lowalloc.otel";
    private static final Logger LOGGER = Logger.getLogger(ProcessorMetrics.class.getName());
    /** The {@code otel.component.type} of this processor. */
    public static final String COMPONENT_TYPE = "batching_span_processor";

    /** Name of the counter of processed spans. */
    public static final String PROCESSED_NAME = "otel.sdk.processor.span.processed";
    /** Name of the queue capacity gauge. */
    public static final String QUEUE_CAPACITY_NAME = "otel.sdk.processor.span.queue.capacity";
    /** Name of the queue size gauge. */
    public static final String QUEUE_SIZE_NAME = "otel.sdk.processor.span.queue.size";
    static final String UNIT = "{span}";

    /** The {@code otel.component.type} attribute key. */
    public static final AttributeKey<String> COMPONENT_TYPE_KEY = AttributeKey.stringKey("otel.component.type");
    static final AttributeKey<String> COMPONENT_NAME_KEY = AttributeKey.stringKey("otel.component.name");
    static final AttributeKey<String> ERROR_TYPE_KEY = AttributeKey.stringKey("error.type");

    /** {@code error.type} of spans dropped because the queue was full (as in the SDK). */
    static final String QUEUE_FULL = "queue_full";
    /** {@code error.type} of spans ended after shutdown (as in the SDK). */
    static final String ALREADY_SHUTDOWN = "already_shutdown";
    /** {@code error.type} of spans dropped because the ending thread was interrupted while it waited. */
    static final String INTERRUPTED = "interrupted";
    /** {@code error.type} of spans whose {@code toSpanData()} failed. */
    static final String INVALID_SPAN = "invalid_span";

    private final Supplier<MeterProvider> meterProvider;
    private final long capacity;
    private final LongSupplier queueSize;
    private final Attributes standard;
    private final Attributes queueFull;
    private final Attributes alreadyShutdown;
    private final Attributes interrupted;
    private final Attributes invalidSpan;
    private final Object lock = new Object();
    private volatile LongCounter processed;

    /**
     * Creates the metrics; instruments are registered on first use.
     * 
     * @param meterProvider supplies the meter provider, asked once
     * @param componentName the {@code otel.component.name}
     * @param capacity the queue capacity reported by the gauge
     * @param queueSize reads the current queue size
     */
    public ProcessorMetrics(Supplier<MeterProvider> meterProvider, String componentName, long capacity,
            LongSupplier queueSize) {
        this.meterProvider = meterProvider;
        this.capacity = capacity;
        this.queueSize = queueSize;
        this.standard = Attributes.of(COMPONENT_TYPE_KEY, COMPONENT_TYPE, COMPONENT_NAME_KEY, componentName);
        this.queueFull = withError(componentName, QUEUE_FULL);
        this.alreadyShutdown = withError(componentName, ALREADY_SHUTDOWN);
        this.interrupted = withError(componentName, INTERRUPTED);
        this.invalidSpan = withError(componentName, INVALID_SPAN);
    }

    private static Attributes withError(String componentName, String errorType) {
        return Attributes.of(COMPONENT_TYPE_KEY, COMPONENT_TYPE, COMPONENT_NAME_KEY, componentName,
                ERROR_TYPE_KEY, errorType);
    }

    /**
     * Counts spans handed to the exporter (the semantic conventions' "processed" point).
     *
     * @param count the number of spans
     */
    public void processed(int count) {
        counter().add(count, standard);
    }

    /** Counts a span dropped because the queue was full. */
    public void droppedQueueFull() {
        counter().add(1, queueFull);
    }

    /** Counts a span ended after shutdown. */
    public void droppedAlreadyShutdown() {
        counter().add(1, alreadyShutdown);
    }

    /** Counts a span dropped because the ending thread was interrupted while it waited. */
    public void droppedInterrupted() {
        counter().add(1, interrupted);
    }

    /**
     * Counts spans left out of an export because their {@code toSpanData()} failed.
     *
     * @param count the number of spans
     */
    public void droppedInvalidSpan(int count) {
        counter().add(count, invalidSpan);
    }

    /** Creates the counter and registers the queue gauges once, on first use. */
    private LongCounter counter() {
        LongCounter counter = processed;
        if (counter != null) {
            return counter;
        }
        synchronized (lock) {
            if (processed == null) {
                processed = createInstruments();
            }
            return processed;
        }
    }

    private LongCounter createInstruments() {
        Meter meter;
        try {
            meter = meterProvider.get().get(SCOPE_NAME);
        } catch (RuntimeException e) {
            // Metrics must never break exports: a failing provider means no self-metrics.
            LOGGER.log(Level.WARNING, "BoundedBatchSpanProcessor: the meter provider failed; no self-metrics", e);
            meter = MeterProvider.noop().get(SCOPE_NAME);
        }
        meter.upDownCounterBuilder(QUEUE_CAPACITY_NAME)
                .setUnit(UNIT)
                .setDescription("The maximum number of spans the queue of a given instance of an SDK span"
                        + " processor can hold.")
                .buildWithCallback(measurement -> measurement.record(capacity, standard));
        meter.upDownCounterBuilder(QUEUE_SIZE_NAME)
                .setUnit(UNIT)
                .setDescription("The number of spans in the queue of a given instance of an SDK span processor.")
                .buildWithCallback(measurement -> measurement.record(queueSize.getAsLong(), standard));
        return meter.counterBuilder(PROCESSED_NAME)
                .setUnit(UNIT)
                .setDescription("The number of spans for which the processing has finished, either successful"
                        + " or failed.")
                .build();
    }
}
