package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.EpochClock;
import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.Traceparent;
import io.lowalloc.core.span.Ids;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanState;
import io.lowalloc.otel.internal.view.SpanContextView;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The allocation-free hot path from recording a span to exporting it with an OpenTelemetry
 * {@link SpanExporter}: pooled core spans, a {@link BatchBuffer} and a
 * {@link SpanExporterAdapter}, with the options and defaults of OpenTelemetry's
 * {@code BatchSpanProcessor}.
 *
 * <pre>{@code
 * PooledSpanPipeline pipeline = PooledSpanPipeline.builder(otlpExporter).build();
 * SpanData span = pipeline.startSpan("GET /orders", SpanKind.SERVER); // parent from Context.current()
 * span.put("http.method", "GET");
 * pipeline.writeTraceparent(span, headerBytes, 0);                     // for an outgoing call
 * pipeline.end(span);                                                  // span belongs to the pipeline now
 * }</pre>
 *
 * <h2>Span lifecycle</h2>
 * {@link #startSpan} acquires a span from the pipeline's pool and sets its ids, parent, flags,
 * name, kind and start time; the caller (one thread at a time) then sets attributes, events,
 * links and status on it, and hands it back with {@link #end}, which sets the end time (unless
 * the caller ended it already), marks it submitted (any later write throws) and queues it. When
 * the export's result is known the span returns to the pool; if the queue is full (or the
 * pipeline closed) the span is dropped, counted and returned to the pool at once; if the exporter
 * does not complete within the export timeout the span is abandoned to it, counted, and never
 * reused. See {@link PipelineStats} for the accounting. Spans must come from this pipeline.
 *
 * <h2>Parents and sampling</h2>
 * A span whose parent context is valid joins its trace: same trace id, the parent's span id,
 * the parent's remote flag and trace flags. Otherwise it starts a new trace with random ids and
 * the sampled flag set. The pipeline does not sample: every ended span is exported, whatever its
 * flags.
 *
 * <h2>Allocation and threads</h2>
 * In steady state (pool warm, views grown) {@link #startSpan}, the span's setters, {@link #end}
 * and {@link #writeTraceparent} allocate nothing, on any number of threads; nor does the export
 * worker per span in view mode (see {@link SpanExporterAdapter} for what the exporter's reads
 * cost). {@link #stats()}, {@link #flush()} and {@link #close()} allocate a little. All methods
 * are thread-safe.
 */
public final class PooledSpanPipeline implements AutoCloseable {

    /** Default {@code maxQueueSize}: {@value}, as in OpenTelemetry's {@code BatchSpanProcessor}. */
    public static final int DEFAULT_MAX_QUEUE_SIZE = BatchBuffer.DEFAULT_MAX_QUEUE_SIZE;
    /** Default {@code maxExportBatchSize}: {@value}, as in OpenTelemetry. */
    public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = BatchBuffer.DEFAULT_MAX_EXPORT_BATCH_SIZE;
    /** Default {@code scheduleDelay}: {@value} milliseconds, as in OpenTelemetry. */
    public static final long DEFAULT_SCHEDULE_DELAY_MILLIS = BatchBuffer.DEFAULT_SCHEDULE_DELAY_MILLIS;
    /** Default {@code exporterTimeout}: {@value} milliseconds, as in OpenTelemetry. */
    public static final long DEFAULT_EXPORTER_TIMEOUT_MILLIS = BatchBuffer.DEFAULT_EXPORT_TIMEOUT_MILLIS;
    /** Default {@code maxBlockTime} under {@link FullQueuePolicy#BLOCK}: {@value} milliseconds. */
    public static final long DEFAULT_MAX_BLOCK_TIME_MILLIS = BatchBuffer.DEFAULT_MAX_BLOCK_TIME_MILLIS;
    /** Default full-queue policy: {@link FullQueuePolicy#DROP}, as in OpenTelemetry. */
    public static final FullQueuePolicy DEFAULT_FULL_QUEUE_POLICY = BatchBuffer.DEFAULT_FULL_QUEUE_POLICY;
    /**
     * Spans being recorded at once that the default pool capacity allows for, on top of every
     * span that can be queued or exported: {@value}.
     */
    public static final int DEFAULT_POOL_HEADROOM = 256;
    /** Default export worker thread name: {@value}. */
    public static final String DEFAULT_WORKER_THREAD_NAME = "lowalloc-otel-span-export";

    private static final byte SAMPLED = 0x01;

    private final ObjectPool<SpanData> pool;
    private final BatchBuffer<SpanData> buffer;
    private final SpanExporterAdapter adapter;
    private final EpochClock clock;
    private final long exporterTimeoutNanos;
    private final Object closeLock = new Object();
    private volatile boolean closed; // written under closeLock

    private PooledSpanPipeline(Builder builder, ObjectPool<SpanData> pool, SpanExporterAdapter adapter,
            EpochClock clock) {
        this.pool = pool;
        this.adapter = adapter;
        this.clock = clock;
        this.exporterTimeoutNanos = builder.exporterTimeoutNanos;
        this.buffer = BatchBuffer.builder(adapter)
                .setMaxQueueSize(builder.maxQueueSize)
                .setMaxExportBatchSize(builder.maxExportBatchSize)
                .setScheduleDelay(builder.scheduleDelayNanos, TimeUnit.NANOSECONDS)
                .setExportTimeout(builder.exporterTimeoutNanos, TimeUnit.NANOSECONDS)
                .setFullQueuePolicy(builder.fullQueuePolicy)
                .setMaxBlockTime(builder.maxBlockNanos, TimeUnit.NANOSECONDS)
                .setWorkerThreadName(builder.workerThreadName)
                .setCompletionHook(pool::release)
                .build();
    }

    /**
     * Starts a builder with the defaults quoted in the {@code DEFAULT_*} constants.
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
     * ({@code Span.current()}), or a new trace if that span's context is invalid. Allocates
     * nothing in steady state.
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
     * context is invalid. Allocates nothing in steady state.
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
     * request), or a new trace if {@code parent} is invalid. Allocates nothing in steady state:
     * the parent's hex ids are parsed in place.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param parent the parent's span context
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is {@code null}
     */
    public SpanData startSpan(String name, SpanKind kind, SpanContext parent) {
        check(name, kind);
        Objects.requireNonNull(parent, "parent");
        return startWithParent(name, kind, parent);
    }

    /**
     * Starts a child of a span of this pipeline that is still being recorded (or at least not
     * yet ended and exported: an exported span may already be reused for another trace). The
     * child is local: not remote. Allocates nothing in steady state.
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
        check(name, kind);
        Objects.requireNonNull(parent, "parent");
        if (!Ids.isValidTraceId(parent.traceIdHigh(), parent.traceIdLow()) || !Ids.isValidSpanId(parent.spanId())) {
            throw new IllegalArgumentException("parent must have a valid trace id and span id, was: state="
                    + parent.state() + ", traceId=" + HexIds.traceIdToHex(parent.traceIdHigh(), parent.traceIdLow())
                    + ", spanId=" + HexIds.spanIdToHex(parent.spanId()));
        }
        return start(name, kind, parent.traceIdHigh(), parent.traceIdLow(), parent.spanId(), false,
                parent.traceFlags());
    }

    private SpanData startWithParent(String name, SpanKind kind, SpanContext parent) {
        if (parent instanceof SpanContextView) { // one of our own views: the longs are at hand
            SpanContextView view = (SpanContextView) parent;
            if (view.isValid()) {
                return start(name, kind, view.traceIdHigh(), view.traceIdLow(), view.spanId(), view.isRemote(),
                        view.getTraceFlags().asByte());
            }
        } else if (parent.isValid()) {
            // getTraceId()/getSpanId() return the strings the context already holds; parsing them
            // in place allocates nothing.
            String traceId = parent.getTraceId();
            return start(name, kind, HexIds.parseLong16(traceId, 0),
                    HexIds.parseLong16(traceId, HexIds.SPAN_ID_HEX_LENGTH), HexIds.parseLong16(parent.getSpanId(), 0),
                    parent.isRemote(), parent.getTraceFlags().asByte());
        }
        return start(name, kind, Ids.randomTraceIdHigh(), Ids.randomTraceIdLow(), 0L, false, SAMPLED);
    }

    private SpanData start(String name, SpanKind kind, long traceIdHigh, long traceIdLow, long parentSpanId,
            boolean remote, byte flags) {
        SpanData span = pool.acquire();
        span.setTraceId(traceIdHigh, traceIdLow)
                .setSpanId(Ids.randomSpanId())
                .setParent(parentSpanId, remote)
                .setTraceFlags(flags)
                .setName(name)
                .setKind(kind)
                .setStartEpochNanos(clock.nowEpochNanos());
        return span;
    }

    private static void check(String name, SpanKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Ends {@code span} now (unless it was ended already) and hands it to the pipeline for export.
     * From then on the span belongs to the pipeline: any write throws, and it goes back to the
     * pool once exported, failed or dropped. A span ended after {@link #close()} is rejected,
     * counted ({@code rejectedAfterClose}) and returned to the pool. Allocates nothing (the
     * rate-limited drop log line aside).
     *
     * @param span a span started by this pipeline, acquired or ended
     * @return true if the span was queued; false if it was dropped (queue full, or closed)
     * @throws NullPointerException if {@code span} is {@code null}
     * @throws IllegalStateException if {@code span} was already submitted or is back in its pool
     */
    public boolean end(SpanData span) {
        Objects.requireNonNull(span, "span");
        if (span.state() == SpanState.ACQUIRED) {
            span.end(clock.nowEpochNanos());
        }
        return submit(span);
    }

    /**
     * Ends {@code span} at {@code endEpochNanos} and hands it to the pipeline, as {@link #end(SpanData)}.
     *
     * @param span a span started by this pipeline, still acquired
     * @param endEpochNanos the end time in nanoseconds since the Unix epoch, {@code >= 0}
     * @return true if the span was queued; false if it was dropped (queue full, or closed)
     * @throws NullPointerException if {@code span} is {@code null}
     * @throws IllegalStateException if {@code span} is not acquired (already ended or submitted)
     * @throws IllegalArgumentException if {@code endEpochNanos < 0}
     */
    public boolean end(SpanData span, long endEpochNanos) {
        Objects.requireNonNull(span, "span");
        span.end(endEpochNanos);
        return submit(span);
    }

    private boolean submit(SpanData span) {
        span.markSubmitted();
        if (buffer.offer(span)) {
            return true;
        }
        // Dropped (counted by the buffer): the span is still ours, and nobody else can see it.
        pool.release(span);
        return false;
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
     * Exports every span ended before this call, then flushes the exporter; waits without a
     * time limit for the buffer (each export is bounded by the exporter timeout) and up to the
     * exporter timeout for the exporter's flush.
     *
     * @return true iff every such span was exported successfully and the exporter's flush
     *     succeeded
     */
    public boolean flush() {
        return flush(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * Like {@link #flush()}, but waits at most {@code timeout} for the buffer.
     *
     * @param timeout the longest wait for the buffer, {@code >= 0}
     * @param unit the unit of {@code timeout}
     * @return true iff every span ended before this call was exported successfully in time and
     *     the exporter's flush succeeded
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws NullPointerException if {@code unit} is {@code null}
     */
    public boolean flush(long timeout, TimeUnit unit) {
        boolean exported = buffer.flush(timeout, unit);
        CompletableResultCode flushed = adapter.flush().join(exporterTimeoutNanos, TimeUnit.NANOSECONDS);
        return exported && flushed.isSuccess();
    }

    /**
     * Closes the pipeline: rejects spans ended from now on (counted, returned to the pool),
     * exports every pending span, stops the worker thread and shuts the exporter down, waiting
     * up to the exporter timeout for that. Idempotent: later calls return at once, after the
     * first has finished.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            buffer.close();
            adapter.shutdown().join(exporterTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once closing started
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Takes a snapshot of the buffer's and the pool's counters. Allocates the snapshot.
     *
     * @return the snapshot
     */
    public PipelineStats stats() {
        return new PipelineStats(buffer.stats(), pool.stats());
    }

    /** The adapter, for tests. */
    SpanExporterAdapter adapter() {
        return adapter;
    }

    /**
     * Describes the pipeline: adapter, pool and counters. Allocates.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "PooledSpanPipeline{adapter=" + adapter + ", pool=" + pool + ", stats=" + stats() + "}";
    }

    /**
     * Configures and builds a {@link PooledSpanPipeline}; setters validate at once and return
     * this. Not thread-safe. Each {@link #build()} makes an independent pipeline.
     */
    public static final class Builder {

        // Validates the buffer options exactly as BatchBuffer will, at the moment they are set.
        private final BatchBuffer.Builder<SpanData> validator = BatchBuffer.builder((batch, completion) -> { });
        private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
        private int maxExportBatchSize = DEFAULT_MAX_EXPORT_BATCH_SIZE;
        private long scheduleDelayNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_SCHEDULE_DELAY_MILLIS);
        private long exporterTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_EXPORTER_TIMEOUT_MILLIS);
        private FullQueuePolicy fullQueuePolicy = DEFAULT_FULL_QUEUE_POLICY;
        private long maxBlockNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_MAX_BLOCK_TIME_MILLIS);
        private String workerThreadName = DEFAULT_WORKER_THREAD_NAME;
        private SpanLimits spanLimits = SpanLimits.defaults();
        private int poolCapacity; // 0: maxQueueSize + maxExportBatchSize + DEFAULT_POOL_HEADROOM
        private int prefill;
        private EpochClock clock;
        private final SpanExporterAdapter.Builder adapter;

        private Builder(SpanExporter exporter) {
            this.adapter = SpanExporterAdapter.builder(exporter);
        }

        /**
         * Sets the exact maximum number of ended spans waiting for export. Default
         * {@value PooledSpanPipeline#DEFAULT_MAX_QUEUE_SIZE}.
         *
         * @param maxQueueSize in {@code [1, BatchBuffer.MAX_QUEUE_SIZE_LIMIT]}
         * @return this
         * @throws IllegalArgumentException if out of range
         */
        public Builder setMaxQueueSize(int maxQueueSize) {
            validator.setMaxQueueSize(maxQueueSize);
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        /**
         * Sets the maximum number of spans per export call; must not exceed
         * {@code maxQueueSize} (checked by {@link #build()}). Default
         * {@value PooledSpanPipeline#DEFAULT_MAX_EXPORT_BATCH_SIZE}.
         *
         * @param maxExportBatchSize in {@code [1, maxQueueSize]}
         * @return this
         * @throws IllegalArgumentException if {@code maxExportBatchSize < 1}
         */
        public Builder setMaxExportBatchSize(int maxExportBatchSize) {
            validator.setMaxExportBatchSize(maxExportBatchSize);
            this.maxExportBatchSize = maxExportBatchSize;
            return this;
        }

        /**
         * Sets how long the oldest waiting span may wait before a partial batch is exported.
         * Default {@value PooledSpanPipeline#DEFAULT_SCHEDULE_DELAY_MILLIS} ms.
         *
         * @param delay {@code > 0}
         * @param unit the unit of {@code delay}
         * @return this
         * @throws IllegalArgumentException if {@code delay <= 0}
         * @throws NullPointerException if {@code unit} is {@code null}
         */
        public Builder setScheduleDelay(long delay, TimeUnit unit) {
            validator.setScheduleDelay(delay, unit);
            this.scheduleDelayNanos = unit.toNanos(delay);
            return this;
        }

        /**
         * Sets how long the oldest waiting span may wait before a partial batch is exported.
         *
         * @param delay {@code > 0}
         * @return this
         * @throws IllegalArgumentException if {@code delay} is zero or negative
         * @throws NullPointerException if {@code delay} is {@code null}
         */
        public Builder setScheduleDelay(Duration delay) {
            validator.setScheduleDelay(delay);
            this.scheduleDelayNanos = saturatedNanos(delay);
            return this;
        }

        /**
         * Sets how long one export may take before its spans are abandoned to the exporter (and
         * how long {@link PooledSpanPipeline#close()} and {@link PooledSpanPipeline#flush()} wait
         * for the exporter's shutdown or flush). Default
         * {@value PooledSpanPipeline#DEFAULT_EXPORTER_TIMEOUT_MILLIS} ms.
         *
         * @param timeout {@code > 0}
         * @param unit the unit of {@code timeout}
         * @return this
         * @throws IllegalArgumentException if {@code timeout <= 0}
         * @throws NullPointerException if {@code unit} is {@code null}
         */
        public Builder setExporterTimeout(long timeout, TimeUnit unit) {
            Objects.requireNonNull(unit, "unit");
            if (timeout <= 0) {
                throw new IllegalArgumentException("exporterTimeout must be > 0, was: " + timeout + " " + unit);
            }
            this.exporterTimeoutNanos = unit.toNanos(timeout);
            return this;
        }

        /**
         * Sets how long one export may take before its spans are abandoned to the exporter.
         *
         * @param timeout {@code > 0}
         * @return this
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException if {@code timeout} is {@code null}
         */
        public Builder setExporterTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("exporterTimeout must be > 0, was: " + timeout);
            }
            this.exporterTimeoutNanos = saturatedNanos(timeout);
            return this;
        }

        /**
         * Sets what {@link PooledSpanPipeline#end} does when the queue is full: drop the span
         * (counted) or wait up to {@code maxBlockTime}. Default {@link FullQueuePolicy#DROP}.
         *
         * @param policy the policy
         * @return this
         * @throws NullPointerException if {@code policy} is {@code null}
         */
        public Builder setFullQueuePolicy(FullQueuePolicy policy) {
            validator.setFullQueuePolicy(policy);
            this.fullQueuePolicy = policy;
            return this;
        }

        /**
         * Sets how long {@code end} waits for space under {@link FullQueuePolicy#BLOCK}. Default
         * {@value PooledSpanPipeline#DEFAULT_MAX_BLOCK_TIME_MILLIS} ms.
         *
         * @param maxBlockTime {@code > 0}
         * @param unit the unit of {@code maxBlockTime}
         * @return this
         * @throws IllegalArgumentException if {@code maxBlockTime <= 0}
         * @throws NullPointerException if {@code unit} is {@code null}
         */
        public Builder setMaxBlockTime(long maxBlockTime, TimeUnit unit) {
            validator.setMaxBlockTime(maxBlockTime, unit);
            this.maxBlockNanos = unit.toNanos(maxBlockTime);
            return this;
        }

        /**
         * Sets how long {@code end} waits for space under {@link FullQueuePolicy#BLOCK}.
         *
         * @param maxBlockTime {@code > 0}
         * @return this
         * @throws IllegalArgumentException if {@code maxBlockTime} is zero or negative
         * @throws NullPointerException if {@code maxBlockTime} is {@code null}
         */
        public Builder setMaxBlockTime(Duration maxBlockTime) {
            validator.setMaxBlockTime(maxBlockTime);
            this.maxBlockNanos = saturatedNanos(maxBlockTime);
            return this;
        }

        /**
         * Sets the export worker thread's name. Default
         * {@value PooledSpanPipeline#DEFAULT_WORKER_THREAD_NAME}.
         *
         * @param name a non-blank name
         * @return this
         * @throws IllegalArgumentException if {@code name} is blank
         * @throws NullPointerException if {@code name} is {@code null}
         */
        public Builder setWorkerThreadName(String name) {
            validator.setWorkerThreadName(name);
            this.workerThreadName = name;
            return this;
        }

        /**
         * Sets the storage limits of every pooled span. Default {@link SpanLimits#defaults()}.
         *
         * @param spanLimits the limits
         * @return this
         * @throws NullPointerException if {@code spanLimits} is {@code null}
         */
        public Builder setSpanLimits(SpanLimits spanLimits) {
            this.spanLimits = Objects.requireNonNull(spanLimits, "spanLimits");
            return this;
        }

        /**
         * Sets how many idle spans the pool keeps. Spans are never refused: beyond this, ended
         * spans are left to the garbage collector instead of pooled. Default
         * {@code maxQueueSize + maxExportBatchSize + DEFAULT_POOL_HEADROOM} (2816 with the
         * default sizes): every span that can be queued or exported at once, plus spans being
         * recorded.
         *
         * @param poolCapacity in {@code [1, ObjectPool.MAX_CAPACITY]}
         * @return this
         * @throws IllegalArgumentException if out of range
         */
        public Builder setPoolCapacity(int poolCapacity) {
            if (poolCapacity < 1 || poolCapacity > ObjectPool.MAX_CAPACITY) {
                throw new IllegalArgumentException("poolCapacity must be in [1, " + ObjectPool.MAX_CAPACITY
                        + "], was: " + poolCapacity);
            }
            this.poolCapacity = poolCapacity;
            return this;
        }

        /**
         * Sets how many spans {@link #build()} creates up front, so that the first spans are
         * pool hits too. Must not exceed the pool capacity (checked by {@link #build()}).
         * Default 0.
         *
         * @param prefill {@code >= 0}
         * @return this
         * @throws IllegalArgumentException if {@code prefill < 0}
         */
        public Builder setPrefill(int prefill) {
            if (prefill < 0) {
                throw new IllegalArgumentException("prefill must be in [0, poolCapacity], was: " + prefill);
            }
            this.prefill = prefill;
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
         * Sets the clock of start and end times. Default: {@link EpochClock#system()}, anchored
         * when {@link #build()} runs.
         *
         * @param clock an allocation-free clock
         * @return this
         * @throws NullPointerException if {@code clock} is {@code null}
         */
        public Builder setClock(EpochClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the pipeline and starts its worker thread.
         *
         * @return a new pipeline
         * @throws IllegalArgumentException if {@code maxExportBatchSize > maxQueueSize} or
         *     {@code prefill} exceeds the pool capacity
         */
        public PooledSpanPipeline build() {
            if (maxExportBatchSize > maxQueueSize) {
                throw new IllegalArgumentException("maxExportBatchSize must be in [1, maxQueueSize="
                        + maxQueueSize + "], was: " + maxExportBatchSize);
            }
            int capacity = poolCapacity > 0
                    ? poolCapacity
                    : (int) Math.min(ObjectPool.MAX_CAPACITY,
                            (long) maxQueueSize + maxExportBatchSize + DEFAULT_POOL_HEADROOM);
            if (prefill > capacity) {
                throw new IllegalArgumentException("prefill must be in [0, poolCapacity=" + capacity + "], was: "
                        + prefill);
            }
            ObjectPool<SpanData> pool = SpanData.newPool(capacity, spanLimits);
            pool.prefill(prefill);
            return new PooledSpanPipeline(this, pool, adapter.build(), clock != null ? clock : EpochClock.system());
        }

        private static long saturatedNanos(Duration duration) {
            return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
        }
    }
}
