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
 * without a copy: {@link #bind} it to a span, hand it to the exporter, {@link #unbind()} it when
 * the export's result is known, then bind it to the next span.
 *
 * <p>Every getter reads the bound span and throws {@link IllegalStateException} while the view is
 * unbound. The parent is an invalid context for a root span, otherwise the span's trace id and
 * flags with the parent span id and remote flag. Totals are size + dropped (attributes, events,
 * links); {@link #hasEnded()} is true once the core span is {@code ENDED} or {@code SUBMITTED}.
 * The {@link Resource} is the one given at creation; the scope is the span's
 * {@link io.lowalloc.core.span.SpanData#attachment() attachment} when that is an
 * {@link InstrumentationScopeInfo}, otherwise the default given at creation. The trace state is
 * always {@code TraceState.getDefault()}: the core records none. Nested objects (contexts,
 * attributes, events, links, status, lists) are reusable views owned by this one.
 *
 * <p>Allocation: {@link #bind} and the getters allocate nothing in steady state, except where
 * the OpenTelemetry API forces it: hex id strings are made on first request and kept until the
 * next bind; a numeric attribute value that changed at its index costs one box; the deprecated
 * {@code getInstrumentationLibraryInfo()} allocates when the scope changes; {@code asMap()},
 * {@code toBuilder()}, the id byte arrays, {@link #copy()} and every {@code toString()} allocate.
 * Attribute keys come from a bounded cache shared by an adapter's views. Iterating the event and
 * link lists (for-each or {@code forEach}) allocates nothing.
 *
 * <p>Thread-safety and lifetime: bind and unbind on one thread; between the two the exporter may
 * read from any thread, as the export call publishes the view. Everything returned, lists and
 * values included, is valid only until the view is unbound or rebound; an exporter that keeps
 * spans past its export result (e.g. {@code InMemorySpanExporter}) needs {@link #copy()}, which
 * is the adapter's copy mode, and otherwise fails loudly instead of reading a reused span.
 * Equality is identity.
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
     * @param defaultScope the scope of spans whose attachment is not an
     *     {@code InstrumentationScopeInfo}
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
     * Binds the view to {@code span}, forgetting what was kept for the previous span. The span is
     * read, never written, and must not change until {@link #unbind()} (an ended span cannot).
     * Allocates nothing once the view has seen spans with as many events, links and attributes.
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

    /** Lets go of the bound span until the next {@link #bind}. Allocates nothing. */
    public void unbind() {
        span = null;
    }

    /** {@return the bound core span, or {@code null} when unbound} */
    public io.lowalloc.core.span.SpanData boundSpan() {
        return span;
    }

    /**
     * Returns an immutable snapshot of everything this view shows, independent of the pooled
     * span and safe to keep after the export (what copy mode hands to exporters). Allocates.
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

    @Override
    public String getName() {
        return bound().name();
    }

    @Override
    public SpanKind getKind() {
        return toOtel(bound().kind());
    }

    @Override
    public SpanContext getSpanContext() {
        bound();
        return spanContext;
    }

    @Override
    public String getTraceId() {
        bound();
        return traceId.hex();
    }

    @Override
    public String getSpanId() {
        bound();
        return spanContext.getSpanId();
    }

    @Override
    public SpanContext getParentSpanContext() {
        return bound().hasParent() ? parentContext : SpanContext.getInvalid();
    }

    @Override
    public String getParentSpanId() {
        return getParentSpanContext().getSpanId();
    }

    @Override
    public StatusData getStatus() {
        bound();
        return status;
    }

    @Override
    public long getStartEpochNanos() {
        return bound().startEpochNanos();
    }

    @Override
    public Attributes getAttributes() {
        bound();
        return attributes;
    }

    @Override
    public List<EventData> getEvents() {
        bound();
        return eventList;
    }

    @Override
    public List<LinkData> getLinks() {
        bound();
        return linkList;
    }

    @Override
    public long getEndEpochNanos() {
        return bound().endEpochNanos();
    }

    @Override
    public boolean hasEnded() {
        SpanState state = bound().state();
        return state == SpanState.ENDED || state == SpanState.SUBMITTED;
    }

    @Override
    public int getTotalRecordedEvents() {
        io.lowalloc.core.span.SpanData s = bound();
        return saturatedSum(s.eventCount(), s.droppedEventCount());
    }

    @Override
    public int getTotalRecordedLinks() {
        io.lowalloc.core.span.SpanData s = bound();
        return saturatedSum(s.linkCount(), s.droppedLinkCount());
    }

    @Override
    public int getTotalAttributeCount() {
        io.lowalloc.core.span.SpanData s = bound();
        return saturatedSum(s.attributes().size(), s.droppedAttributeCount());
    }

    /**
     * {@inheritDoc}
     *
     * @deprecated Use {@link #getInstrumentationScopeInfo()}.
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

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        Object attachment = bound().attachment();
        return attachment instanceof InstrumentationScopeInfo ? (InstrumentationScopeInfo) attachment : defaultScope;
    }

    @Override
    public Resource getResource() {
        bound();
        return resource;
    }

    /** {@return a new description of the bound span, or {@code PooledSpanDataView{unbound}}} */
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
