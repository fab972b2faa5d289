package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanState;
import io.lowalloc.otel.SpanExporterAdapter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A reusable OpenTelemetry {@link SpanData} over a pooled core
 * {@link io.lowalloc.core.span.SpanData}, so that any {@code SpanExporter} can export pooled spans
 * without a copy. Bind it to a span with {@link #bind}, hand it to the exporter, and
 * {@link #unbind()} it when the export's result is known; then bind it to the next span.
 *
 * <h2>What the view shows</h2>
 * Every getter reads the bound span: ids, parent (an invalid context for a root span; otherwise
 * the same trace id, the parent span id, the span's trace flags and the parent's remote flag),
 * name, kind, times, status, attributes, events and links with their attributes, and the total
 * counts ({@code getTotalAttributeCount() = size + dropped}, likewise for events and links). The
 * {@link Resource} is the one given at creation; the {@link InstrumentationScopeInfo} is the span's
 * {@link io.lowalloc.core.span.SpanData#attachment() attachment} when that is an
 * {@code InstrumentationScopeInfo}, otherwise the one given at creation. The trace state is
 * always {@code TraceState.getDefault()}: the core records none. The nested objects (span
 * contexts, attributes, events, links, status, lists) are reusable views owned by this one.
 *
 * <h2>Allocation</h2>
 * {@link #bind} and every getter allocate nothing in steady state, with three exceptions that the
 * OpenTelemetry API forces: (1) hex id strings ({@code getTraceId()}, {@code getSpanId()}, the
 * span contexts' {@code getTraceId()}/{@code getSpanId()}) are made on first request and then
 * remembered until the next bind, so at most once per id per export; (2) numeric attribute
 * values are boxed; a box is remembered per attribute index and reused while the value there is
 * unchanged, so a new value costs one box (24 bytes); (3) {@code asMap()}, {@code toBuilder()},
 * {@code getTraceIdBytes()}/{@code getSpanIdBytes()}, {@link #copy()} and every
 * {@code toString()} allocate. Attribute keys come from a bounded cache shared by all views of
 * one adapter (see {@link SpanExporterAdapter}). Iterating the event and link lists with
 * for-each or {@code forEach} allocates nothing.
 *
 * <h2>Thread-safety and lifetime</h2>
 * A view is bound to one export at a time: bind and unbind it on one thread, and let the
 * exporter read it (from any thread, even several, as the export call publishes it) only between
 * the two. Whatever it returns, lists and attribute values included, is valid only until the
 * view is unbound or rebound. Reading an unbound view throws {@link IllegalStateException}, so an
 * exporter that keeps spans after its export completed fails loudly instead of reading a reused
 * span; such exporters (for example {@code InMemorySpanExporter}) need {@link #copy()}, which is
 * what the adapter's copy mode does. Equality is identity.
 */
public final class PooledSpanDataView implements SpanData {

    private static final String UNBOUND = "PooledSpanDataView is not bound to a span: its export has completed"
            + " (an exporter that keeps spans after its export result needs copy mode,"
            + " SpanExporterAdapter.Builder.setCopyMode(true))";
    private static final EventView[] NO_EVENTS = new EventView[0];
    private static final LinkView[] NO_LINKS = new LinkView[0];

    private final AttributeKeyCache keys;
    private final Resource resource;
    private final InstrumentationScopeInfo defaultScope;
    private final TraceIdHex traceId = new TraceIdHex();
    private final SpanContextView spanContext = new SpanContextView(traceId);
    private final SpanContextView parentContext = new SpanContextView(traceId);
    private final AttributesView attributes;
    private final StatusView statusView = new StatusView();
    private final ViewList<EventData> eventList = new ViewList<>();
    private final ViewList<LinkData> linkList = new ViewList<>();
    private EventView[] events = NO_EVENTS;
    private LinkView[] links = NO_LINKS;

    private io.lowalloc.core.span.SpanData span;
    private StatusData status = StatusData.unset();
    @SuppressWarnings("deprecation") // the SpanData interface still requires it
    private InstrumentationLibraryInfo libraryInfo;
    private InstrumentationScopeInfo libraryInfoScope;

    /**
     * Creates an unbound view.
     * 
     * @param keys the shared attribute key cache
     * @param resource the resource every span shows
     * @param defaultScope the scope of spans whose attachment is not an {@code InstrumentationScopeInfo}
     */
    public PooledSpanDataView(AttributeKeyCache keys, Resource resource, InstrumentationScopeInfo defaultScope) {
        this.keys = keys;
        this.resource = resource;
        this.defaultScope = defaultScope;
        this.attributes = new AttributesView(keys);
    }

    /**
     * Creates an unbound view with its own attribute-key cache. Views made by a
     * {@link SpanExporterAdapter} share the adapter's cache instead.
     *
     * @param resource the resource every span shows
     * @param defaultScope the scope of spans whose attachment is not an
     *     {@code InstrumentationScopeInfo}
     * @return a new, unbound view
     * @throws NullPointerException if an argument is {@code null}
     */
    public static PooledSpanDataView create(Resource resource, InstrumentationScopeInfo defaultScope) {
        return new PooledSpanDataView(new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY),
                Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(defaultScope, "defaultScope"));
    }

    /**
     * Binds the view to {@code span} and forgets everything remembered for the previous span.
     * The span is read, never written; it must not change until {@link #unbind()} (a submitted
     * or ended span cannot). Allocates nothing once the view has seen spans with as many events,
     * links and attributes.
     *
     * @param span the span to show
     * @return this view
     * @throws NullPointerException if {@code span} is {@code null}
     */
    public PooledSpanDataView bind(io.lowalloc.core.span.SpanData span) {
        Objects.requireNonNull(span, "span");
        traceId.bind(span.traceIdHigh(), span.traceIdLow());
        spanContext.bind(span.spanId(), span.traceFlags(), false);
        parentContext.bind(span.parentSpanId(), span.traceFlags(), span.isParentRemote());
        attributes.bind(span.attributes());
        status = statusView.bind(span.statusCode(), span.statusDescription());
        bindEvents(span);
        bindLinks(span);
        this.span = span;
        return this;
    }

    private void bindEvents(io.lowalloc.core.span.SpanData span) {
        int count = span.eventCount();
        if (events.length < count) {
            EventView[] grown = Arrays.copyOf(events, count);
            for (int i = events.length; i < count; i++) {
                grown[i] = new EventView(keys);
            }
            events = grown;
        }
        for (int i = 0; i < count; i++) {
            events[i].bind(span.event(i));
        }
        eventList.bind(events, count);
    }

    private void bindLinks(io.lowalloc.core.span.SpanData span) {
        int count = span.linkCount();
        if (links.length < count) {
            LinkView[] grown = Arrays.copyOf(links, count);
            for (int i = links.length; i < count; i++) {
                grown[i] = new LinkView(keys);
            }
            links = grown;
        }
        for (int i = 0; i < count; i++) {
            links[i].bind(span.link(i));
        }
        linkList.bind(links, count);
    }

    /**
     * Lets go of the bound span; later reads throw {@link IllegalStateException} until the next
     * {@link #bind}. The nested views keep their last content until then. Allocates nothing.
     */
    public void unbind() {
        span = null;
    }

    /**
     * Returns the bound span.
     *
     * @return the core span, or {@code null} when unbound
     */
    public io.lowalloc.core.span.SpanData boundSpan() {
        return span;
    }

    /**
     * Returns an immutable snapshot of everything this view shows, independent of the pooled
     * span: safe to keep after the export (what copy mode hands to exporters). Allocates.
     *
     * @return a new immutable {@code SpanData}
     * @throws IllegalStateException if the view is not bound
     */
    public SpanData copy() {
        bound();
        return SpanDataCopy.of(this, keys);
    }

    private io.lowalloc.core.span.SpanData bound() {
        io.lowalloc.core.span.SpanData s = span;
        if (s == null) {
            throw new IllegalStateException(UNBOUND);
        }
        return s;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public String getName() {
        return bound().name();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public SpanKind getKind() {
        return toOtel(bound().kind());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public SpanContext getSpanContext() {
        bound();
        return spanContext;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public String getTraceId() {
        bound();
        return traceId.hex();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public String getSpanId() {
        bound();
        return spanContext.getSpanId();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public SpanContext getParentSpanContext() {
        return bound().hasParent() ? parentContext : SpanContext.getInvalid();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public String getParentSpanId() {
        return getParentSpanContext().getSpanId();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public StatusData getStatus() {
        bound();
        return status;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public long getStartEpochNanos() {
        return bound().startEpochNanos();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public Attributes getAttributes() {
        bound();
        return attributes;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public List<EventData> getEvents() {
        bound();
        return eventList;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public List<LinkData> getLinks() {
        bound();
        return linkList;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public long getEndEpochNanos() {
        return bound().endEpochNanos();
    }

    /**
     * {@inheritDoc}
     *
     * <p>True once the core span was ended (it is {@code ENDED} or {@code SUBMITTED}).
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public boolean hasEnded() {
        SpanState state = bound().state();
        return state == SpanState.ENDED || state == SpanState.SUBMITTED;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public int getTotalRecordedEvents() {
        io.lowalloc.core.span.SpanData s = bound();
        return saturatedSum(s.eventCount(), s.droppedEventCount());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public int getTotalRecordedLinks() {
        io.lowalloc.core.span.SpanData s = bound();
        return saturatedSum(s.linkCount(), s.droppedLinkCount());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public int getTotalAttributeCount() {
        io.lowalloc.core.span.SpanData s = bound();
        return saturatedSum(s.attributes().size(), s.droppedAttributeCount());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Made from {@link #getInstrumentationScopeInfo()} and remembered while the scope stays the
     * same; allocates when it changes.
     *
     * @deprecated Use {@link #getInstrumentationScopeInfo()}.
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    @Deprecated
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        InstrumentationScopeInfo scope = getInstrumentationScopeInfo();
        InstrumentationLibraryInfo info = libraryInfo;
        if (info == null || libraryInfoScope != scope) {
            info = InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion(), scope.getSchemaUrl());
            libraryInfo = info;
            libraryInfoScope = scope;
        }
        return info;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The span's attachment if it is an {@code InstrumentationScopeInfo}, otherwise the
     * default scope given at creation.
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        Object attachment = bound().attachment();
        return attachment instanceof InstrumentationScopeInfo ? (InstrumentationScopeInfo) attachment : defaultScope;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the view is not bound
     */
    @Override
    public Resource getResource() {
        bound();
        return resource;
    }

    /**
     * Describes the bound span (ids in hex, name, kind, times, status, attributes, events, links,
     * scope) or says that the view is unbound. Allocates.
     *
     * @return a description of the view
     */
    @Override
    public String toString() {
        io.lowalloc.core.span.SpanData s = span;
        if (s == null) {
            return "PooledSpanDataView{unbound}";
        }
        return "PooledSpanDataView{name=" + s.name()
                + ", kind=" + getKind()
                + ", spanContext=" + spanContext
                + ", parentSpanContext=" + getParentSpanContext()
                + ", startEpochNanos=" + s.startEpochNanos()
                + ", endEpochNanos=" + s.endEpochNanos()
                + ", status=" + status
                + ", attributes=" + attributes
                + ", totalAttributeCount=" + getTotalAttributeCount()
                + ", events=" + eventList
                + ", totalRecordedEvents=" + getTotalRecordedEvents()
                + ", links=" + linkList
                + ", totalRecordedLinks=" + getTotalRecordedLinks()
                + ", scope=" + getInstrumentationScopeInfo()
                + "}";
    }

    static SpanKind toOtel(io.lowalloc.core.span.SpanKind kind) {
        switch (kind) {
            case SERVER:
                return SpanKind.SERVER;
            case CLIENT:
                return SpanKind.CLIENT;
            case PRODUCER:
                return SpanKind.PRODUCER;
            case CONSUMER:
                return SpanKind.CONSUMER;
            default:
                return SpanKind.INTERNAL;
        }
    }

    private static int saturatedSum(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }
}
