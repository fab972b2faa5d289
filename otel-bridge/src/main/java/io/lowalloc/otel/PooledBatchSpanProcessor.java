package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.HandOffReleaser;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.otel.internal.processor.BspConfiguration;
import io.lowalloc.otel.internal.processor.ProcessorMetrics;
import io.lowalloc.otel.internal.processor.ReadableSpanCopier;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A drop-in replacement for OpenTelemetry's {@code BatchSpanProcessor} that copies each ended span
 * into a pooled, reusable core {@link SpanData} and batches those through a {@link BatchBuffer}
 * to any {@link SpanExporter} (through a {@link SpanExporterAdapter}).
 *
 * <pre>{@code
 * SdkTracerProvider provider = SdkTracerProvider.builder()
 *     .addSpanProcessor(PooledBatchSpanProcessor.builder(exporter).build())
 *     .build();
 * }</pre>
 *
 * <h2>Same as {@code BatchSpanProcessor}</h2>
 * The builder options, their rules and defaults (queue
 * {@value BatchOptions#DEFAULT_MAX_QUEUE_SIZE}, batch {@value BatchOptions#DEFAULT_MAX_EXPORT_BATCH_SIZE},
 * delay {@value BatchOptions#DEFAULT_SCHEDULE_DELAY_MILLIS} ms, exporter timeout
 * {@value BatchOptions#DEFAULT_EXPORTER_TIMEOUT_MILLIS} ms, unsampled spans skipped), the
 * {@code otel.bsp.*} settings ({@link #builderFromEnvironment(SpanExporter)}), one named daemon
 * worker thread, exporter exceptions caught and logged, never thrown into the application.
 *
 * <h2>Added</h2>
 * <ul>
 *   <li>{@link FullQueuePolicy#BLOCK}: the ending thread may wait for space instead of dropping.</li>
 *   <li>An exact queue bound, and an enforced export timeout that also covers an
 *       {@code export()} call that blocks (the exporter is called from a thread of its own): an
 *       export that does not finish in time is abandoned (its spans are never reused, the exporter
 *       may keep reading them) and {@link #forceFlush()} and {@link #shutdown()} complete within
 *       their bounds. The exporter is never called again while a timed-out call still runs in it
 *       (one export at a time, as {@code SpanExporter} promises); later spans wait in the queue,
 *       dropped and counted when it fills.</li>
 *   <li>Flush results that report every loss, once: {@link #forceFlush()} fails if a span ended
 *       before it failed, was abandoned or was dropped (including failures of exports the
 *       schedule made before the call) and no earlier flush already failed for it.</li>
 *   <li>Counters taken once the export result is known ({@link #getStats()}), and
 *       semantic-convention self-metrics (below).</li>
 * </ul>
 *
 * <h2>Allocation</h2>
 * {@code onEnd} copies the span with one {@link ReadableSpan#toSpanData()} call (the only copy
 * the API offers; for an SDK span its wrapper does not escape the copy) and otherwise allocates
 * nothing once the pool is warm, except one array per array-valued attribute. The pooled span is
 * released when its export finished; the SDK span is not retained after {@code onEnd}. The worker
 * allocates a constant number of objects per export call; the exporter adapter hands out
 * reusable views (or copies, in copy mode).
 *
 * <h2>Metrics</h2>
 * With a meter provider ({@link PooledBatchSpanProcessorBuilder#setMeterProvider}), under the
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
public final class PooledBatchSpanProcessor implements SpanProcessor {

    /** Default for exporting unsampled spans: {@value}, as in OpenTelemetry. */
    public static final boolean DEFAULT_EXPORT_UNSAMPLED_SPANS = false;
    /** Default copy mode: {@value} (the exporter gets reusable views). */
    public static final boolean DEFAULT_COPY_MODE = false;
    /** The worker thread's name: {@value}. */
    public static final String WORKER_THREAD_NAME = "PooledBatchSpanProcessor_WorkerThread";

    private static final String FLUSH_THREAD_NAME = "PooledBatchSpanProcessor_FlushThread";
    private static final Logger LOGGER = Logger.getLogger(PooledBatchSpanProcessor.class.getName());
    private static final long INVALID_SPAN_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SpanExporter spanExporter;
    private final boolean exportUnsampledSpans;
    private final boolean copyMode;
    private final boolean blockWhenFull;
    private final Resource configuredResource;
    private final ObjectPool<SpanData> pool;
    // This processor queues the pool's spans, so it alone returns submitted ones (see SpanData).
    private final HandOffReleaser<SpanData> releaser;
    private final BatchBuffer<SpanData> buffer;
    private final ThreadLocal<ReadableSpanCopier> copiers = ThreadLocal.withInitial(ReadableSpanCopier::new);
    private final ProcessorMetrics metrics;
    private final ThreadPoolExecutor flushExecutor;
    private final String description;

    // Drop paths only: AtomicLong rather than LongAdder, which allocates cells under contention.
    private final AtomicLong rejectedAfterShutdown = new AtomicLong();
    private final AtomicLong invalidSpans = new AtomicLong();
    private final AtomicLong nextInvalidSpanLogNanos = new AtomicLong(System.nanoTime());
    // Invalid spans already reported by a flush that failed; the next flush fails if there are more.
    private final AtomicLong invalidReportedByFlush = new AtomicLong();
    private final AtomicReference<CompletableResultCode> shutdownResult = new AtomicReference<>();
    private volatile boolean shutdownStarted;
    private volatile Resource firstResource;
    // Built on the exporter thread at the first export (or the shutdown), once the resource is
    // known; every later use is on an exporter thread of the same buffer.
    private volatile SpanExporterAdapter adapter;

    PooledBatchSpanProcessor(PooledBatchSpanProcessorBuilder builder, BatchOptions options) {
        this.spanExporter = builder.spanExporter();
        this.exportUnsampledSpans = builder.exportUnsampledSpans();
        this.copyMode = builder.copyMode();
        this.blockWhenFull = options.fullQueuePolicy() == FullQueuePolicy.BLOCK;
        this.configuredResource = builder.resource();
        int poolCapacity = builder.poolCapacity(options);
        this.pool = SpanData.newPool(poolCapacity, builder.spanLimits());
        this.releaser = pool.claimHandOffReleaser();
        String componentName = builder.componentName() != null ? builder.componentName()
                : ProcessorMetrics.COMPONENT_TYPE + "/pooled-" + INSTANCES.getAndIncrement();
        this.metrics = new ProcessorMetrics(builder.meterProvider(), componentName, options.maxQueueSize(),
                this::queueSize);
        this.description = "PooledBatchSpanProcessor{spanExporter=" + spanExporter
                + ", exportUnsampledSpans=" + exportUnsampledSpans
                + ", scheduleDelayNanos=" + options.scheduleDelayNanos()
                + ", maxQueueSize=" + options.maxQueueSize()
                + ", maxExportBatchSize=" + options.maxExportBatchSize()
                + ", exporterTimeoutNanos=" + options.exporterTimeoutNanos()
                + ", fullQueuePolicy=" + options.fullQueuePolicy()
                + ", maxBlockTimeNanos=" + options.maxBlockTimeNanos()
                + ", poolCapacity=" + poolCapacity
                + ", copyMode=" + copyMode
                + ", componentName=" + componentName + '}';
        this.flushExecutor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, FLUSH_THREAD_NAME);
                    thread.setDaemon(true);
                    return thread;
                });
        this.buffer = BatchBuffer.builder(new ExportStage())
                .setBatchOptions(options)
                .setCompletionHook(releaser::release)
                .build();
    }

    /**
     * Starts a builder with the {@link BatchOptions#defaults() default batching options} and the
     * defaults quoted in the {@code DEFAULT_*} constants.
     *
     * @param spanExporter receives the spans
     * @return a new builder
     * @throws NullPointerException if {@code spanExporter} is null
     */
    public static PooledBatchSpanProcessorBuilder builder(SpanExporter spanExporter) {
        return new PooledBatchSpanProcessorBuilder(spanExporter);
    }

    /**
     * Creates a processor with the default settings; same as {@code builder(spanExporter).build()}.
     *
     * @param spanExporter receives the spans
     * @return a new processor, its worker thread started
     * @throws NullPointerException if {@code spanExporter} is null
     */
    public static PooledBatchSpanProcessor create(SpanExporter spanExporter) {
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
    public static PooledBatchSpanProcessorBuilder builderFromEnvironment(SpanExporter spanExporter) {
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
    public static PooledBatchSpanProcessorBuilder builderFromConfig(SpanExporter spanExporter,
            Function<String, String> systemProperties, Function<String, String> environment) {
        PooledBatchSpanProcessorBuilder builder = builder(spanExporter);
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
     * Copies an ended span into a pooled span and queues it for export. Unsampled spans are
     * skipped unless {@code exportUnsampledSpans} is set. If the queue is full the span is dropped
     * or, under {@link FullQueuePolicy#BLOCK}, the calling thread waits up to {@code maxBlockTime};
     * after {@link #shutdown()} it is rejected. Every span not queued is counted
     * ({@link #getStats()}) and never thrown about. Allocation: see the class comment.
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
        // Not a SpanRecorder: the span is not started here but copied from the SDK's, and a copy
        // that fails must go back to the pool unsubmitted; so the hand-off is done here.
        SpanData copy = pool.acquire();
        try {
            Resource resource = copiers.get().copy(span, copy);
            if (firstResource == null) {
                firstResource = resource;
            }
            copy.markSubmitted();
        } catch (RuntimeException e) {
            pool.release(copy);
            invalidSpan(span, e);
            return;
        }
        if (!buffer.offer(copy)) {
            releaser.release(copy);
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

    private void invalidSpan(ReadableSpan span, RuntimeException e) {
        long count = invalidSpans.incrementAndGet();
        metrics.droppedInvalidSpan();
        long now = System.nanoTime();
        long next = nextInvalidSpanLogNanos.get();
        if (now - next >= 0 && nextInvalidSpanLogNanos.compareAndSet(next, now + INVALID_SPAN_LOG_INTERVAL_NANOS)) {
            LOGGER.log(Level.WARNING, "PooledBatchSpanProcessor dropped a span it could not copy (" + span.getName()
                    + "); invalid spans so far: " + count, e);
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
     * the schedule made before the call) or timed out, or it was dropped (queue full, block
     * timeout, interrupt, invalid data); unless a flush that completed earlier already failed while
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
        long invalid = invalidSpans.get();
        runOnFlushThread(() -> complete(result, buffer.flush() & noNewInvalidSpans(invalid)));
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
        long invalid = invalidSpans.get();
        shutdownStarted = true;
        runOnFlushThread(() -> {
            // Bounded: every export and the exporter's shutdown are (unless the timeout is 0).
            boolean closed = buffer.close(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            complete(result, closed & noNewInvalidSpans(invalid));
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

    /**
     * The flush rule for spans the processor could not copy (never offered to the buffer, which
     * applies the rule to everything else): true unless more were counted before the flush than
     * an earlier failed flush reported; then records them as reported.
     */
    private boolean noNewInvalidSpans(long invalidAtCall) {
        long reported = invalidReportedByFlush.getAndAccumulate(invalidAtCall, Math::max);
        return invalidAtCall <= reported;
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
        long invalid = invalidSpans.get();
        return new SpanProcessorStats(buffer.stats(), pool.stats(), rejected, invalid);
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

    /**
     * Runs on the buffer's exporter thread: counts the batch, then hands it to the adapter; maps
     * the buffer's shutdown to the exporter's. The exporter's flush is not called by
     * {@code forceFlush}, as in {@code BatchSpanProcessor}.
     */
    private final class ExportStage implements BatchExporter<SpanData> {

        @Override
        public void export(List<SpanData> batch, ExportCompletion completion) {
            metrics.processed(batch.size());
            adapter().export(batch, completion);
        }

        @Override
        public void shutdown(ExportCompletion completion) {
            adapter().shutdown(completion);
        }

        private SpanExporterAdapter adapter() {
            SpanExporterAdapter current = adapter;
            if (current == null) {
                // The first span was copied (and its resource recorded) before it was queued.
                Resource resource = configuredResource != null ? configuredResource
                        : Objects.requireNonNullElse(firstResource, Resource.getDefault());
                current = SpanExporterAdapter.builder(spanExporter)
                        .setResource(resource)
                        .setCopyMode(copyMode)
                        .build();
                adapter = current;
            }
            return current;
        }
    }
}
