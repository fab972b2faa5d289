package io.lowalloc.otel;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.otel.internal.processor.ProcessorMetrics;
import io.lowalloc.otel.testing.FixedReadableSpan;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


class BoundedBatchSpanProcessorMetricsTest {

    private static final String NAME = "proc-under-test";

    @Test
    void countsProcessedAndDroppedSpansAndReportsTheQueue() throws InterruptedException {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = metered(exporter, meters, 4, 2).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        Tracer tracer = holdWorkerInExport(exporter, provider, 2);
        end(tracer, 10); // 4 queued, 6 dropped
        assertThat(queueSize(reader.collectAllMetrics())).as("queued plus the batch being exported").isEqualTo(6);

        exporter.openGate();
        processor.forceFlush().join(10, TimeUnit.SECONDS);
        processor.shutdown().join(10, TimeUnit.SECONDS);
        end(tracer, 1); // after shutdown

        Collection<MetricData> metrics = reader.collectAllMetrics();
        Map<String, Long> processed = points(metric(metrics, ProcessorMetrics.PROCESSED_NAME));
        assertThat(processed).containsExactlyInAnyOrderEntriesOf(Map.of(
                "", 6L,
                "queue_full", 6L,
                "already_shutdown", 1L));
        assertThat(points(metric(metrics, ProcessorMetrics.QUEUE_CAPACITY_NAME))).containsExactly(Map.entry("", 4L));
        assertThat(queueSize(metrics)).isZero();
        assertThat(metric(metrics, ProcessorMetrics.PROCESSED_NAME).getLongSumData().isMonotonic()).isTrue();
        assertThat(metric(metrics, ProcessorMetrics.QUEUE_SIZE_NAME).getLongSumData().isMonotonic()).isFalse();
        meters.shutdown().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    @Test
    void usesTheNamesUnitsDescriptionsAndAttributesOfTheSdksBatchSpanProcessor() {
        Collection<MetricData> stock = metricsOf(meters -> BatchSpanProcessor.builder(new ScriptedExporter())
                .setMeterProvider(meters)
                .setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
                .build());
        Collection<MetricData> pooled = metricsOf(meters -> BoundedBatchSpanProcessor.builder(new ScriptedExporter())
                .setMeterProvider(meters)
                .build());

        assertThat(shape(pooled)).isEqualTo(shape(stock)).isNotEmpty();
        assertThat(shape(pooled)).containsKeys(ProcessorMetrics.PROCESSED_NAME, ProcessorMetrics.QUEUE_SIZE_NAME,
                ProcessorMetrics.QUEUE_CAPACITY_NAME);
        assertThat(componentTypes(pooled)).isEqualTo(componentTypes(stock)).containsExactly("batching_span_processor");
    }

    @Test
    void withoutAMeterProviderNothingIsRecordedAndNothingFails() {
        ScriptedExporter exporter = new ScriptedExporter();

        assertExportsThreeSpans(exporter, BoundedBatchSpanProcessor.builder(exporter).build());
    }

    @Test
    void interruptedAndInvalidSpansCarryTheirErrorType() throws InterruptedException {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = metered(exporter, meters, 1, 1)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        Tracer tracer = holdWorkerInExport(exporter, provider, 1);
        end(tracer, 1);
        Thread.currentThread().interrupt();
        try {
            end(tracer, 1);
        } finally {
            Thread.interrupted();
        }
        exporter.openGate();
        processor.onEnd(FixedReadableSpan.invalidSpan()); // its batch reaches the exporter without it
        processor.forceFlush().join(10, TimeUnit.SECONDS);

        assertThat(points(metric(reader.collectAllMetrics(), ProcessorMetrics.PROCESSED_NAME)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("", 2L, "interrupted", 1L, "invalid_span", 1L));
        provider.shutdown().join(10, TimeUnit.SECONDS);
        meters.shutdown().join(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailingMeterProviderCostsTheMetricsNotTheExports() {
        ScriptedExporter exporter = new ScriptedExporter();
        BoundedBatchSpanProcessor processor = BoundedBatchSpanProcessor.builder(exporter)
                .setMeterProvider(() -> {
                    throw new IllegalStateException("no meters today");
                })
                .build();

        assertExportsThreeSpans(exporter, processor);
    }

    // ------------------------------------------------------------------ helpers

    /** A processor named {@link #NAME} reporting to {@code meters}, with a small queue and no timed export. */
    private static BoundedBatchSpanProcessorBuilder metered(ScriptedExporter exporter, SdkMeterProvider meters,
            int queue, int batch) {
        return BoundedBatchSpanProcessor.builder(exporter)
                .setScheduleDelay(60, TimeUnit.SECONDS)
                .setMaxQueueSize(queue)
                .setMaxExportBatchSize(batch)
                .setMeterProvider(meters)
                .setComponentName(NAME);
    }

    private static void assertExportsThreeSpans(ScriptedExporter exporter, BoundedBatchSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        end(provider.get("t"), 3);

        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(exporter.exportedNames).hasSize(3);
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    /** Ends one full batch of {@code spans} and returns once the worker is held in the exporter with it. */
    private static Tracer holdWorkerInExport(ScriptedExporter exporter, SdkTracerProvider provider, int spans)
            throws InterruptedException {
        Tracer tracer = provider.get("t");
        exporter.closeGate();
        end(tracer, spans);
        assertThat(exporter.awaitEntered()).isTrue();
        return tracer;
    }

    private static void end(Tracer tracer, int count) {
        for (int i = 0; i < count; i++) {
            tracer.spanBuilder("s").startSpan().end();
        }
    }

    private interface ProcessorFactory {
        SpanProcessor create(SdkMeterProvider meters);
    }

    /** Exports two spans and drops one after shutdown, then collects what the processor recorded. */
    private static Collection<MetricData> metricsOf(ProcessorFactory factory) {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
        SpanProcessor processor = factory.create(meters);
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        end(provider.get("t"), 2);
        processor.forceFlush().join(10, TimeUnit.SECONDS);
        Collection<MetricData> metrics = reader.collectAllMetrics();
        provider.shutdown().join(10, TimeUnit.SECONDS);
        meters.shutdown().join(10, TimeUnit.SECONDS);
        return metrics;
    }

    /** Name to "unit | description | attribute keys" for every metric. */
    private static Map<String, String> shape(Collection<MetricData> metrics) {
        Map<String, String> shape = new TreeMap<>();
        for (MetricData metric : metrics) {
            Set<String> keys = new TreeSet<>();
            for (LongPointData point : metric.getLongSumData().getPoints()) {
                point.getAttributes().forEach((k, v) -> keys.add(k.getKey()));
            }
            shape.put(metric.getName(), metric.getUnit() + " | " + metric.getDescription() + " | " + keys);
        }
        return shape;
    }

    private static Set<String> componentTypes(Collection<MetricData> metrics) {
        return metrics.stream()
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .map(p -> p.getAttributes().get(ProcessorMetrics.COMPONENT_TYPE_KEY))
                .collect(Collectors.toSet());
    }

    private static MetricData metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
    }

    /** error.type (or "") to value, after checking the component attributes of every point. */
    private static Map<String, Long> points(MetricData metric) {
        Map<String, Long> values = new TreeMap<>();
        for (LongPointData point : metric.getLongSumData().getPoints()) {
            Attributes attributes = point.getAttributes();
            assertThat(attributes.get(AttributeKey.stringKey("otel.component.type"))).isEqualTo("batching_span_processor");
            assertThat(attributes.get(AttributeKey.stringKey("otel.component.name"))).isEqualTo(NAME);
            String errorType = attributes.get(AttributeKey.stringKey("error.type"));
            values.put(errorType == null ? "" : errorType, point.getValue());
        }
        return values;
    }

    private static long queueSize(Collection<MetricData> metrics) {
        return points(metric(metrics, ProcessorMetrics.QUEUE_SIZE_NAME)).get("");
    }
}
