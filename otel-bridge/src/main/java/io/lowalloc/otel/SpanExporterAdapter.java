package io.lowalloc.otel;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.otel.internal.view.AttributeKeyCache;
import io.lowalloc.otel.internal.view.PooledSpanDataView;
import io.lowalloc.otel.internal.view.ViewSet;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exports batches of pooled core spans through any OpenTelemetry {@link SpanExporter} (OTLP over
 * gRPC or HTTP, logging, custom), as the {@link BatchExporter} of a
 * {@link io.lowalloc.core.batch.BatchBuffer}.
 *
 * <h2>View mode (default) and copy mode</h2>
 * <b>In view mode the exporter receives reusable {@link PooledSpanDataView}s, not copies: it may
 * read them only until the {@link CompletableResultCode} it returned completes.</b> The pooled
 * spans behind them are reset and reused after that. That is the {@code SpanExporter} contract the
 * OTLP, Zipkin and logging exporters follow. <b>Exporters that keep references to the spans after
 * their result completes, such as {@code InMemorySpanExporter} in tests or exporters that queue
 * spans internally, must run in copy mode</b> ({@link Builder#setCopyMode(boolean)}): each span is
 * then copied into an immutable {@code SpanData} (allocating per span) before the export call.
 *
 * <p>Late reads in view mode fail: once the result completes, every object the export handed out
 * — the batch collection and its iterators, each span view, its contexts, attributes (and their
 * array values), status, event and link lists, events, links and their attributes and contexts
 * — throws {@link IllegalStateException} naming copy mode on any read, so no reference kept past
 * the result reads another span's data while no export runs, nor during the next export before
 * the exporter takes that reused object again. The objects are reused, though: once a later
 * export's exporter has taken the same object again (a span view from its new batch, a nested
 * view from such a span view), a reference kept from earlier reads the later span. Only copy mode
 * makes keeping spans safe.
 *
 * <h2>Result and lifecycle</h2>
 * {@link #export} binds one view per span, calls {@link SpanExporter#export}, and signals the
 * {@link ExportCompletion} when the returned result completes: success, or failure with the
 * result's throwable. An exception thrown by the exporter, or a {@code null} result, is a failure.
 * The buffer's completion hook then returns the spans to their pool; if the result does not
 * complete within the buffer's export timeout (or {@code SpanExporter.export} itself blocks that
 * long), the buffer abandons the spans instead (never reused), and this adapter leaves that batch's
 * views to the exporter as well: the next export finds them still in use and makes a new set
 * (counted in {@link #viewSetsReplaced()}).
 *
 * <p>{@link #flush(ExportCompletion)} and {@link #shutdown(ExportCompletion)}, which the buffer
 * calls on its exporter thread and bounds by the export timeout, map {@code SpanExporter.flush()}
 * and {@code shutdown()} the same way: the result's outcome when it completes; a {@code null}
 * result or an exception is a failure, never thrown. {@link #flush()} and {@link #shutdown()}
 * return the exporter's result, or a failed one (logged, at most once per
 * {@value #LIFECYCLE_LOG_INTERVAL_SECONDS} s) when it returned {@code null} or threw.
 *
 * <h2>Attribute value length limit</h2>
 * String attribute values, and string-array elements, longer than their span's
 * {@link io.lowalloc.core.span.SpanLimits#maxAttributeValueLength()} are shown cut to it, in both
 * modes, and counted in {@link #truncatedAttributeValues()}. Values are stored whole, so recording
 * pays nothing for the limit. Exporting pays one length comparison per string read; with a limit
 * set, also one per string value when a span is bound (to count), and a substring only for a value
 * over the limit (made once and remembered while the stored value stays the same).
 *
 * <h2>Allocation and threads</h2>
 * In view mode, steady state, an export allocates nothing per span; per call, nothing when the
 * exporter's result is already complete on return, otherwise one small callback. The view set
 * grows to the largest batch seen and is reused. The views hand out one {@code AttributeKey} per
 * attribute name and type from a bounded cache shared by this adapter's views (1,024 slots; a
 * name that finds no free slot gets a new key per read). What the exporter's own reads cost is
 * described in {@link PooledSpanDataView}: hex id strings on request, boxes for new numeric
 * values. {@code export} calls must not overlap with
 * each other for one adapter beyond what {@code BatchBuffer} does (one at a time); an overlapping
 * call still works but gets a new view set. The flush and shutdown methods are thread-safe and
 * delegate to the exporter; each allocates a little (not a hot path).
 */
public final class SpanExporterAdapter implements BatchExporter<SpanData> {

    /** Name of the default instrumentation scope: {@value}. */
    public static final String DEFAULT_SCOPE_NAME = "io.lowalloc";

    /** Default copy mode: {@value} (view mode). */
    public static final boolean DEFAULT_COPY_MODE = false;

    /** The least time between two log lines about a flush or shutdown that returned null or threw: {@value} s. */
    public static final long LIFECYCLE_LOG_INTERVAL_SECONDS = 10;

    private static final InstrumentationScopeInfo DEFAULT_SCOPE = InstrumentationScopeInfo.create(DEFAULT_SCOPE_NAME);
    private static final Logger LOGGER = Logger.getLogger(SpanExporterAdapter.class.getName());

    private final SpanExporter exporter;
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final boolean copyMode;
    private final AttributeKeyCache keys = new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY);
    private final AtomicLong viewSetsReplaced = new AtomicLong();
    private final AtomicLong truncatedAttributeValues = new AtomicLong();
    private final AtomicLong nextLifecycleLogNanos = new AtomicLong(System.nanoTime());
    private volatile ViewSet current;

    private SpanExporterAdapter(Builder builder) {
        this.exporter = builder.exporter;
        this.resource = builder.resource;
        this.scope = builder.scope;
        this.copyMode = builder.copyMode;
        this.current = ViewSet.create(keys, resource, scope);
    }

    /**
     * Starts a builder with resource {@code Resource.getDefault()}, scope
     * {@value #DEFAULT_SCOPE_NAME} and view mode.
     *
     * @param exporter the exporter that receives the spans
     * @return a new builder
     * @throws NullPointerException if {@code exporter} is {@code null}
     */
    public static Builder builder(SpanExporter exporter) {
        return new Builder(Objects.requireNonNull(exporter, "exporter"));
    }

    /**
     * Exports {@code batch} through the wrapped exporter and signals {@code completion} when its
     * result is known (see the class documentation). Never throws.
     *
     * @param batch the spans, read but never written; they must stay unchanged until the result
     * @param completion receives the result exactly once
     */
    @Override
    public void export(List<SpanData> batch, ExportCompletion completion) {
        ViewSet views = null;
        Collection<io.opentelemetry.sdk.trace.data.SpanData> spans;
        try {
            if (copyMode) {
                spans = copies(batch);
            } else {
                views = takeViewSet();
                spans = views.bind(batch);
                countTruncated(views.overLimitValueCount());
            }
        } catch (RuntimeException | Error e) { // a span that cannot be read fails its batch, not the worker
            release(views);
            completion.failure(e);
            return;
        }
        CompletableResultCode result;
        try {
            result = exporter.export(spans);
        } catch (Throwable t) { // the exporter's exception must not escape into the worker
            release(views);
            completion.failure(t);
            return;
        }
        if (result == null) {
            release(views);
            completion.failure(new NullPointerException("SpanExporter.export returned null: " + exporter));
            return;
        }
        if (result.isDone()) {
            settle(result, views, completion);
        } else {
            result.whenComplete(new Settle(result, views, completion));
        }
    }

    private static void settle(CompletableResultCode result, ViewSet views, ExportCompletion completion) {
        // Views first: the completion lets the worker reuse them and the pooled spans at once.
        release(views);
        if (result.isSuccess()) {
            completion.success();
        } else {
            completion.failure(result.getFailureThrowable());
        }
    }

    private static void release(ViewSet views) {
        if (views != null) {
            views.release();
        }
    }

    private ViewSet takeViewSet() {
        ViewSet views = current;
        if (views.tryTake()) {
            return views;
        }
        // Still held by an export that never completed (abandoned by the buffer after its
        // timeout): the exporter may still read those views, so they are left to it for good.
        viewSetsReplaced.incrementAndGet();
        ViewSet fresh = ViewSet.create(keys, resource, scope);
        fresh.tryTake();
        current = fresh;
        return fresh;
    }

    private List<io.opentelemetry.sdk.trace.data.SpanData> copies(List<SpanData> batch) {
        int size = batch.size();
        List<io.opentelemetry.sdk.trace.data.SpanData> copies = new ArrayList<>(size);
        PooledSpanDataView view = new PooledSpanDataView(keys, resource, scope);
        int over = 0;
        for (int i = 0; i < size; i++) {
            copies.add(view.bind(batch.get(i)).copy());
            over += view.overLimitValueCount();
        }
        view.unbind();
        countTruncated(over);
        return Collections.unmodifiableList(copies);
    }

    private void countTruncated(int values) {
        if (values > 0) { // one atomic per export that cut anything, none otherwise
            truncatedAttributeValues.addAndGet(values);
        }
    }

    /**
     * Flushes the wrapped exporter and signals {@code completion} when its result completes: its
     * outcome; a {@code null} result or an exception is a failure. Never throws. Called by the
     * buffer on its exporter thread, bounded by the export timeout.
     *
     * @param completion receives the result exactly once
     */
    @Override
    public void flush(ExportCompletion completion) {
        forward("flush", exporter::flush, completion);
    }

    /**
     * Shuts the wrapped exporter down and signals {@code completion} when its result completes, as
     * {@link #flush(ExportCompletion)}. Called once by the buffer's close, on its exporter thread,
     * bounded by the export timeout.
     *
     * @param completion receives the result exactly once
     */
    @Override
    public void shutdown(ExportCompletion completion) {
        forward("shutdown", exporter::shutdown, completion);
    }

    private void forward(String what, Supplier<CompletableResultCode> call, ExportCompletion completion) {
        CompletableResultCode result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) { // the exporter's exception is its call's failure
            completion.failure(e);
            return;
        }
        if (result == null) {
            completion.failure(new NullPointerException("SpanExporter." + what + " returned null: " + exporter));
            return;
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                completion.success();
            } else {
                completion.failure(result.getFailureThrowable());
            }
        });
    }

    /**
     * Flushes the wrapped exporter.
     *
     * @return the exporter's result; a failed result if it returned {@code null} or threw (logged)
     */
    public CompletableResultCode flush() {
        try {
            return nonNull("flush", exporter.flush());
        } catch (RuntimeException e) {
            return failed("flush", e);
        }
    }

    /**
     * Shuts the wrapped exporter down.
     *
     * @return the exporter's result; a failed result if it returned {@code null} or threw (logged)
     */
    public CompletableResultCode shutdown() {
        try {
            return nonNull("shutdown", exporter.shutdown());
        } catch (RuntimeException e) {
            return failed("shutdown", e);
        }
    }

    private CompletableResultCode nonNull(String what, CompletableResultCode result) {
        return result != null ? result : failed(what, null);
    }

    private CompletableResultCode failed(String what, RuntimeException cause) {
        long now = System.nanoTime();
        long next = nextLifecycleLogNanos.get();
        if (now - next >= 0 && nextLifecycleLogNanos.compareAndSet(next,
                now + TimeUnit.SECONDS.toNanos(LIFECYCLE_LOG_INTERVAL_SECONDS))) {
            LOGGER.log(Level.WARNING, "SpanExporter." + what + " of " + exporter
                    + (cause == null ? " returned null" : " threw") + "; counted as a failure", cause);
        }
        return CompletableResultCode.ofFailure();
    }

    /**
     * Returns how many times an export found the previous view set still held by an export that
     * never completed (abandoned after the buffer's timeout) and made a new set.
     *
     * @return the count, {@code >= 0}
     */
    public long viewSetsReplaced() {
        return viewSetsReplaced.get();
    }

    /**
     * Returns how many attribute values were cut to their span's
     * {@link io.lowalloc.core.span.SpanLimits#maxAttributeValueLength()} in the spans handed to the
     * exporter: string values and string-array elements of the spans, their events and their
     * links, each counted once per export (in view mode when the span is bound, whether or not the
     * exporter reads it; in copy mode when copied).
     *
     * @return the count, {@code >= 0}
     */
    public long truncatedAttributeValues() {
        return truncatedAttributeValues.get();
    }

    /**
     * Returns whether spans are copied before export.
     *
     * @return {@code true} in copy mode, {@code false} in view mode
     */
    public boolean isCopyMode() {
        return copyMode;
    }

    /**
     * Returns the resource every exported span shows.
     *
     * @return the resource
     */
    public Resource resource() {
        return resource;
    }

    /**
     * Returns the scope of spans whose attachment is not an {@code InstrumentationScopeInfo}.
     *
     * @return the default scope
     */
    public InstrumentationScopeInfo instrumentationScope() {
        return scope;
    }

    /**
     * Names the wrapped exporter and the mode. Allocates.
     *
     * @return a description of the adapter
     */
    @Override
    public String toString() {
        return "SpanExporterAdapter{exporter=" + exporter + ", copyMode=" + copyMode + ", scope=" + scope.getName()
                + ", viewSetsReplaced=" + viewSetsReplaced.get()
                + ", truncatedAttributeValues=" + truncatedAttributeValues.get() + "}";
    }

    /** Signals an export's result when it completes later; one per asynchronous export. */
    private static final class Settle implements Runnable {

        private final CompletableResultCode result;
        private final ViewSet views;
        private final ExportCompletion completion;

        Settle(CompletableResultCode result, ViewSet views, ExportCompletion completion) {
            this.result = result;
            this.views = views;
            this.completion = completion;
        }

        @Override
        public void run() {
            settle(result, views, completion);
        }
    }

    /**
     * Configures and builds a {@link SpanExporterAdapter}; setters validate at once and return
     * this. Not thread-safe.
     */
    public static final class Builder {

        private final SpanExporter exporter;
        private Resource resource = Resource.getDefault();
        private InstrumentationScopeInfo scope = DEFAULT_SCOPE;
        private boolean copyMode = DEFAULT_COPY_MODE;

        private Builder(SpanExporter exporter) {
            this.exporter = exporter;
        }

        /**
         * Sets the resource every exported span shows. Default {@code Resource.getDefault()}.
         *
         * @param resource the resource
         * @return this
         * @throws NullPointerException if {@code resource} is {@code null}
         */
        public Builder setResource(Resource resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
            return this;
        }

        /**
         * Sets the scope of spans whose {@link SpanData#attachment()} is not an
         * {@code InstrumentationScopeInfo}. Default: name {@value #DEFAULT_SCOPE_NAME}, no
         * version.
         *
         * @param scope the default scope
         * @return this
         * @throws NullPointerException if {@code scope} is {@code null}
         */
        public Builder setInstrumentationScope(InstrumentationScopeInfo scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Chooses copy mode: every span is copied into an immutable {@code SpanData} before the
         * export call (allocating per span), for exporters that keep references to the spans
         * after their result completes, such as {@code InMemorySpanExporter}. Default
         * {@value #DEFAULT_COPY_MODE}: view mode, no per-span allocation, for exporters that
         * honour the {@code SpanExporter} contract (OTLP, logging, Zipkin).
         *
         * @param copyMode {@code true} for copies, {@code false} for reusable views
         * @return this
         */
        public Builder setCopyMode(boolean copyMode) {
            this.copyMode = copyMode;
            return this;
        }

        /**
         * Builds the adapter.
         *
         * @return a new adapter
         */
        public SpanExporterAdapter build() {
            return new SpanExporterAdapter(this);
        }
    }
}
