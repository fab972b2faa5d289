package io.lowalloc.otel.autoconfigure;

import io.lowalloc.core.jmx.StatsMBeans;
import io.lowalloc.otel.BoundedBatchSpanProcessor;
import io.lowalloc.otel.BoundedBatchSpanProcessorBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces the {@code BatchSpanProcessor} of OpenTelemetry's SDK autoconfiguration with lowalloc's
 * {@link BoundedBatchSpanProcessor}, when switched on. Registered in
 * {@code META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider},
 * so {@code AutoConfiguredOpenTelemetrySdk} and the OpenTelemetry Java agent (given this module's
 * {@code agent-extension} jar in {@code -Dotel.javaagent.extensions}) find it.
 *
 * <p><b>Settings</b> (read through autoconfiguration's {@link ConfigProperties}: system property, or
 * the environment variable in upper case with underscores):
 * <ul>
 *   <li>{@value #ENABLED_KEY} ({@code LOWALLOC_PROCESSOR_ENABLED}): {@code true} or {@code false}
 *       (any case); default {@code false}, which changes nothing. Another value fails
 *       autoconfiguration with a {@link ConfigurationException} naming the key and the value.</li>
 *   <li>{@value #JMX_NAME_KEY} ({@code LOWALLOC_PROCESSOR_JMX_NAME}): the name under which the
 *       processor's stats are published as the MBean {@code io.lowalloc:type=Stats,name=<name>}
 *       ({@link StatsMBeans}); default {@value #DEFAULT_JMX_NAME}; {@code none} publishes nothing.</li>
 *   <li>{@code otel.bsp.schedule.delay}, {@code otel.bsp.max.queue.size},
 *       {@code otel.bsp.max.export.batch.size}, {@code otel.bsp.export.timeout}: as for the
 *       {@code BatchSpanProcessor} they configure otherwise.</li>
 * </ul>
 *
 * <p><b>What is replaced.</b> Only {@code BatchSpanProcessor}s: autoconfiguration gives the
 * {@code logging} and {@code console} exporters a {@code SimpleSpanProcessor} each, which stays. The
 * replacement exports through the same exporter (the composite of every batching exporter, as
 * autoconfiguration built it). The replaced processor is shut down at once, before any span reaches
 * it, so its worker thread ends; its shutdown does not reach the exporter, which the replacement
 * shuts down when the SDK is shut down. The replacement has no {@code MeterProvider} (the
 * customizer cannot reach autoconfiguration's); its stats are on JMX instead.
 */
public final class LowallocAutoConfigurationCustomizerProvider implements AutoConfigurationCustomizerProvider {

    /** The switch: {@code true} replaces the batch span processor. */
    public static final String ENABLED_KEY = "lowalloc.processor.enabled";

    /** The JMX name key of the replacement processor's stats MBean, or {@code none}. */
    public static final String JMX_NAME_KEY = "lowalloc.processor.jmx.name";

    /** The default of {@value #JMX_NAME_KEY}. */
    public static final String DEFAULT_JMX_NAME = "otel-span-processor";

    private static final Logger LOGGER = Logger.getLogger(LowallocAutoConfigurationCustomizerProvider.class.getName());

    /** Creates the provider; autoconfiguration does this through the service loader. */
    public LowallocAutoConfigurationCustomizerProvider() {
    }

    @Override
    public void customize(AutoConfigurationCustomizer customizer) {
        // One autoconfiguration run: the exporters wrapped by its exporter customizer, so that its
        // processor customizer can shut the replaced processor down without shutting them down.
        List<DetachableSpanExporter> wrapped = new CopyOnWriteArrayList<>();
        customizer.addSpanExporterCustomizer((exporter, config) -> {
            if (!isEnabled(config)) {
                return exporter;
            }
            DetachableSpanExporter detachable = new DetachableSpanExporter(exporter);
            wrapped.add(detachable);
            return detachable;
        });
        customizer.addSpanProcessorCustomizer((processor, config) -> {
            if (!isEnabled(config) || !(processor instanceof BatchSpanProcessor)) {
                return processor;
            }
            return replace((BatchSpanProcessor) processor, config, wrapped);
        });
    }

    /**
     * Reads the switch.
     *
     * @param config autoconfiguration's settings
     * @return whether the batch span processor is to be replaced
     * @throws ConfigurationException naming {@value #ENABLED_KEY} and the value if it is neither
     *     {@code true} nor {@code false}
     */
    static boolean isEnabled(ConfigProperties config) {
        String value = config.getString(ENABLED_KEY);
        if (value == null || value.isBlank()) {
            return false;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigurationException("Invalid value for property " + ENABLED_KEY + "=" + value
                        + ": must be true or false");
        }
    }

    private static void apply(String key, Object value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid value for property " + key + "=" + value + ": "
                    + e.getMessage(), e);
        }
    }

    private static SpanProcessor replace(BatchSpanProcessor stock, ConfigProperties config,
            List<DetachableSpanExporter> wrapped) {
        SpanExporter exporter = stock.getSpanExporter();
        for (DetachableSpanExporter d : wrapped) {
            d.setDetached(true);
        }
        try {
            CompletableResultCode result = stock.shutdown().join(10, TimeUnit.SECONDS);
            if (!result.isSuccess()) {
                LOGGER.log(Level.WARNING, "The replaced BatchSpanProcessor did not shut down within 10 s");
            }
        } finally {
            for (DetachableSpanExporter d : wrapped) {
                d.setDetached(false);
            }
        }
        BoundedBatchSpanProcessorBuilder builder = BoundedBatchSpanProcessor.builder(exporter);
        Duration delay = config.getDuration("otel.bsp.schedule.delay");
        if (delay != null) {
            apply("otel.bsp.schedule.delay", delay, () -> builder.setScheduleDelay(delay));
        }
        Integer queue = config.getInt("otel.bsp.max.queue.size");
        if (queue != null) {
            apply("otel.bsp.max.queue.size", queue, () -> builder.setMaxQueueSize(queue));
        }
        Integer batch = config.getInt("otel.bsp.max.export.batch.size");
        if (batch != null) {
            apply("otel.bsp.max.export.batch.size", batch, () -> builder.setMaxExportBatchSize(batch));
        }
        Duration timeout = config.getDuration("otel.bsp.export.timeout");
        if (timeout != null) {
            apply("otel.bsp.export.timeout", timeout, () -> builder.setExporterTimeout(timeout));
        }
        BoundedBatchSpanProcessor processor;
        try {
            processor = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid otel.bsp.* settings for lowalloc's span processor: "
                    + e.getMessage(), e);
        }
        String jmxName = config.getString(JMX_NAME_KEY, DEFAULT_JMX_NAME);
        if (!"none".equals(jmxName)) {
            try {
                StatsMBeans.Registration registration = StatsMBeans.register(jmxName, processor::getStats);
                return new JmxRegisteredProcessor(processor, registration);
            } catch (IllegalArgumentException e) {
                processor.shutdown();
                throw new ConfigurationException("Invalid value for property " + JMX_NAME_KEY + "=" + jmxName
                        + ": " + e.getMessage(), e);
            }
        }
        return processor;
    }
}
