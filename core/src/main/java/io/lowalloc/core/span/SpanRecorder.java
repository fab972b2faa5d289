package io.lowalloc.core.span;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.pool.HandOffReleaser;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.ObjectPool;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Records spans from a pool and exports them in batches: one {@link ObjectPool} of
 * {@link SpanData}, one {@link BatchBuffer} configured by {@link BatchOptions}, and any
 * {@link BatchExporter} of {@code SpanData}.
 *
 * <pre>{@code
 * SpanRecorder recorder = SpanRecorder.create(exporter);
 * SpanData span = recorder.startSpan("GET /users/{id}", SpanKind.SERVER, parent);
 * span.put("http.method", "GET");
 * recorder.end(span); // the span belongs to the recorder now
 * }</pre>
 *
 * <h2>Span lifecycle</h2>
 * {@code startSpan} acquires a span from the pool and sets its ids, parent, trace flags, name,
 * kind and start time; the caller (one thread at a time) then writes attributes, events, links
 * and status, and hands it back with {@link #end(SpanData)}, which does the whole hand-off: it
 * ends the span (unless the caller did), marks it submitted (any later write throws), offers it
 * to the buffer and, if the buffer refuses it (queue full, or closed), counts the drop and
 * releases it to the pool at once. An exported or failed span returns to the pool when the
 * exporter's result is known, or earlier when the exporter says it no longer reads the batch
 * ({@link io.lowalloc.core.batch.ExportCompletion#released()}, as an exporter that encodes the
 * spans into bytes does; the span is counted when the result arrives); a span whose export times
 * out before either is abandoned to the exporter,
 * counted, and never reused. {@link #stats()} accounts for every span. {@code end} rejects a
 * span that another recorder (another pool) started, with {@link IllegalArgumentException}, before
 * touching it.
 *
 * <h2>Flush, close and exit</h2>
 * {@link #flush()} follows the flush rule of {@link BatchBuffer#flush()}: false if any span ended
 * before the call was not exported (failed, abandoned at the export timeout, or dropped) unless an
 * earlier flush already returned false for it, and within the bounds given there. {@link #close()}
 * exports what is pending, shuts the exporter down exactly once ({@link BatchExporter#shutdown})
 * and stops the worker, bounded by the export timeout whatever the exporter does; called from the
 * exporter or the completion hook it only starts the close. By default the recorder registers a
 * JVM shutdown hook ({@link Builder#setShutdownHook(boolean)}) that closes it, waiting at most
 * {@value #SHUTDOWN_HOOK_TIMEOUT_MILLIS} ms, and logs the spans it could not deliver; {@code close}
 * removes the hook, so a closed recorder leaves none behind (until then the hook keeps the
 * recorder reachable).
 *
 * <h2>Parents and sampling</h2>
 * A span without a parent starts a new trace with random ids. A child takes its parent's trace
 * id, span id (as its parent span id), trace flags, trace state and remote bit. The recorder's
 * {@link Sampler} (default {@code parentbased_always_on}, {@link Builder#setSampler(Sampler)})
 * then decides, and the span's sampled flag is set to its decision (the other flag bits are the
 * parent's). A sampled span is recorded and exported as above. An unsampled span still has valid,
 * distinct ids (so an outgoing {@code traceparent} carries the trace, a span id and sampled=0)
 * and keeps the state checks, but ignores attributes, events, links and status
 * ({@link SpanData#isRecording()} is false), reads no clock, and {@code end} returns it to the
 * pool at once without offering it: it never enters the queue, is counted as
 * {@link RecorderStats#notSampled() notSampled}, never as dropped, and {@code end} returns false.
 *
 * <h2>Incoming trace context</h2>
 * {@link #startSpan(String, SpanKind, CharSequence, String)} (and its {@code byte[]} form) takes
 * the W3C {@code traceparent} and {@code tracestate} headers: a valid {@code traceparent} makes a
 * remote parent, an invalid one (malformed, version {@code ff}, all-zero ids) is ignored and
 * counted ({@link RecorderStats#invalidTraceparents()}), and the span starts a new trace. Parsing
 * the {@code traceparent} allocates nothing; see {@link TraceState} for {@code tracestate}.
 *
 * <h2>Allocation and threads</h2>
 * In steady state (pool warm, span storage grown) {@code startSpan} (the built-in samplers'
 * decision and the {@code traceparent} parsing included), the span's setters and {@code end}
 * allocate nothing, sampled or not, on any number of threads; neither do the export worker and its
 * exporter thread per span (the worker allocates a constant number of objects per export call).
 * {@link #stats()}, {@link #flush()}, {@link #close()} and {@link #toString()} allocate. All methods
 * are thread-safe.
 */
public final class SpanRecorder implements AutoCloseable {

    /**
     * Spans being recorded at once that the default pool capacity allows for, on top of every
     * span that can be queued or exported: {@value}.
     */
    public static final int DEFAULT_POOL_HEADROOM = 256;
    /** Default export worker thread name: {@value}. */
    public static final String DEFAULT_WORKER_THREAD_NAME = "lowalloc-span-export";
    /** Default for registering a JVM shutdown hook that closes the recorder: {@value}. */
    public static final boolean DEFAULT_SHUTDOWN_HOOK = true;
    /**
     * How long the shutdown hook waits for the close, in milliseconds: {@value}, as OpenTelemetry's
     * {@code OpenTelemetrySdk.close()} waits for its shutdown.
     */
    public static final long SHUTDOWN_HOOK_TIMEOUT_MILLIS = 10_000L;

    private static final Logger LOGGER = Logger.getLogger(SpanRecorder.class.getName());

    private static final Sampler DEFAULT_SAMPLER = Sampler.parentBased(Sampler.alwaysOn());

    private static final BatchOptions DEFAULT_OPTIONS =
            BatchOptions.defaults().toBuilder().setWorkerThreadName(DEFAULT_WORKER_THREAD_NAME).build();

    private final ObjectPool<SpanData> pool;
    // The recorder queues the pool's spans, so it alone returns submitted ones (see SpanData).
    private final HandOffReleaser<SpanData> releaser;
    private final BatchBuffer<SpanData> buffer;
    private final EpochClock clock;
    private final Sampler sampler;
    // LongAdder: unsampled ends and bad headers come from every producer thread at once; its cells
    // are allocated once, when contention first appears, not per span.
    private final LongAdder notSampled = new LongAdder();
    private final LongAdder invalidTraceparents = new LongAdder();
    private final Thread shutdownHook; // null if none
    private final AtomicBoolean shutdownHookRemoved = new AtomicBoolean();
    private volatile boolean closed;

    private SpanRecorder(ObjectPool<SpanData> pool, BatchExporter<SpanData> exporter, BatchOptions options,
            EpochClock clock, Sampler sampler, boolean registerShutdownHook) {
        this.pool = pool;
        this.sampler = sampler;
        this.releaser = pool.claimHandOffReleaser();
        this.clock = clock;
        this.buffer = BatchBuffer.builder(exporter).setBatchOptions(options)
                .setBatchCompletionHook(this::releaseSettled).build();
        this.shutdownHook = registerShutdownHook ? registerShutdownHook(options.workerThreadName()) : null;
    }

    /**
     * The buffer's completion hook: a settled batch back to the pool in one call. If a span of it
     * refuses (a bug: it was released already), the spans after it are left to the GC and the pool
     * makes new ones in their place; they are never retried one by one, since a span released
     * before the failure may already be another thread's again. The exception goes on to the
     * worker, which logs it.
     */
    private void releaseSettled(List<SpanData> spans) {
        releaser.releaseAll(spans);
    }

    private Thread registerShutdownHook(String workerThreadName) {
        Thread hook = new Thread(this::closeAtExit, workerThreadName + "-shutdown-hook");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        } catch (IllegalStateException e) { // built while the JVM is already shutting down
            return null;
        }
    }

    /**
     * Starts a builder with the {@link BatchOptions#defaults() default batching options} (worker
     * thread {@value #DEFAULT_WORKER_THREAD_NAME}) and the defaults of its setters.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a recorder with the defaults; same as {@code builder().build(exporter)}.
     *
     * @param exporter receives the ended spans
     * @return a new recorder, its worker thread started
     * @throws NullPointerException if {@code exporter} is null
     */
    public static SpanRecorder create(BatchExporter<SpanData> exporter) {
        return builder().build(exporter);
    }

    /**
     * Starts a span of a new trace: random trace and span ids, no parent, sampled if the sampler
     * says so.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is null
     */
    public SpanData startSpan(String name, SpanKind kind) {
        check(name, kind);
        return start(name, kind, Ids.randomTraceIdHigh(), Ids.randomTraceIdLow(), Ids.INVALID_SPAN_ID, false,
                (byte) 0, "");
    }

    /**
     * Starts a child of {@code parent}.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param parent the parent
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is null
     */
    public SpanData startSpan(String name, SpanKind kind, SpanParent parent) {
        check(name, kind);
        Objects.requireNonNull(parent, "parent");
        return start(name, kind, parent.traceIdHigh(), parent.traceIdLow(), parent.spanId(), parent.remote(),
                parent.traceFlags(), "");
    }

    /**
     * Starts a child of a parent given by its parts, for callers that hold them as primitives
     * (for example a bridge that reads them from another API's context); same as
     * {@link #startSpan(String, SpanKind, SpanParent)} without creating the parent value.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param traceIdHigh the high 64 bits of the parent's trace id
     * @param traceIdLow the low 64 bits of the parent's trace id
     * @param parentSpanId the parent's span id
     * @param traceFlags the parent's W3C trace flags
     * @param remote whether the parent was propagated from another process
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if {@code name} or {@code kind} is null
     * @throws IllegalArgumentException if the trace id or the span id is all zeros
     */
    public SpanData startSpan(String name, SpanKind kind, long traceIdHigh, long traceIdLow, long parentSpanId,
            byte traceFlags, boolean remote) {
        check(name, kind);
        SpanParent.checkIds(traceIdHigh, traceIdLow, parentSpanId);
        return start(name, kind, traceIdHigh, traceIdLow, parentSpanId, remote, traceFlags, "");
    }

    /**
     * Starts a child of a parent given by its parts and its W3C {@code tracestate}, as
     * {@link #startSpan(String, SpanKind, long, long, long, byte, boolean)}; the span carries
     * {@code traceState} by reference (see {@link TraceState#carry(String)} for a value that may be
     * over-long).
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param traceIdHigh the high 64 bits of the parent's trace id
     * @param traceIdLow the low 64 bits of the parent's trace id
     * @param parentSpanId the parent's span id
     * @param traceFlags the parent's W3C trace flags
     * @param remote whether the parent was propagated from another process
     * @param traceState the parent's {@code tracestate} value, {@code ""} for none
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if {@code name}, {@code kind} or {@code traceState} is null
     * @throws IllegalArgumentException if the trace id or the span id is all zeros
     */
    public SpanData startSpan(String name, SpanKind kind, long traceIdHigh, long traceIdLow, long parentSpanId,
            byte traceFlags, boolean remote, String traceState) {
        check(name, kind);
        Objects.requireNonNull(traceState, "traceState");
        SpanParent.checkIds(traceIdHigh, traceIdLow, parentSpanId);
        return start(name, kind, traceIdHigh, traceIdLow, parentSpanId, remote, traceFlags, traceState);
    }

    /**
     * Starts a span from the W3C headers of an incoming request: a child of the remote parent
     * that {@code traceparent} names, carrying {@code traceState}; or, if {@code traceparent} is
     * null or invalid (counted in {@link RecorderStats#invalidTraceparents()} unless null), a span
     * of a new trace without trace state. Parsing allocates nothing.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param traceparent the {@code traceparent} header value; null if the request had none
     * @param traceState the {@code tracestate} header value, held by reference; null or
     *     {@code ""} for none; pass it through {@link TraceState#carry(String)} first if it may be
     *     longer than {@value TraceState#MAX_LENGTH} characters
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if {@code name} or {@code kind} is null
     */
    public SpanData startSpan(String name, SpanKind kind, CharSequence traceparent, String traceState) {
        check(name, kind);
        if (traceparent != null) {
            if (Traceparent.isValid(traceparent)) {
                return start(name, kind, Traceparent.traceIdHighUnchecked(traceparent),
                        Traceparent.traceIdLowUnchecked(traceparent), Traceparent.spanIdUnchecked(traceparent), true,
                        Traceparent.flagsUnchecked(traceparent), traceState == null ? "" : traceState);
            }
            invalidTraceparents.increment();
        }
        return start(name, kind, Ids.randomTraceIdHigh(), Ids.randomTraceIdLow(), Ids.INVALID_SPAN_ID, false,
                (byte) 0, "");
    }

    /**
     * Starts a span from a {@code traceparent} header held as ASCII bytes (for example in a
     * server's reusable request buffer), as {@link #startSpan(String, SpanKind, CharSequence,
     * String)}. Parsing allocates nothing.
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param traceparent the buffer holding the header value
     * @param offset where the value starts
     * @param length the value's length in bytes
     * @param traceState the {@code tracestate} value as a {@code String} (see
     *     {@link TraceState#copyOf(byte[], int, int)} for one in a reusable buffer); null or
     *     {@code ""} for none
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if {@code name}, {@code kind} or {@code traceparent} is null
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} are outside
     *     {@code traceparent}
     */
    public SpanData startSpan(String name, SpanKind kind, byte[] traceparent, int offset, int length,
            String traceState) {
        check(name, kind);
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(traceparent, "traceparent").length);
        if (Traceparent.isValid(traceparent, offset, length)) {
            return start(name, kind, Traceparent.traceIdHighUnchecked(traceparent, offset),
                    Traceparent.traceIdLowUnchecked(traceparent, offset), Traceparent.spanIdUnchecked(traceparent,
                            offset), true, Traceparent.flagsUnchecked(traceparent, offset),
                    traceState == null ? "" : traceState);
        }
        invalidTraceparents.increment();
        return start(name, kind, Ids.randomTraceIdHigh(), Ids.randomTraceIdLow(), Ids.INVALID_SPAN_ID, false,
                (byte) 0, "");
    }

    /**
     * Starts a local child of a span that is still being recorded (or at least not yet exported:
     * an exported span may already be reused for another trace).
     *
     * @param name the span name, held by reference
     * @param kind the span kind
     * @param parent the parent span
     * @return an acquired span that only the caller may write, until {@link #end}
     * @throws NullPointerException if an argument is null
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
                parent.traceFlags(), parent.traceState());
    }

    private static void check(String name, SpanKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    private SpanData start(String name, SpanKind kind, long traceIdHigh, long traceIdLow, long parentSpanId,
            boolean remote, byte traceFlags, String traceState) {
        boolean hasParent = parentSpanId != Ids.INVALID_SPAN_ID;
        boolean sampled = sampler.shouldSample(hasParent, (traceFlags & SpanData.FLAG_SAMPLED) != 0,
                hasParent && remote, traceIdHigh, traceIdLow, name, kind);
        SpanData span = pool.acquire();
        span.setTraceId(traceIdHigh, traceIdLow)
                .setSpanId(Ids.randomSpanId())
                .setParent(parentSpanId, remote)
                .setTraceFlags((byte) (sampled ? traceFlags | SpanData.FLAG_SAMPLED
                        : traceFlags & ~SpanData.FLAG_SAMPLED))
                .setTraceState(traceState)
                .setName(name)
                .setKind(kind);
        if (sampled) {
            span.setStartEpochNanos(clock.nowEpochNanos());
        } else {
            span.setNonRecording(); // and no clock read: nobody sees its times
        }
        return span;
    }

    /**
     * Ends {@code span} now, unless it was ended already, and hands it off for export (see the
     * class documentation). After {@link #close()} the span is rejected, counted
     * ({@code rejectedAfterClose}) and returned to the pool.
     *
     * @param span a span started by this recorder, acquired or ended
     * @return true if the span was queued; false if it was dropped (queue full, or closed) or
     *     not sampled (returned to the pool, counted as {@code notSampled})
     * @throws NullPointerException if {@code span} is null
     * @throws IllegalArgumentException if another recorder started {@code span}
     * @throws IllegalStateException if {@code span} was already submitted or is back in its pool
     */
    public boolean end(SpanData span) {
        checkOwn(span);
        if (!span.isRecording()) {
            return endUnsampled(span);
        }
        if (span.state() == SpanState.ACQUIRED) {
            span.end(clock.nowEpochNanos());
        }
        return submit(span);
    }

    /**
     * Ends {@code span} at {@code endEpochNanos} and hands it off for export, as
     * {@link #end(SpanData)}.
     *
     * @param span a span started by this recorder, still acquired
     * @param endEpochNanos the end time in nanoseconds since the Unix epoch, {@code >= 0}
     * @return true if the span was queued; false if it was dropped (queue full, or closed) or
     *     not sampled
     * @throws NullPointerException if {@code span} is null
     * @throws IllegalStateException if {@code span} is not acquired (already ended or submitted)
     * @throws IllegalArgumentException if another recorder started {@code span}, or if
     *     {@code endEpochNanos < 0}
     */
    public boolean end(SpanData span, long endEpochNanos) {
        checkOwn(span);
        span.end(endEpochNanos);
        if (!span.isRecording()) {
            return endUnsampled(span);
        }
        return submit(span);
    }

    /** An unsampled span never reaches the buffer: back to the pool, counted apart. */
    private boolean endUnsampled(SpanData span) {
        span.checkUnsampledEnd();
        pool.release(span);
        notSampled.increment();
        return false;
    }

    /** One read of the span's pool slot: another recorder's span is refused before it is touched. */
    private void checkOwn(SpanData span) {
        Objects.requireNonNull(span, "span");
        if (!pool.owns(span)) {
            throw new IllegalArgumentException("span was not started by this recorder (its pool is not this"
                    + " recorder's); end it with the recorder or pipeline that started it");
        }
    }

    private boolean submit(SpanData span) {
        span.markSubmitted();
        if (buffer.offer(span)) {
            return true;
        }
        // Dropped (counted by the buffer): the span is still ours, and nobody else can see it.
        releaser.release(span);
        return false;
    }

    /**
     * Exports every span ended before this call and flushes the exporter; see
     * {@link BatchBuffer#flush()} for the flush rule and its bound (each export and the exporter's
     * flush bounded by the export timeout).
     *
     * @return true iff every span ended before this call was exported successfully and the
     *     exporter's flush succeeded, under the flush rule
     */
    public boolean flush() {
        return buffer.flush();
    }

    /**
     * Like {@link #flush()}, but gives up after {@code timeout}, returning false.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @param unit the unit of {@code timeout}
     * @return true iff every span ended before this call was exported successfully in time, under
     *     the flush rule of {@link BatchBuffer#flush()}
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean flush(long timeout, TimeUnit unit) {
        return buffer.flush(timeout, unit);
    }

    /**
     * Closes the recorder: spans ended from now on are rejected (counted, returned to the pool),
     * every pending span is exported, the exporter is shut down exactly once and the worker
     * thread stops, all bounded by the export timeout whatever the exporter does; see
     * {@link BatchBuffer#close()}. Removes the shutdown hook. Spans can still be started.
     * Idempotent; called from the exporter or the completion hook, it only starts the close and a
     * later call from another thread waits for it.
     */
    @Override
    public void close() {
        closed = true;
        removeShutdownHook();
        buffer.close();
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && shutdownHookRemoved.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) { // the JVM is shutting down: the hooks run anyway
                // Nothing to remove from: the hook (maybe this very thread) is running.
            }
        }
    }

    /** The shutdown hook: closes within a bound and reports what did not get out. */
    private void closeAtExit() {
        closed = true;
        shutdownHookRemoved.set(true);
        boolean closedInTime = buffer.close(SHUTDOWN_HOOK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        BatchStats stats = buffer.stats();
        long undelivered = stats.pending() + stats.failed() + stats.abandoned() + stats.dropped();
        if (undelivered > 0 || !closedInTime) {
            logAtExit("SpanRecorder shutdown hook: " + undelivered + " spans not delivered of " + stats.offered()
                    + " ended (pending " + stats.pending() + ", failed " + stats.failed() + ", abandoned "
                    + stats.abandoned() + ", dropped " + stats.dropped() + ")"
                    + (closedInTime ? "" : "; the close reported a failure or did not finish within "
                            + SHUTDOWN_HOOK_TIMEOUT_MILLIS + " ms"));
        }
    }

    /**
     * Logs a warning; if logging was already shut down (java.util.logging resets its handlers in
     * its own shutdown hook, which may run first), prints it to the standard error stream instead.
     */
    private static void logAtExit(String message) {
        for (Logger logger = LOGGER; logger != null; logger = logger.getParent()) {
            if (logger.getHandlers().length > 0) {
                LOGGER.warning(message);
                return;
            }
            if (!logger.getUseParentHandlers()) {
                break;
            }
        }
        System.err.println("WARNING: " + message);
    }

    /** The registered shutdown hook, or null; for tests. */
    Thread shutdownHook() {
        return shutdownHook;
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
    public RecorderStats stats() {
        return new RecorderStats(buffer.stats(), pool.stats(), notSampled.sum(), invalidTraceparents.sum());
    }

    /**
     * Returns the sampler the recorder was built with.
     *
     * @return the sampler
     */
    public Sampler sampler() {
        return sampler;
    }

    /**
     * Returns the batching options the recorder was built with.
     *
     * @return the options
     */
    public BatchOptions batchOptions() {
        return buffer.options();
    }

    /** The recorder's pool, for the tests of this package (the pool is not API). */
    ObjectPool<SpanData> pool() {
        return pool;
    }

    /**
     * Describes the recorder: pool, options and counters. Allocates.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "SpanRecorder{pool=" + pool + ", options=" + buffer.options() + ", stats=" + stats() + "}";
    }

    /**
     * Configures and builds {@link SpanRecorder}s; setters validate at once and return this. Each
     * {@link #build(BatchExporter)} makes an independent recorder, so one builder can serve
     * several exporters. Not thread-safe.
     */
    public static final class Builder {

        private BatchOptions batchOptions = DEFAULT_OPTIONS;
        private SpanLimits spanLimits = SpanLimits.defaults();
        private int poolCapacity; // 0: maxQueueSize + maxExportBatchSize + DEFAULT_POOL_HEADROOM
        private int prefill;
        private EpochClock clock;
        private Sampler sampler = DEFAULT_SAMPLER;
        private boolean shutdownHook = DEFAULT_SHUTDOWN_HOOK;

        private Builder() {
        }

        /**
         * Replaces every batching option, the worker thread name included. Default
         * {@link BatchOptions#defaults()} with worker thread
         * {@value SpanRecorder#DEFAULT_WORKER_THREAD_NAME}.
         *
         * @param batchOptions the options
         * @return this
         * @throws NullPointerException if {@code batchOptions} is null
         */
        public Builder setBatchOptions(BatchOptions batchOptions) {
            this.batchOptions = Objects.requireNonNull(batchOptions, "batchOptions");
            return this;
        }

        /**
         * Replaces the worker thread name of the batching options.
         *
         * @param name a non-blank name
         * @return this
         * @throws IllegalArgumentException if {@code name} is blank
         * @throws NullPointerException if {@code name} is null
         */
        public Builder setWorkerThreadName(String name) {
            this.batchOptions = batchOptions.toBuilder().setWorkerThreadName(name).build();
            return this;
        }

        /**
         * Sets the storage limits of every pooled span. Default {@link SpanLimits#defaults()}.
         *
         * @param spanLimits the limits
         * @return this
         * @throws NullPointerException if {@code spanLimits} is null
         */
        public Builder setSpanLimits(SpanLimits spanLimits) {
            this.spanLimits = Objects.requireNonNull(spanLimits, "spanLimits");
            return this;
        }

        /**
         * Sets how many idle spans the pool keeps. Spans are never refused: beyond this, ended
         * spans are left to the garbage collector instead of pooled. Default
         * {@code maxQueueSize + maxExportBatchSize + DEFAULT_POOL_HEADROOM}: every span that can
         * be queued or exported at once, plus spans being recorded.
         *
         * <p>The capacity is a bound, not a size: the pool starts empty (unless
         * {@link #setPrefill(int) prefilled}), creates a span whenever it has none idle, and keeps
         * every span given back up to the capacity, so it holds the most spans the workload had
         * out at once (being recorded + queued + being exported), and keeps that many. To size
         * it, read {@link RecorderStats#pool()} after a peak: {@code created} is the spans that
         * peak needed; {@code misses} that keep growing once warm mean more spans are out at once
         * than the pool holds (many concurrent or long spans, a stalled exporter), each such span
         * then allocated and later {@code discarded}. A capacity below the default trades that
         * allocation under overload for less retained heap.
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
         * Sets how many spans {@link #build(BatchExporter)} creates up front, so that the first
         * spans are pool hits too; must not exceed the pool capacity (checked when building).
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
         * Sets the clock of start and end times. Default: {@link EpochClock#system()}, anchored
         * when the recorder is built.
         *
         * @param clock an allocation-free clock
         * @return this
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder setClock(EpochClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the sampler that decides, at start, whether a span is recorded and exported (see
         * the class documentation). Default {@code Sampler.parentBased(Sampler.alwaysOn())}
         * ({@code parentbased_always_on}, OpenTelemetry's default); {@link SamplerConfig} builds
         * one from {@code otel.traces.sampler}.
         *
         * @param sampler the sampler; called on every start, from any thread
         * @return this
         * @throws NullPointerException if {@code sampler} is null
         */
        public Builder setSampler(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Chooses whether each recorder built registers a JVM shutdown hook that closes it at exit,
         * waiting at most {@value SpanRecorder#SHUTDOWN_HOOK_TIMEOUT_MILLIS} ms, and logs the spans it
         * could not deliver; {@link SpanRecorder#close()} removes the hook. Default
         * {@value SpanRecorder#DEFAULT_SHUTDOWN_HOOK}. Turn it off when the application closes the
         * recorder from its own shutdown sequence.
         *
         * @param shutdownHook true to register the hook
         * @return this
         */
        public Builder setShutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        /**
         * Builds a recorder exporting to {@code exporter}, starts its worker thread and, unless
         * turned off, registers its shutdown hook.
         *
         * @param exporter receives the ended spans; any {@code BatchExporter} of {@code SpanData}
         * @return a new recorder
         * @throws NullPointerException if {@code exporter} is null
         * @throws IllegalArgumentException if {@code prefill} exceeds the pool capacity
         */
        public SpanRecorder build(BatchExporter<SpanData> exporter) {
            Objects.requireNonNull(exporter, "exporter");
            int capacity = poolCapacity > 0
                    ? poolCapacity
                    : (int) Math.min(ObjectPool.MAX_CAPACITY, (long) batchOptions.maxQueueSize()
                            + batchOptions.maxExportBatchSize() + DEFAULT_POOL_HEADROOM);
            if (prefill > capacity) {
                throw new IllegalArgumentException("prefill must be in [0, poolCapacity=" + capacity + "], was: "
                        + prefill);
            }
            ObjectPool<SpanData> pool = SpanData.newPool(capacity, spanLimits);
            pool.prefill(prefill);
            return new SpanRecorder(pool, exporter, batchOptions, clock != null ? clock : EpochClock.system(),
                    sampler, shutdownHook);
        }
    }
}
