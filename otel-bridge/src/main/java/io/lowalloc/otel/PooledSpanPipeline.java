package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.EpochClock;
import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.Ids;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.Sampler;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.span.Traceparent;
import io.lowalloc.otel.internal.view.SpanContextView;
import io.lowalloc.otel.internal.view.TraceStateCache;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The allocation-free hot path from recording a span to exporting it with an OpenTelemetry
 * {@link SpanExporter}: a core {@link SpanRecorder} whose parents come from OpenTelemetry's
 * {@link Context} and whose exporter is a {@link SpanExporterAdapter}, with the batching options
 * and defaults of OpenTelemetry's {@code BatchSpanProcessor}.
 *
 * <pre>{@code
 * PooledSpanPipeline pipeline = PooledSpanPipeline.builder(otlpExporter).build();
 * SpanData span = pipeline.startSpan("GET /orders", SpanKind.SERVER); // parent from Context.current()
 * span.put("http.method", "GET");
 * pipeline.writeTraceparent(span, headerBytes, 0);                     // for an outgoing call
 * pipeline.end(span);                                                  // span belongs to the pipeline now
 * }</pre>
 *
 * <p>Spans live as the recorder documents: {@link #startSpan} acquires one from the pool, the
 * caller writes it, {@link #end} hands it off (dropped spans go back to the pool at once,
 * exported ones when the exporter's result is known, timed-out ones are abandoned), and
 * {@link #stats()} accounts for every span. A span whose parent context is valid joins its trace
 * (trace id, parent span id, trace flags, trace state and remote bit); otherwise it starts a new
 * trace. A parent context counts as valid only if its ids are: 32 and 16 hex digits, not all
 * zeros, whatever its {@code isValid()} says (a custom {@code SpanContext} may claim validity).
 * The sampler ({@link Builder#setSampler(Sampler)}, default {@code parentbased_always_on}) then
 * decides; an unsampled span keeps valid ids but ignores writes and is never exported, counted as
 * {@code notSampled} (see {@link SpanRecorder}). {@link #end} rejects a span of another pipeline or
 * recorder with {@link IllegalArgumentException}.
 *
 * <p><b>Context, the other way.</b> {@link #makeCurrent(SpanData)} makes a pooled span the current
 * span for OpenTelemetry-instrumented code below it, so an SDK span started there has our trace id
 * and our span id as its parent, and OpenTelemetry's propagators inject our ids. The
 * {@code Context} holds {@code Span.wrap} of an immutable {@code SpanContext} copied from the
 * pooled span, never the pooled span, so nothing it keeps changes when the span is recycled. It
 * allocates (see {@link #spanContext(SpanData)}); the zero-allocation path does not need it.
 *
 * <p><b>Flush, close and exit.</b> {@link #flush()} exports every span ended before it, then
 * flushes the exporter, and follows the flush rule of
 * {@link io.lowalloc.core.batch.BatchBuffer#flush()}: false if any span ended before the call was
 * not exported (failed, abandoned at the export timeout, or dropped) unless an earlier flush
 * already returned false for it. The export timeout covers a {@code SpanExporter.export} call that
 * blocks, and bounds the exporter's flush and shutdown; a {@code null} result or an exception from
 * them is a failure (logged, rate-limited), never thrown. {@link #close()} exports what is pending,
 * shuts the exporter down exactly once and stops the worker, bounded by the export timeout whatever
 * the exporter does; no export follows the shutdown. Called inside {@code export()} it only starts
 * the close, and a later {@code close()} waits for it. A JVM shutdown hook, on by default
 * ({@link Builder#setShutdownHook(boolean)}), closes the pipeline at exit within
 * {@value SpanRecorder#SHUTDOWN_HOOK_TIMEOUT_MILLIS} ms and logs what it could not deliver.
 *
 * <p><b>Allocation and threads.</b> In steady state (pool warm, views grown) {@link #startSpan},
 * the span's setters, {@link #end} and {@link #writeTraceparent} allocate nothing, on any number
 * of threads; nor do the export worker and its exporter thread per span in view mode (see
 * {@link SpanExporterAdapter} for what the exporter's reads cost). {@link #stats()},
 * {@link #flush()} and {@link #close()} allocate. All methods are thread-safe.
 */
public final class PooledSpanPipeline implements AutoCloseable {

    /** Default export worker thread name: {@value}. */
    public static final String DEFAULT_WORKER_THREAD_NAME = "lowalloc-otel-span-export";

    private final SpanRecorder recorder;
    private final SpanExporterAdapter adapter;

    private PooledSpanPipeline(SpanRecorder recorder, SpanExporterAdapter adapter) {
        this.recorder = recorder;
        this.adapter = adapter;
    }

    /**
     * Starts a builder with the {@link BatchOptions#defaults() default batching options} (worker
     * thread {@value #DEFAULT_WORKER_THREAD_NAME}) and the defaults of its setters.
     *
     * @param exporter the exporter that receives the spans; shut down by {@link #close()}
     * @return a new builder
     * @throws NullPointerException if {@code exporter} is {@code null}
     */
    public static Builder builder(SpanExporter exporter) {
        return new Builder(Objects.requireNonNull(exporter, "exporter"));
    }

    /**
     * Starts a span whose parent is the span of the current OpenTelemetry {@link Context}
     * ({@code Span.current()}), or a new trace if that span's context is invalid.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is {@code null}
     */
    public SpanData startSpan(String name, SpanKind kind) {
        check(name, kind);
        return startWithParent(name, kind, Span.current().getSpanContext());
    }

    /**
     * Starts a span whose parent is the span of {@code parent}, or a new trace if that span's
     * context is invalid.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param parent the context holding the parent span
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is {@code null}
     */
    public SpanData startSpan(String name, SpanKind kind, Context parent) {
        check(name, kind);
        Objects.requireNonNull(parent, "parent");
        return startWithParent(name, kind, Span.fromContext(parent).getSpanContext());
    }

    /**
     * Starts a span with an explicit parent context (for example one extracted from an incoming
     * request), or a new trace if {@code parent} is invalid: {@code isValid()} false, or ids that
     * are not 32 and 16 hex digits or are all zeros, whatever {@code isValid()} claims. The
     * parent's hex ids are checked and parsed in place, without allocating.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param parent the parent's span context
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalStateException if {@code parent} is a span context this library handed to an
     *     exporter in view mode and that export has completed (the message names copy mode)
     */
    public SpanData startSpan(String name, SpanKind kind, SpanContext parent) {
        check(name, kind);
        Objects.requireNonNull(parent, "parent");
        return startWithParent(name, kind, parent);
    }

    /**
     * Starts a span from the W3C {@code traceparent} and {@code tracestate} headers of an
     * incoming request; see {@link SpanRecorder#startSpan(String, SpanKind, CharSequence, String)}
     * (an invalid {@code traceparent} starts a new trace and is counted). Parsing allocates
     * nothing.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param traceparent the {@code traceparent} value; null if the request had none
     * @param traceState the {@code tracestate} value, held by reference; null or {@code ""} for
     *     none
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if {@code name} or {@code kind} is null
     */
    public SpanData startSpan(String name, SpanKind kind, CharSequence traceparent, String traceState) {
        return recorder.startSpan(name, kind, traceparent, traceState);
    }

    /**
     * Starts a local child of a span of this pipeline that is not yet exported; see
     * {@link SpanRecorder#startSpan(String, SpanKind, SpanData)}.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param parent the parent span
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code parent} has no valid trace id or span id (for
     *     example because it went back to its pool)
     */
    public SpanData startSpan(String name, SpanKind kind, SpanData parent) {
        return recorder.startSpan(name, kind, parent);
    }

    private SpanData startWithParent(String name, SpanKind kind, SpanContext parent) {
        if (parent instanceof SpanContextView view) { // one of our own views: the longs are at hand
            if (view.isValid()) {
                return recorder.startSpan(name, kind, view.traceIdHigh(), view.traceIdLow(), view.spanId(),
                        view.getTraceFlags().asByte(), view.isRemote(), w3cTraceState(view.getTraceState()));
            }
        } else if (parent.isValid()) {
            // getTraceId()/getSpanId() return the strings the context already holds; checking and
            // parsing them in place allocates nothing. isValid() is the context's own claim: a
            // custom implementation may return true for ids that are malformed or all zeros.
            String traceId = parent.getTraceId();
            String spanId = parent.getSpanId();
            if (isHex(traceId, HexIds.TRACE_ID_HEX_LENGTH) && isHex(spanId, HexIds.SPAN_ID_HEX_LENGTH)) {
                long high = HexIds.parseLong16(traceId, 0);
                long low = HexIds.parseLong16(traceId, HexIds.SPAN_ID_HEX_LENGTH);
                long parentSpanId = HexIds.parseLong16(spanId, 0);
                if (Ids.isValidTraceId(high, low) && Ids.isValidSpanId(parentSpanId)) {
                    return recorder.startSpan(name, kind, high, low, parentSpanId, parent.getTraceFlags().asByte(),
                            parent.isRemote(), w3cTraceState(parent.getTraceState()));
                }
            }
        }
        return recorder.startSpan(name, kind);
    }

    /** The W3C form of a parent's trace state: {@code ""} when empty (no allocation), else built. */
    private static String w3cTraceState(TraceState traceState) {
        if (traceState.isEmpty()) {
            return "";
        }
        StringBuilder w3c = new StringBuilder();
        traceState.forEach((key, value) -> w3c.append(w3c.length() == 0 ? "" : ",").append(key).append('=')
                .append(value));
        return io.lowalloc.core.span.TraceState.carry(w3c.toString());
    }

    /**
     * Returns an immutable OpenTelemetry {@link SpanContext} of {@code span}: its ids as hex,
     * trace flags and trace state (parsed through a bounded cache), local. Allocates the context
     * and its two hex strings (and, on a cache miss, the parsed trace state); independent of the
     * pooled span once returned.
     *
     * @param span a span of this pipeline that is acquired or ended
     * @return a new span context with the span's ids
     * @throws NullPointerException if {@code span} is null
     * @throws IllegalArgumentException if the span has no valid ids (for example because it went
     *     back to its pool)
     */
    public SpanContext spanContext(SpanData span) {
        Objects.requireNonNull(span, "span");
        if (!Ids.isValidTraceId(span.traceIdHigh(), span.traceIdLow()) || !Ids.isValidSpanId(span.spanId())) {
            throw new IllegalArgumentException("span must have a valid trace id and span id, was: state="
                    + span.state());
        }
        return SpanContext.create(HexIds.traceIdToHex(span.traceIdHigh(), span.traceIdLow()),
                HexIds.spanIdToHex(span.spanId()), TraceFlags.fromByte(span.traceFlags()),
                TraceStateCache.get(span.traceState()));
    }

    /**
     * Returns {@code context} with {@code span} as its current span: {@code Span.wrap} of
     * {@link #spanContext(SpanData)}, a non-recording OpenTelemetry span that only carries the
     * ids. Allocates the span context, the wrapper and the new context.
     *
     * @param context the context to extend
     * @param span a span of this pipeline that is acquired or ended
     * @return a new context whose span has the pooled span's ids
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the span has no valid ids
     */
    public Context storeInContext(Context context, SpanData span) {
        Objects.requireNonNull(context, "context");
        return context.with(Span.wrap(spanContext(span)));
    }

    /**
     * Makes {@code span} the current span of the current thread's {@link Context} until the
     * returned scope is closed, so OpenTelemetry-instrumented code called meanwhile sees it as the
     * parent (see the class documentation). Close the scope before ending the span, on the same
     * thread ({@code try (Scope ignored = pipeline.makeCurrent(span)) { ... }}). Allocates what
     * {@link #storeInContext(Context, SpanData)} does plus the scope.
     *
     * @param span a span of this pipeline that is acquired or ended
     * @return the scope that restores the previous context when closed
     * @throws NullPointerException if {@code span} is null
     * @throws IllegalArgumentException if the span has no valid ids
     */
    public Scope makeCurrent(SpanData span) {
        return storeInContext(Context.current(), span).makeCurrent();
    }

    private static boolean isHex(String id, int length) {
        return id != null && id.length() == length && HexIds.isValidHex(id, 0, length);
    }

    // Before the parent is touched, so that a null name or kind is reported as such.
    private static void check(String name, SpanKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Ends {@code span} now (unless it was ended already) and hands it to the pipeline for
     * export; see {@link SpanRecorder#end(SpanData)}.
     *
     * @param span a span started by this pipeline, acquired or ended
     * @return true if the span was queued; false if it was dropped (queue full, or closed)
     * @throws NullPointerException if {@code span} is {@code null}
     * @throws IllegalArgumentException if another pipeline or recorder started {@code span}
     * @throws IllegalStateException if {@code span} was already submitted or is back in its pool
     */
    public boolean end(SpanData span) {
        return recorder.end(span);
    }

    /**
     * Ends {@code span} at {@code endEpochNanos} and hands it to the pipeline, as
     * {@link #end(SpanData)}.
     *
     * @param span a span started by this pipeline, still acquired
     * @param endEpochNanos the end time in nanoseconds since the Unix epoch, {@code >= 0}
     * @return true if the span was queued; false if it was dropped (queue full, or closed)
     * @throws NullPointerException if {@code span} is {@code null}
     * @throws IllegalStateException if {@code span} is not acquired (already ended or submitted)
     * @throws IllegalArgumentException if another pipeline or recorder started {@code span}, or if
     *     {@code endEpochNanos < 0}
     */
    public boolean end(SpanData span, long endEpochNanos) {
        return recorder.end(span, endEpochNanos);
    }

    /**
     * Writes the W3C {@code traceparent} header value of {@code span}
     * ({@code 00-<trace id>-<span id>-<flags>}, {@value Traceparent#LENGTH} ASCII bytes)
     * into {@code dst} for an outgoing request. Allocates nothing.
     *
     * @param span the span (the callee's parent)
     * @param dst the destination
     * @param offset where the first byte goes
     * @return the number of bytes written, {@value Traceparent#LENGTH}
     * @throws NullPointerException if {@code span} or {@code dst} is {@code null}
     * @throws IndexOutOfBoundsException if {@code dst} has no room for the value at {@code offset}
     * @throws IllegalArgumentException if the span's trace id or span id is all zeros
     */
    public int writeTraceparent(SpanData span, byte[] dst, int offset) {
        Objects.requireNonNull(span, "span");
        return Traceparent.write(span.traceIdHigh(), span.traceIdLow(), span.spanId(), span.traceFlags(), dst,
                offset);
    }

    /**
     * Writes the W3C {@code traceparent} header value of {@code span} into {@code dst}, as
     * {@link #writeTraceparent(SpanData, byte[], int)}. Allocates nothing.
     *
     * @param span the span (the callee's parent)
     * @param dst the destination
     * @param offset where the first character goes
     * @return the number of characters written, {@value Traceparent#LENGTH}
     * @throws NullPointerException if {@code span} or {@code dst} is {@code null}
     * @throws IndexOutOfBoundsException if {@code dst} has no room for the value at {@code offset}
     * @throws IllegalArgumentException if the span's trace id or span id is all zeros
     */
    public int writeTraceparent(SpanData span, char[] dst, int offset) {
        Objects.requireNonNull(span, "span");
        return Traceparent.write(span.traceIdHigh(), span.traceIdLow(), span.spanId(), span.traceFlags(), dst,
                offset);
    }

    /**
     * Exports every span ended before this call, then flushes the exporter
     * ({@code SpanExporter.flush()}, if a span reached it since its last flush). Each export and
     * the exporter's flush are bounded by the export timeout; see
     * {@link io.lowalloc.core.batch.BatchBuffer#flush()} for the whole bound.
     *
     * @return true iff every span ended before this call was exported successfully and the
     *     exporter's flush succeeded, under the flush rule (see the class documentation)
     */
    public boolean flush() {
        return recorder.flush();
    }

    /**
     * Like {@link #flush()}, but gives up after {@code timeout}, returning false.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @param unit the unit of {@code timeout}
     * @return true iff every span ended before this call was exported successfully in time and
     *     the exporter's flush succeeded, under the flush rule
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws NullPointerException if {@code unit} is {@code null}
     */
    public boolean flush(long timeout, TimeUnit unit) {
        return recorder.flush(timeout, unit);
    }

    /**
     * Closes the pipeline: spans ended from now on are rejected (counted, returned to the pool);
     * every pending span is exported; the exporter is shut down ({@code SpanExporter.shutdown()})
     * exactly once, after the last export; the worker stops; the shutdown hook is removed. Each
     * export and the shutdown are bounded by the export timeout, whatever the exporter does; see
     * {@link io.lowalloc.core.batch.BatchBuffer#close()} for the whole bound. Idempotent: later
     * calls return once the first has finished. Called inside the exporter's {@code export()} (on
     * the pipeline's own threads) it only starts the close; a later call from another thread waits
     * for the drain and the shutdown.
     */
    @Override
    public void close() {
        recorder.close();
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once closing started
     */
    public boolean isClosed() {
        return recorder.isClosed();
    }

    /**
     * Takes a snapshot of the recorder's counters; see {@link RecorderStats} for the accounting.
     * Allocates the snapshot.
     *
     * @return the snapshot
     */
    public RecorderStats stats() {
        return recorder.stats();
    }

    /** The batching options, for tests. */
    BatchOptions batchOptions() {
        return recorder.batchOptions();
    }

    /** The adapter, for tests. */
    SpanExporterAdapter adapter() {
        return adapter;
    }

    /**
     * Describes the pipeline: adapter and recorder. Allocates.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "PooledSpanPipeline{adapter=" + adapter + ", recorder=" + recorder + "}";
    }

    /**
     * Configures and builds a {@link PooledSpanPipeline}. The batching options are
     * {@link BatchOptions} under its {@linkplain BatchOptions.Builder#openTelemetryCompatible()
     * OpenTelemetry-compatible rules}, as {@code BatchSpanProcessorBuilder} takes them; their
     * setters here forward to {@link BatchOptions.Builder}, the pool and clock setters to
     * {@link SpanRecorder.Builder}, the export setters to {@link SpanExporterAdapter.Builder};
     * those document and validate them. Setters validate at once and return this. Not
     * thread-safe. Each {@link #build()} makes an independent pipeline.
     */
    public static final class Builder {

        private BatchOptions.Builder options = BatchOptions.builder().openTelemetryCompatible()
                .setWorkerThreadName(DEFAULT_WORKER_THREAD_NAME);
        private final SpanRecorder.Builder recorder = SpanRecorder.builder();
        private final SpanExporterAdapter.Builder adapter;

        private Builder(SpanExporter exporter) {
            this.adapter = SpanExporterAdapter.builder(exporter);
        }

        /**
         * Replaces every batching option with {@code options}; the setters below then change
         * them further.
         *
         * @param options the options
         * @return this
         * @throws NullPointerException if {@code options} is {@code null}
         */
        public Builder setBatchOptions(BatchOptions options) {
            this.options = Objects.requireNonNull(options, "options").toBuilder().openTelemetryCompatible();
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxQueueSize(int)}: the exact maximum number
         * of ended spans waiting for export.
         *
         * @param maxQueueSize in {@code [1, BatchOptions.MAX_QUEUE_SIZE_LIMIT]}
         * @return this
         */
        public Builder setMaxQueueSize(int maxQueueSize) {
            options.setMaxQueueSize(maxQueueSize);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxExportBatchSize(int)}: the most spans per
         * export call; above {@code maxQueueSize} it is lowered to that with a warning.
         *
         * @param maxExportBatchSize {@code >= 1}
         * @return this
         */
        public Builder setMaxExportBatchSize(int maxExportBatchSize) {
            options.setMaxExportBatchSize(maxExportBatchSize);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setScheduleDelay(long, TimeUnit)}.
         *
         * @param delay {@code >= 0}
         * @param unit the unit of {@code delay}
         * @return this
         */
        public Builder setScheduleDelay(long delay, TimeUnit unit) {
            options.setScheduleDelay(delay, unit);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setScheduleDelay(Duration)}.
         *
         * @param delay {@code >= 0}
         * @return this
         */
        public Builder setScheduleDelay(Duration delay) {
            options.setScheduleDelay(delay);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setExporterTimeout(long, TimeUnit)}. The timeout
         * covers a {@code SpanExporter.export} call that blocks, and also bounds how long
         * {@link PooledSpanPipeline#flush()} and {@link PooledSpanPipeline#close()} wait for the
         * exporter's flush or shutdown.
         *
         * @param timeout {@code >= 0}; 0 means no timeout
         * @param unit the unit of {@code timeout}
         * @return this
         */
        public Builder setExporterTimeout(long timeout, TimeUnit unit) {
            options.setExporterTimeout(timeout, unit);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setExporterTimeout(Duration)}.
         *
         * @param timeout {@code >= 0}; 0 means no timeout
         * @return this
         */
        public Builder setExporterTimeout(Duration timeout) {
            options.setExporterTimeout(timeout);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setFullQueuePolicy(FullQueuePolicy)}: what
         * {@link PooledSpanPipeline#end} does when the queue is full.
         *
         * @param policy the policy
         * @return this
         */
        public Builder setFullQueuePolicy(FullQueuePolicy policy) {
            options.setFullQueuePolicy(policy);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxBlockTime(long, TimeUnit)}.
         *
         * @param maxBlockTime {@code > 0}
         * @param unit the unit of {@code maxBlockTime}
         * @return this
         */
        public Builder setMaxBlockTime(long maxBlockTime, TimeUnit unit) {
            options.setMaxBlockTime(maxBlockTime, unit);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxBlockTime(Duration)}.
         *
         * @param maxBlockTime {@code > 0}
         * @return this
         */
        public Builder setMaxBlockTime(Duration maxBlockTime) {
            options.setMaxBlockTime(maxBlockTime);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setWorkerThreadName(String)}. Default
         * {@value PooledSpanPipeline#DEFAULT_WORKER_THREAD_NAME}.
         *
         * @param name a non-blank name
         * @return this
         */
        public Builder setWorkerThreadName(String name) {
            options.setWorkerThreadName(name);
            return this;
        }

        /**
         * Forwards to {@link SpanRecorder.Builder#setSpanLimits(SpanLimits)}: the storage limits
         * of every pooled span.
         *
         * @param spanLimits the limits
         * @return this
         */
        public Builder setSpanLimits(SpanLimits spanLimits) {
            recorder.setSpanLimits(spanLimits);
            return this;
        }

        /**
         * Forwards to {@link SpanRecorder.Builder#setPoolCapacity(int)}: how many idle spans the
         * pool keeps; by default every span that can be queued or exported at once, plus
         * {@value SpanRecorder#DEFAULT_POOL_HEADROOM}.
         *
         * @param poolCapacity in {@code [1, ObjectPool.MAX_CAPACITY]}
         * @return this
         */
        public Builder setPoolCapacity(int poolCapacity) {
            recorder.setPoolCapacity(poolCapacity);
            return this;
        }

        /**
         * Forwards to {@link SpanRecorder.Builder#setPrefill(int)}: how many spans
         * {@link #build()} creates up front.
         *
         * @param prefill in {@code [0, poolCapacity]}, checked by {@link #build()}
         * @return this
         */
        public Builder setPrefill(int prefill) {
            recorder.setPrefill(prefill);
            return this;
        }

        /**
         * Forwards to {@link SpanRecorder.Builder#setClock(EpochClock)}: the clock of start and
         * end times, by default {@link EpochClock#system()} anchored when {@link #build()} runs.
         *
         * @param clock an allocation-free clock
         * @return this
         */
        public Builder setClock(EpochClock clock) {
            recorder.setClock(clock);
            return this;
        }

        /**
         * Forwards to {@link SpanRecorder.Builder#setSampler(Sampler)}: decides at start whether a
         * span is recorded and exported. Default {@code parentbased_always_on};
         * {@link io.lowalloc.core.span.SamplerConfig} reads {@code otel.traces.sampler}.
         *
         * @param sampler the sampler
         * @return this
         */
        public Builder setSampler(Sampler sampler) {
            recorder.setSampler(sampler);
            return this;
        }

        /**
         * Forwards to {@link SpanRecorder.Builder#setShutdownHook(boolean)}: whether the pipeline
         * registers a JVM shutdown hook that closes it at exit (within
         * {@value SpanRecorder#SHUTDOWN_HOOK_TIMEOUT_MILLIS} ms) and logs the spans it could not
         * deliver. Default {@value SpanRecorder#DEFAULT_SHUTDOWN_HOOK}.
         *
         * @param shutdownHook true to register the hook
         * @return this
         */
        public Builder setShutdownHook(boolean shutdownHook) {
            recorder.setShutdownHook(shutdownHook);
            return this;
        }

        /**
         * Sets the resource every exported span shows. Default {@code Resource.getDefault()}.
         *
         * @param resource the resource
         * @return this
         * @throws NullPointerException if {@code resource} is {@code null}
         */
        public Builder setResource(Resource resource) {
            adapter.setResource(resource);
            return this;
        }

        /**
         * Sets the scope of spans whose attachment is not an {@code InstrumentationScopeInfo}.
         * Default: name {@value SpanExporterAdapter#DEFAULT_SCOPE_NAME}.
         *
         * @param scope the default scope
         * @return this
         * @throws NullPointerException if {@code scope} is {@code null}
         */
        public Builder setInstrumentationScope(InstrumentationScopeInfo scope) {
            adapter.setInstrumentationScope(scope);
            return this;
        }

        /**
         * Chooses copy mode for exporters that keep spans after their export completes (such as
         * {@code InMemorySpanExporter}); see {@link SpanExporterAdapter}. Default
         * {@value SpanExporterAdapter#DEFAULT_COPY_MODE}.
         *
         * @param copyMode {@code true} for immutable copies, {@code false} for reusable views
         * @return this
         */
        public Builder setCopyMode(boolean copyMode) {
            adapter.setCopyMode(copyMode);
            return this;
        }

        /**
         * Builds the batching options ({@link BatchOptions.Builder#build()}), the adapter and the
         * recorder, and starts the recorder's worker thread.
         *
         * @return a new pipeline
         * @throws IllegalArgumentException if {@code prefill} exceeds the pool capacity
         */
        public PooledSpanPipeline build() {
            SpanExporterAdapter exporter = adapter.build();
            return new PooledSpanPipeline(recorder.setBatchOptions(options.build()).build(exporter), exporter);
        }
    }
}
