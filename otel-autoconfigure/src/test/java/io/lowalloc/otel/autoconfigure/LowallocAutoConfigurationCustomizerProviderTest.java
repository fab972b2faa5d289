package io.lowalloc.otel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.jmx.StatsMBeans;
import io.lowalloc.core.testing.Await;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LowallocAutoConfigurationCustomizerProviderTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private OtlpReceiver receiver;
    private OpenTelemetrySdk sdk;
    private String jmxName;

    @BeforeEach
    void start() throws Exception {
        receiver = new OtlpReceiver();
        jmxName = "autoconfigure-test-" + NAMES.incrementAndGet();
    }

    @AfterEach
    void stop() {
        if (sdk != null) {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
        receiver.close();
    }

    private Map<String, String> properties(String enabled) {
        Map<String, String> p = new HashMap<>();
        p.put("otel.traces.exporter", "otlp");
        p.put("otel.exporter.otlp.protocol", "http/protobuf");
        p.put("otel.exporter.otlp.traces.endpoint", receiver.endpoint());
        p.put("otel.metrics.exporter", "none");
        p.put("otel.logs.exporter", "none");
        p.put("otel.bsp.schedule.delay", "50ms");
        p.put("otel.service.name", "autoconfigure-test");
        p.put(LowallocAutoConfigurationCustomizerProvider.JMX_NAME_KEY, jmxName);
        if (enabled != null) {
            p.put(LowallocAutoConfigurationCustomizerProvider.ENABLED_KEY, enabled);
        }
        return p;
    }

    private OpenTelemetrySdk build(Map<String, String> properties) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    private void record(int count) {
        Tracer tracer = sdk.getTracer("test");
        for (int i = 0; i < count; i++) {
            tracer.spanBuilder("span-" + i).startSpan().end();
        }
    }

    private static long workerThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void switchedOnSpansReachTheReceiverThroughOurProcessor() throws Exception {
        long stockWorkersBefore = workerThreads("BatchSpanProcessor_WorkerThread");
        sdk = build(properties("true"));
        record(25);
        assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        Await.until(() -> receiver.spans.size() == 25, "25 spans at the receiver");
        assertThat(receiver.spans).extracting(s -> s.getName()).contains("span-0", "span-24");
        ObjectName name = StatsMBeans.objectName(jmxName);
        assertThat(server.getAttribute(name, "batch.offered")).isEqualTo(25L);
        assertThat(server.getAttribute(name, "batch.exported")).isEqualTo(25L);
        assertThat(sdk.getSdkTracerProvider().toString()).contains("spanProcessor=BoundedBatchSpanProcessor{")
                .doesNotContain("spanProcessor=BatchSpanProcessor{");
        // The replaced processor's worker thread has ended.
        Await.until(() -> workerThreads("BatchSpanProcessor_WorkerThread") <= stockWorkersBefore,
                "the replaced BatchSpanProcessor's worker thread to end");
    }

    @Test
    void readmeUsage() throws Exception {
        Map<String, String> testSettings = properties(null); // endpoint of the test's receiver, no metrics or logs
        // readme:autoconfigure:begin
        // or -Dlowalloc.processor.enabled=true, or LOWALLOC_PROCESSOR_ENABLED=true, beside your otel.* settings
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> testSettings)
                .addPropertiesSupplier(() -> Map.of("lowalloc.processor.enabled", "true"))
                .build()
                .getOpenTelemetrySdk(); // its BatchSpanProcessor is now lowalloc's, with the same otel.bsp.* settings
        sdk.getTracer("checkout").spanBuilder("charge").startSpan().end();
        sdk.shutdown().join(10, TimeUnit.SECONDS); // flushes, then shuts the exporter down
        // readme:autoconfigure:end
        assertThat(receiver.spans).extracting(Span::getName).containsExactly("charge");
    }

    @Test
    void switchedOffNothingChanges() throws Exception {
        sdk = build(properties(null));
        record(3);
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        Await.until(() -> receiver.spans.size() == 3, "3 spans at the receiver");
        assertThat(sdk.getSdkTracerProvider().toString()).contains("spanProcessor=BatchSpanProcessor{")
                .doesNotContain("BoundedBatchSpanProcessor");
        assertThat(server.isRegistered(StatsMBeans.objectName(jmxName))).isFalse();
    }

    @Test
    void explicitlyFalseIsOffToo() {
        sdk = build(properties("FALSE"));
        assertThat(sdk.getSdkTracerProvider().toString()).doesNotContain("BoundedBatchSpanProcessor");
    }

    @Test
    void aBadSwitchValueFailsNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> build(properties("yes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lowalloc.processor.enabled")
                .hasMessageContaining("yes");
    }

    @Test
    void bspSettingsReachOurProcessor() {
        Map<String, String> p = properties("true");
        p.put("otel.bsp.max.queue.size", "64");
        p.put("otel.bsp.max.export.batch.size", "16");
        sdk = build(p);
        assertThat(sdk.getSdkTracerProvider().toString()).contains("maxQueueSize=64").contains("maxExportBatchSize=16");
    }

    @Test
    void aBadBspSettingFailsNamingIt() {
        Map<String, String> p = properties("true");
        // Accepted by the stock processor autoconfiguration builds first, above our queue's limit.
        String tooLarge = String.valueOf(io.lowalloc.core.batch.BatchOptions.MAX_QUEUE_SIZE_LIMIT + 1);
        p.put("otel.bsp.max.queue.size", tooLarge);
        assertThatThrownBy(() -> build(p))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("otel.bsp.max.queue.size=" + tooLarge)
                .hasMessageContaining("maxQueueSize");
    }

    @Test
    void theSharedExporterIsShutDownOnceWithTheSdkNotWithTheReplacedProcessor() {
        AtomicInteger shutdowns = new AtomicInteger();
        sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties("true"))
                .addSpanExporterCustomizer((exporter, config) -> new CountingShutdown(exporter, shutdowns))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        assertThat(shutdowns).as("shutdowns before the SDK's").hasValue(0);
        sdk.shutdown().join(10, TimeUnit.SECONDS);
        sdk = null;
        assertThat(shutdowns).as("shutdowns after the SDK's").hasValue(1);
    }

    @Test
    void loggingExportersKeepTheirSimpleSpanProcessor() {
        Map<String, String> p = properties("true");
        p.put("otel.traces.exporter", "otlp,logging");
        sdk = build(p);
        String processors = sdk.getSdkTracerProvider().toString();
        assertThat(processors).contains("SimpleSpanProcessor").contains("BoundedBatchSpanProcessor");
    }

    @Test
    void jmxNoneRegistersNothing() {
        Map<String, String> p = properties("true");
        p.put(LowallocAutoConfigurationCustomizerProvider.JMX_NAME_KEY, "none");
        sdk = build(p);
        assertThat(sdk.getSdkTracerProvider().toString()).contains("BoundedBatchSpanProcessor");
        assertThat(server.isRegistered(StatsMBeans.objectName(jmxName))).isFalse();
    }

    @Test
    void shuttingTheSdkDownUnregistersTheMBean() {
        sdk = build(properties("true"));
        assertThat(server.isRegistered(StatsMBeans.objectName(jmxName))).isTrue();
        sdk.shutdown().join(10, TimeUnit.SECONDS);
        sdk = null;
        assertThat(server.isRegistered(StatsMBeans.objectName(jmxName))).isFalse();
    }

    /** Counts the shutdowns that reach the exporter autoconfiguration built. */
    private static final class CountingShutdown implements SpanExporter {
        private final SpanExporter delegate;
        private final AtomicInteger shutdowns;

        CountingShutdown(SpanExporter delegate, AtomicInteger shutdowns) {
            this.delegate = delegate;
            this.shutdowns = shutdowns;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return delegate.export(spans);
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            shutdowns.incrementAndGet();
            return delegate.shutdown();
        }
    }
}
