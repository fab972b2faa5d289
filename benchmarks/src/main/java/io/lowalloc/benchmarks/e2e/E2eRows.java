package io.lowalloc.benchmarks.e2e;

import io.lowalloc.benchmarks.span.LowallocPipeline;
import io.lowalloc.benchmarks.span.SdkPipeline;
import io.lowalloc.benchmarks.span.SpanPipeline;
import io.lowalloc.benchmarks.span.SpanPipelines;
import io.lowalloc.otel.BoundedBatchSpanProcessor;
import io.lowalloc.otel.PooledSpanPipeline;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The rows of the end-to-end tables by name. Every exporting row uses OpenTelemetry's
 * {@link OtlpHttpSpanExporter} (JDK HttpClient sender, {@link MemoryMode#REUSABLE_DATA}, no
 * compression) with each processor's defaults (queue 2048, batch 512, delay 5 s, drop when full):
 * <ul>
 *   <li>(a) {@value #SDK_BATCH}: SDK tracer + {@code BatchSpanProcessor};
 *   <li>(b) {@value #LOWALLOC}: lowalloc {@code PooledSpanPipeline};
 *   <li>(c) {@value #NATIVE}: lowalloc {@code SpanRecorder} + the native OTLP exporter of the
 *       {@code otlp} module — <b>the hook for that row</b>: it loads {@value #NATIVE_FACTORY_CLASS},
 *       a {@link RowFactory} this module does not contain yet; until someone adds it, naming the
 *       row fails with a message that says so;
 *   <li>(d) {@value #SDK_POOLED}: SDK tracer + lowalloc {@code BoundedBatchSpanProcessor};
 *   <li>(e) {@value #NONE}: no tracing at all, the harness's loop alone (to subtract);
 *   <li>in-process rows, no sink: {@value #SDK_BATCH_READING} (SDK + {@code BatchSpanProcessor}),
 *       {@value #LOWALLOC_READING} ({@code PooledSpanPipeline}), both to the no-op
 *       {@code ReadingSpanExporter} that reads every field through OpenTelemetry's {@code SpanData}, and
 *       {@value #RECORDER_READING} (core {@code SpanRecorder} + {@code CoreReadingExporter}, which reads
 *       every field through the core API) — the table 2 pipelines of {@link SpanPipelines}, same
 *       defaults; every span goes through the export worker and back to the pool (or to the GC).
 * </ul>
 * Any other {@link RowFactory} on the class path can be named as {@value #CLASS_PREFIX}{@code
 * fully.qualified.Name}.
 */
public final class E2eRows {

    /** (a) SDK tracer + stock {@code BatchSpanProcessor} + OTLP/HTTP exporter. */
    public static final String SDK_BATCH = SpanPipelines.SDK_BATCH;
    /** (b) lowalloc {@code PooledSpanPipeline} + OTLP/HTTP exporter. */
    public static final String LOWALLOC = SpanPipelines.LOWALLOC;
    /** (c) lowalloc {@code SpanRecorder} + native OTLP exporter ({@link NativeOtlpRowFactory}). */
    public static final String NATIVE = "native";
    /** (d) SDK tracer + lowalloc {@code BoundedBatchSpanProcessor} + OTLP/HTTP exporter. */
    public static final String SDK_POOLED = SpanPipelines.SDK_POOLED;
    /** (e) No tracing: the loop alone. */
    public static final String NONE = "none";
    /** In-process: SDK + {@code BatchSpanProcessor} + the field-reading no-op exporter. */
    public static final String SDK_BATCH_READING = "sdkBatchReading";
    /** In-process: {@code PooledSpanPipeline} + the field-reading no-op exporter (through the views). */
    public static final String LOWALLOC_READING = "lowallocReading";
    /** In-process: core {@code SpanRecorder} + the core field-reading no-op exporter. */
    public static final String RECORDER_READING = "recorderReading";
    /** The in-process rows, in interleaving order. */
    public static final List<String> READING_ROWS = List.of(SDK_BATCH_READING, LOWALLOC_READING, RECORDER_READING);
    /** The {@link RowFactory} row {@link #NATIVE} loads. */
    public static final String NATIVE_FACTORY_CLASS = "io.lowalloc.benchmarks.e2e.NativeOtlpRowFactory";
    /** Prefix of a row named by its factory's class. */
    public static final String CLASS_PREFIX = "class:";
    /** The rows every harness runs by default, in interleaving order (row (c) joins once it exists). */
    public static final List<String> DEFAULT_ROWS = List.of(SDK_BATCH, LOWALLOC, NATIVE, SDK_POOLED, NONE);

    private E2eRows() {
    }

    /**
     * Returns the factory of a row.
     *
     * @param name a constant of this class, or {@value #CLASS_PREFIX} and a {@link RowFactory}'s class name
     * @return the factory
     * @throws IllegalArgumentException if the name is unknown or its class cannot be loaded
     */
    public static RowFactory create(String name) {
        switch (name) {
            case SDK_BATCH:
                return endpoint -> new SdkRow(endpoint, e -> BatchSpanProcessor.builder(e).build());
            case SDK_POOLED:
                return endpoint -> new SdkRow(endpoint, e -> BoundedBatchSpanProcessor.builder(e).build());
            case LOWALLOC:
                return PipelineRow::new;
            case NONE:
                return endpoint -> new NoTracingRow();
            case NATIVE:
                return new NativeOtlpRowFactory();
            case SDK_BATCH_READING:
                return endpoint -> new InProcessRow(SpanPipelines.create(SpanPipelines.SDK_BATCH));
            case LOWALLOC_READING:
                return endpoint -> new InProcessRow(SpanPipelines.create(SpanPipelines.LOWALLOC));
            case RECORDER_READING:
                return endpoint -> new InProcessRow(SpanPipelines.create(SpanPipelines.RECORDER));
            default:
                if (name.startsWith(CLASS_PREFIX)) {
                    return load(name.substring(CLASS_PREFIX.length()), "row " + name);
                }
                throw new IllegalArgumentException("row must be one of [" + SDK_BATCH + ", " + LOWALLOC + ", "
                        + NATIVE + ", " + SDK_POOLED + ", " + NONE + ", " + SDK_BATCH_READING + ", " + LOWALLOC_READING + ", "
                        + RECORDER_READING + "] or " + CLASS_PREFIX + "<RowFactory class>, was: "
                        + name);
        }
    }

    private static RowFactory load(String className, String what) {
        try {
            Class<?> type = Class.forName(className);
            return (RowFactory) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(what + ": class not found: " + className, e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalArgumentException(what + ": cannot make a RowFactory of " + className + ": " + cause, cause);
        }
    }

    /**
     * OpenTelemetry's OTLP/HTTP exporter as every exporting row uses it.
     *
     * @param endpoint the traces URL
     * @return a new exporter
     */
    public static SpanExporter otlpHttpExporter(String endpoint) {
        return OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setMemoryMode(MemoryMode.REUSABLE_DATA).build();
    }

    /** Rows (a) and (d). */
    private static final class SdkRow implements TracedRow {
        private final CountingSpanExporter exporter;
        private final SdkTracerProvider provider;
        private final Tracer tracer;

        SdkRow(String endpoint, Function<SpanExporter, SpanProcessor> processor) {
            exporter = new CountingSpanExporter(otlpHttpExporter(endpoint));
            provider = SdkTracerProvider.builder().addSpanProcessor(processor.apply(exporter)).build();
            tracer = provider.get("io.lowalloc.benchmarks");
        }

        @Override
        public void record(long n) {
            SdkPipeline.recordSpan(tracer, n);
        }

        @Override
        public boolean flush() {
            return provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess();
        }

        @Override
        public long exportedSpans() {
            return exporter.exported();
        }

        @Override
        public long failedSpans() {
            return exporter.failed();
        }

        @Override
        public void close() {
            provider.shutdown().join(30, TimeUnit.SECONDS);
        }
    }

    /** Row (b). */
    private static final class PipelineRow implements TracedRow {
        private final CountingSpanExporter exporter;
        private final PooledSpanPipeline pipeline;

        PipelineRow(String endpoint) {
            exporter = new CountingSpanExporter(otlpHttpExporter(endpoint));
            pipeline = PooledSpanPipeline.builder(exporter).build();
        }

        @Override
        public void record(long n) {
            LowallocPipeline.recordSpan(pipeline, n);
        }

        @Override
        public boolean flush() {
            return pipeline.flush(30, TimeUnit.SECONDS);
        }

        @Override
        public long exportedSpans() {
            return exporter.exported();
        }

        @Override
        public long failedSpans() {
            return exporter.failed();
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    /** The in-process rows: a table 2 pipeline, nothing sent anywhere. */
    private static final class InProcessRow implements TracedRow {
        private final SpanPipeline pipeline;

        InProcessRow(SpanPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void record(long n) {
            pipeline.recordSpan(n);
        }

        @Override
        public boolean flush() {
            return pipeline.flush();
        }

        @Override
        public long exportedSpans() {
            return pipeline.exportedSpans();
        }

        @Override
        public long failedSpans() {
            // The reading exporters succeed at once, always.
            return 0;
        }

        @Override
        public boolean exportsToSink() {
            return false;
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    /** Row (e): consumes the sequence number so the loop has a call to make, records nothing. */
    private static final class NoTracingRow implements TracedRow {
        private long sum;
        private volatile long published;

        @Override
        public void record(long n) {
            sum += n;
        }

        @Override
        public boolean flush() {
            published = sum;
            return true;
        }

        @Override
        public long exportedSpans() {
            return 0;
        }

        @Override
        public long failedSpans() {
            return 0;
        }

        @Override
        public void close() {
            published = sum + published;
        }
    }
}
