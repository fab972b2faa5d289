package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.otel.internal.processor.BspConfiguration;
import io.lowalloc.otel.internal.processor.ProcessorMetrics;
import io.lowalloc.otel.internal.processor.SnapshotExportStage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A drop-in replacement for OpenTelemetry's {@code BatchSpanProcessor} that bounds what the stock
 * one leaves open: the queue holds exactly {@code maxQueueSize} spans, an ending thread may wait
 * for space for at most {@code maxBlockTime}, every export is cut off at the exporter timeout even
 * when {@code export()} blocks, and flush and shutdown complete within bounds and report every
 * loss. Like the stock processor it queues the ended {@link ReadableSpan} itself and takes its
 * {@link ReadableSpan#toSpanData()} snapshot off the application thread, so the exporter receives
 * the SDK's own span data.
 *
 * <pre>{@code
 * SdkTracerProvider provider = SdkTracerProvider.builder()
 *     .addSpanProcessor(BoundedBatchSpanProcessor.builder(exporter).build())
 *     .build();
 * }</pre>
 *
 * <h2>Same as {@code BatchSpanProcessor}</h2>
 * The builder options, their rules and defaults (queue
 * {@value BatchOptions#DEFAULT_MAX_QUEUE_SIZE}, batch {@value BatchOptions#DEFAULT_MAX_EXPORT_BATCH_SIZE},
 * delay {@value BatchOptions#DEFAULT_SCHEDULE_DELAY_MILLIS} ms, exporter timeout
 * {@value BatchOptions#DEFAULT_EXPORTER_TIMEOUT_MILLIS} ms, unsampled spans skipped), the
 * {@code otel.bsp.*} settings ({@link #builderFromEnvironment(SpanExporter)}), one named daemon
 * worker thread, one {@code toSpanData()} per span on a background thread, exporter exceptions
 * caught and logged, never thrown into the application.
 *
 * <h2>Added</h2>
 * <ul>
 *   <li>{@link FullQueuePolicy#BLOCK}: the ending thread may wait for space instead of dropping.</li>
 *   <li>An exact queue bound, and an enforced export timeout that also covers an
 *       {@code export()} call that blocks (the exporter is called from a thread of its own): an
 *       export that does not finish in time is abandoned (the exporter may keep reading its list)
 *       and {@link #forceFlush()} and {@link #shutdown()} complete within their bounds. The
 *       exporter is never called again while a timed-out call still runs in it (one export at a
 *       time, as {@code SpanExporter} promises); later spans wait in the queue, dropped and
 *       counted when it fills.</li>
 *   <li>Flush results that report every loss, once: {@link #forceFlush()} fails if a span ended
 *       before it failed, was abandoned or was dropped (including failures of exports the
 *       schedule made before the call) and no earlier flush already failed for it.</li>
 *   <li>Counters taken once the export result is known ({@link #getStats()}), and
 *       semantic-convention self-metrics (below).</li>
 * </ul>
 *
 * <h2>Allocation</h2>
 * {@code onEnd} allocates nothing: the span goes into a preallocated ring (a core
 * {@link BatchBuffer}); the processor keeps it until its export has a result (or is abandoned).
 * The exporter thread allocates what {@code toSpanData()} allocates per span, and a constant number
 * of objects per export call; the snapshot list is reused from one export to the next.
 *
 * <h2>Metrics</h2>
 * With a meter provider ({@link BoundedBatchSpanProcessorBuilder#setMeterProvider}), under the
 * instrumentation scope {@code io.lowalloc.otel}: {@code otel.sdk.processor.span.queue.capacity}
 * and {@code otel.sdk.processor.span.queue.size} (asynchronous up-down counters; the size counts
 * queued spans plus the batch being exported) and the counter
 * {@code otel.sdk.processor.span.processed} (spans handed to the exporter, counted per batch; and
 * dropped spans, with {@code error.type} {@code queue_full}, {@code already_shutdown},
 * {@code interrupted} or {@code invalid_span}), all with {@code otel.component.type =
 * batching_span_processor} and {@code otel.component.name}, as the SDK names them.
 *
 * <h2>Threads</h2>
 * Thread-safe. {@code onEnd} is lock-free under {@link FullQueuePolicy#DROP}. Flushes and the
 * shutdown run on a short-lived daemon thread, so the returned results complete asynchronously.
 */
public final class BoundedBatchSpanProcessor implements SpanProcessor {

    /** Default for exporting unsampled spans: {@value}, as in OpenTelemetry. */
    public static final boolean DEFAULT_EXPORT_UNSAMPLED_SPANS = false;
    /** The worker thread's name: {@value}. */
    public static final String WORKER_THREAD_NAME = "BoundedBatchSpanProcessor_WorkerThread";

    private static final String FLUSH_THREAD_NAME = "BoundedBatchSpanProcessor_FlushThread";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SpanExporter spanExporter;
    private final boolean exportUnsampledSpans;
    private final boolean blockWhenFull;
    private final SnapshotExportStage stage;
    private final BatchBuffer<ReadableSpan> buffer;
    private final ProcessorMetrics metrics;
    private final ThreadPoolExecutor flushExecutor;
    private final String description;

    // Drop path only: AtomicLong rather than LongAdder, which allocates cells under contention.
    private final AtomicLong rejectedAfterShutdown = new AtomicLong();
    private final AtomicReference<CompletableResultCode> shutdownResult = new AtomicReference<>();
    private volatile boolean shutdownStarted;

    BoundedBatchSpanProcessor(BoundedBatchSpanProcessorBuilder builder, BatchOptions options) {
        this.spanExporter = builder.spanExporter();
        this.exportUnsampledSpans = builder.exportUnsampledSpans();
        this.blockWhenFull = options.fullQueuePolicy() == FullQueuePolicy.BLOCK;
        String componentName = builder.componentName() != null ? builder.componentName()
                : ProcessorMetrics.COMPONENT_TYPE + "/bounded-" + INSTANCES.getAndIncrement();
        this.metrics = new ProcessorMetrics(builder.meterProvider(), componentName, options.maxQueueSize(),
                this::queueSize);
        this.description = "BoundedBatchSpanProcessor{spanExporter=" + spanExporter
                + ", exportUnsampledSpans=" + exportUnsampledSpans
                + ", scheduleDelayNanos=" + options.scheduleDelayNanos()
                + ", maxQueueSize=" + options.maxQueueSize()
                + ", maxExportBatchSize=" + options.maxExportBatchSize()
                + ", exporterTimeoutNanos=" + options.exporterTimeoutNanos()
                + ", fullQueuePolicy=" + options.fullQueuePolicy()
                + ", maxBlockTimeNanos=" + options.maxBlockTimeNanos()
                + ", componentName=" + componentName + '}';
        this.flushExecutor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, FLUSH_THREAD_NAME);
                    thread.setDaemon(true);
                    return thread;
                });
        this.stage = new SnapshotExportStage(spanExporter, metrics);
        this.buffer = BatchBuffer.builder(stage).setBatchOptions(options).build();
    }

    /**
     * Starts a builder with the {@link BatchOptions#defaults() default batching options} and the
     * defaults quoted in the {@code DEFAULT_*} constants.
     *
     * @param spanExporter receives the spans
     * @return a new builder
     * @throws NullPointerException if {@code spanExporter} is null
     */
    public static BoundedBatchSpanProcessorBuilder builder(SpanExporter spanExporter) {
        return new BoundedBatchSpanProcessorBuilder(spanExporter);
    }

    /**
     * Creates a processor with the default settings; same as {@code builder(spanExporter).build()}.
     *
     * @param spanExporter receives the spans
     * @return a new processor, its worker thread started
     * @throws NullPointerException if {@code spanExporter} is null
     */
    public static BoundedBatchSpanProcessor create(SpanExporter spanExporter) {
        return builder(spanExporter).build();
    }

    /**
     * Starts a builder configured, like OpenTelemetry's SDK autoconfiguration, from the system
     * properties {@code otel.bsp.schedule.delay}, {@code otel.bsp.max.queue.size},
     * {@code otel.bsp.max.export.batch.size} and {@code otel.bsp.export.timeout} and the matching
     * environment variables ({@code OTEL_BSP_SCHEDULE_DELAY}, ...). A system property wins over
     * its environment variable; unset or blank settings keep the defaults. Durations are a whole
     * number with an optional unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d}; none means milliseconds). The other options can be set on the returned
     * builder.
     *
     * @param spanExporter receives the spans
     * @return a configured builder
     * @throws IllegalArgumentException if a setting is invalid; the message names the property or
     *     variable, where it came from and the value
     * @throws NullPointerException if {@code spanExporter} is null
     */
    public static BoundedBatchSpanProcessorBuilder builderFromEnvironment(SpanExporter spanExporter) {
        return builderFromConfig(spanExporter, System::getProperty, System::getenv);
    }

    /**
     * Like {@link #builderFromEnvironment(SpanExporter)}, reading the settings through the given
     * lookups instead of {@link System#getProperty(String)} and {@link System#getenv(String)}.
     *
     * @param spanExporter receives the spans
     * @param systemProperties returns the value of a property key such as
     *     {@code otel.bsp.max.queue.size}, or null if unset
     * @param environment returns the value of a variable such as {@code OTEL_BSP_MAX_QUEUE_SIZE},
     *     or null if unset
     * @return a configured builder
     * @throws IllegalArgumentException if a setting is invalid; the message names the key, where it
     *     came from and the value
     * @throws NullPointerException if an argument is null
     */
    public static BoundedBatchSpanProcessorBuilder builderFromConfig(SpanExporter spanExporter,
            Function<String, String> systemProperties, Function<String, String> environment) {
        BoundedBatchSpanProcessorBuilder builder = builder(spanExporter);
        BspConfiguration.of(systemProperties, environment).applyTo(builder.batchOptionsBuilder());
        return builder;
    }

    /**
     * Does nothing: the processor only needs ended spans.
     *
     * @param parentContext ignored
     * @param span ignored
     */
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // Nothing to do at start; isStartRequired() tells the SDK not to call this at all.
    }

    /**
     * Returns false: {@link #onStart} does nothing.
     *
     * @return {@code false}
     */
    @Override
    public boolean isStartRequired() {
        return false;
    }

    /**
     * Queues an ended span for export; the span itself is kept, its {@code toSpanData()} snapshot
     * is taken on the exporter thread. Unsampled spans are skipped unless
     * {@code exportUnsampledSpans} is set. If the queue is full the span is dropped or, under
     * {@link FullQueuePolicy#BLOCK}, the calling thread waits up to {@code maxBlockTime}; after
     * {@link #shutdown()} it is rejected. Every span not queued is counted ({@link #getStats()})
     * and never thrown about. Allocates nothing.
     *
     * @param span the ended span; null is ignored
     */
    @Override
    public void onEnd(ReadableSpan span) {
        if (span == null || !(exportUnsampledSpans || span.getSpanContext().isSampled())) {
            return;
        }
        if (shutdownStarted) {
            rejectedAfterShutdown.incrementAndGet();
            metrics.droppedAlreadyShutdown();
            return;
        }
        if (!buffer.offer(span)) {
            countDrop();
        }
    }

    /** The buffer has counted the drop; this adds the metric with the reason. */
    private void countDrop() {
        if (shutdownStarted) {
            metrics.droppedAlreadyShutdown();
        } else if (blockWhenFull && Thread.currentThread().isInterrupted()) {
            metrics.droppedInterrupted();
        } else {
            metrics.droppedQueueFull();
        }
    }

    /**
     * Returns true: {@link #onEnd} must be called.
     *
     * @return {@code true}
     */
    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * Exports every span ended before this call and reports whether all of it got out. The result
     * fails if any span ended before this call was not exported: its export failed (also an export
     * the schedule made before the call, and a batch holding a span whose {@code toSpanData()}
     * failed) or timed out, or it was dropped (queue full, block timeout, interrupt); unless a flush that completed earlier already failed while
     * that loss was known, so each loss fails one flush, not every later one. Spans rejected after
     * {@link #shutdown()} do not fail it. Each export is bounded by the exporter timeout, also when
     * {@code export()} itself blocks, so the result completes unless that timeout is 0 (no timeout)
     * and the exporter never answers; if the exporter is still inside a call that timed out, the
     * result fails after one more exporter timeout. Runs on a background thread.
     *
     * @return the result, completed asynchronously
     */
    @Override
    public CompletableResultCode forceFlush() {
        CompletableResultCode result = new CompletableResultCode();
        runOnFlushThread(() -> complete(result, buffer.flush()));
        return result;
    }

    /**
     * Shuts down: spans ended from now on are rejected (counted); everything queued is exported
     * (each export bounded by the exporter timeout); then the exporter is shut down, once, waiting
     * at most the exporter timeout for it. If the exporter is still inside an export that timed
     * out, the queued spans wait at most one more exporter timeout, then count as failed, and the
     * shutdown is called on a thread of its own. The result succeeds if that final flush succeeded
     * in the sense of {@link #forceFlush()} and the exporter's shutdown succeeded; a {@code null}
     * result or an exception from the exporter's shutdown is a failure. Idempotent: every call
     * returns the same result object.
     *
     * @return the result, completed asynchronously
     */
    @Override
    public CompletableResultCode shutdown() {
        CompletableResultCode result = new CompletableResultCode();
        if (!shutdownResult.compareAndSet(null, result)) {
            return shutdownResult.get();
        }
        shutdownStarted = true;
        runOnFlushThread(() -> {
            // Bounded: every export and the exporter's shutdown are (unless the timeout is 0).
            boolean closed = buffer.close(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            complete(result, closed);
            flushExecutor.shutdown();
        });
        return result;
    }

    private void runOnFlushThread(Runnable task) {
        try {
            flushExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            // After shutdown the buffer is closed and empty: a flush is immediate, run it here.
            task.run();
        }
    }

    private static void complete(CompletableResultCode result, boolean success) {
        if (success) {
            result.succeed();
        } else {
            result.fail();
        }
    }

    /**
     * Takes a snapshot of the processor's counters. Allocates the snapshot; meant for monitoring
     * and tests, not hot paths.
     *
     * @return the snapshot
     */
    public SpanProcessorStats getStats() {
        // Outcome counters before the buffer's: a span in motion shows as offered, never lost.
        long rejected = rejectedAfterShutdown.get();
        long invalid = stage.invalidSpans();
        return new SpanProcessorStats(buffer.stats(), rejected, invalid);
    }

    /**
     * Returns the exporter the spans go to.
     *
     * @return the exporter given to the builder
     */
    public SpanExporter getSpanExporter() {
        return spanExporter;
    }

    /**
     * Describes the configuration.
     *
     * @return a human-readable form
     */
    @Override
    public String toString() {
        return description;
    }

    private long queueSize() {
        return buffer.stats().pending();
    }
}
