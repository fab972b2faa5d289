package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanLink;
import io.lowalloc.core.span.SpanState;
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
 * <p>Every getter reads the bound span. The parent is an invalid context for a root span,
 * otherwise the span's trace id and flags with the parent span id and remote flag. Totals are
 * size + dropped (attributes, events, links); {@link #hasEnded()} is true once the core span is
 * {@code ENDED} or {@code SUBMITTED}. The {@link Resource} is the one given at creation; the scope
 * is the span's {@link io.lowalloc.core.span.SpanData#attachment() attachment} when that is an
 * {@link InstrumentationScopeInfo}, otherwise the default given at creation. The trace state is the
 * core span's W3C {@code tracestate}, parsed through a bounded cache ({@code TraceStateCache});
 * {@code TraceState.getDefault()} when it is empty or invalid. Nested objects (contexts,
 * attributes, events, links, status, lists, iterators) are reusable views owned by this one.
 * String attribute values (and string-array elements) longer than the span's
 * {@link io.lowalloc.core.span.SpanLimits#maxAttributeValueLength()} are shown cut to it.
 *
 * <p><b>Late reads fail.</b> This view and everything it hands out carry the binding they were
 * handed out under. After {@link #unbind()} or the next {@link #bind}, every read of any of them
 * throws {@link IllegalStateException} naming copy mode — until that same reused object is handed
 * out again under the new binding (returned again by a getter, or this view returned again by
 * the batch of a later export), after which it shows the new span. An exporter that keeps spans
 * past its export result (e.g. {@code InMemorySpanExporter}) needs {@link #copy()}, which is the
 * adapter's copy mode.
 *
 * <p>Allocation: {@link #bind} and the getters allocate nothing in steady state, except where
 * the OpenTelemetry API forces it: hex id strings are made on first request and kept until the
 * next bind (the trace id once for a run of consecutive spans of one trace in a batch); a numeric
 * attribute value that changed at its index costs one box (none for a long in
 * {@code [0, 1024)}, which comes from a shared table); a string over the
 * length limit costs one cut, remembered; the deprecated {@code getInstrumentationLibraryInfo()}
 * allocates when the scope changes; {@code asMap()}, {@code toBuilder()}, the id byte arrays,
 * {@link #copy()} and every {@code toString()} allocate. Attribute keys come from a bounded cache
 * shared by an adapter's views. The first for-each loop over the event or link list per binding
 * allocates nothing; a second concurrent or later loop over the same list gets a new iterator.
 *
 * <p>Thread-safety: bind and unbind on one thread; between the two the exporter may read from
 * any thread that got the view through a happens-before edge of the export call (or its own
 * hand-off). Equality is identity.
 */
public final class PooledSpanDataView extends OwnedView implements SpanData {

    private static final String UNBOUND = "PooledSpanDataView is not bound to a span: its export has completed";
    private static final EventView[] NO_EVENTS = new EventView[0];
    private static final LinkView[] NO_LINKS = new LinkView[0];

    private final AttributeKeyCache keys;
    private final Resource resource;
    private final InstrumentationScopeInfo defaultScope;
    private final Generation generation;
    private final TraceIdHex traceId = new TraceIdHex();
    private final SpanContextView spanContext;
    private final SpanContextView parentContext;
    private final AttributesView attributes;
    private final StatusView statusView;
    private final ViewList<EventData> eventList;
    private final ViewList<LinkData> linkList;
    private EventView[] events = NO_EVENTS;
    private LinkView[] links = NO_LINKS;

    private io.lowalloc.core.span.SpanData span;
    private int overLimitValues;
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
        this(keys, resource, defaultScope, new Generation());
    }

    private PooledSpanDataView(AttributeKeyCache keys, Resource resource, InstrumentationScopeInfo defaultScope,
            Generation generation) {
        super(generation);
        this.keys = keys;
        this.resource = resource;
        this.defaultScope = defaultScope;
        this.generation = generation;
        this.spanContext = new SpanContextView(traceId, generation);
        this.parentContext = new SpanContextView(traceId, generation);
        this.attributes = new AttributesView(keys, generation);
        this.statusView = new StatusView(generation);
        this.eventList = new ViewList<>(generation);
        this.linkList = new ViewList<>(generation);
    }

    /**
     * Creates an unbound view with its own attribute-key cache. Views made by a
     * {@link io.lowalloc.otel.SpanExporterAdapter} share the adapter's cache instead.
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
     * Binds the view to {@code span} and hands it out: reads work until the next bind or
     * {@link #unbind()}, and everything handed out under the previous binding fails from now on.
     * The span is read, never written, and must not change until then (an ended span cannot).
     * Allocates nothing once the view has seen spans with as many events, links and attributes.
     *
     * @param span the span to show
     * @return this view
     * @throws NullPointerException if {@code span} is {@code null}
     */
    public PooledSpanDataView bind(io.lowalloc.core.span.SpanData span) {
        attach(span);
        handOut();
        return this;
    }

    /**
     * Binds without handing out: for a batch, whose list hands each view out when the exporter
     * takes it. Until then, reads through a reference kept from an earlier binding still fail.
     */
    void attach(io.lowalloc.core.span.SpanData span) {
        attach(span, null);
    }

    /**
     * Binds as {@link #attach(io.lowalloc.core.span.SpanData)}; {@code previous} is the view bound
     * just before in the same batch (or null): a span of the same trace shares its trace id
     * string, so a trace's spans in one export make it once.
     */
    void attach(io.lowalloc.core.span.SpanData span, PooledSpanDataView previous) {
        Objects.requireNonNull(span, "span");
        generation.advance();
        int maxLength = span.limits().maxAttributeValueLength();
        traceId.bind(span.traceIdHigh(), span.traceIdLow(), previous == null ? null : previous.traceId);
        spanContext.bind(span.spanId(), span.traceFlags(), false, span.traceState());
        // The core keeps one trace state, the parent's, which the span inherited.
        parentContext.bind(span.parentSpanId(), span.traceFlags(), span.isParentRemote(), span.traceState());
        attributes.bind(span.attributes(), maxLength);
        status = statusView.bind(span.statusCode(), span.statusDescription());
        int over = ValueLimit.countOver(span.attributes(), maxLength);
        over += bindEvents(span, maxLength);
        over += bindLinks(span, maxLength);
        this.overLimitValues = over;
        this.span = span;
    }

    private int bindEvents(io.lowalloc.core.span.SpanData span, int maxLength) {
        int count = span.eventCount();
        if (events.length < count) {
            EventView[] grown = Arrays.copyOf(events, count);
            for (int i = events.length; i < count; i++) {
                grown[i] = new EventView(keys, generation);
            }
            events = grown;
        }
        int over = 0;
        for (int i = 0; i < count; i++) {
            SpanEvent event = span.event(i);
            events[i].bind(event, maxLength);
            over += ValueLimit.countOver(event.attributes(), maxLength);
        }
        eventList.bind(events, count);
        return over;
    }

    private int bindLinks(io.lowalloc.core.span.SpanData span, int maxLength) {
        int count = span.linkCount();
        if (links.length < count) {
            LinkView[] grown = Arrays.copyOf(links, count);
            for (int i = links.length; i < count; i++) {
                grown[i] = new LinkView(keys, generation);
            }
            links = grown;
        }
        int over = 0;
        for (int i = 0; i < count; i++) {
            SpanLink link = span.link(i);
            links[i].bind(link, maxLength);
            over += ValueLimit.countOver(link.attributes(), maxLength);
        }
        linkList.bind(links, count);
        return over;
    }

    /**
     * Lets go of the bound span until the next {@link #bind}; every read of this view and of
     * everything it handed out fails from now on. Allocates nothing.
     */
    public void unbind() {
        generation.advance();
        span = null;
        overLimitValues = 0;
    }

    /** {@return the bound core span, or {@code null} when unbound} */
    public io.lowalloc.core.span.SpanData boundSpan() {
        return span;
    }

    /**
     * Returns how many attribute values of the bound span, its events and its links are longer
     * than the span's {@link io.lowalloc.core.span.SpanLimits#maxAttributeValueLength()} and are
     * therefore shown cut: string values and string-array elements, counted once per binding
     * whether or not they are read.
     *
     * @return the count, {@code >= 0}; 0 when unbound or unlimited
     */
    public int overLimitValueCount() {
        return overLimitValues;
    }

    /**
     * Returns an immutable snapshot of everything this view shows, independent of the pooled
     * span and safe to keep after the export (what copy mode hands to exporters), with attribute
     * values cut as the view shows them. Allocates.
     *
     * @return a new immutable {@code SpanData}
     * @throws IllegalStateException if the view is not bound
     */
    public SpanData copy() {
        bound();
        return SpanDataCopy.of(this, keys);
    }

    private io.lowalloc.core.span.SpanData bound() {
        check(UNBOUND);
        return span;
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
        spanContext.handOut();
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
        return spanContext.spanIdHex();
    }

    @Override
    public SpanContext getParentSpanContext() {
        if (bound().hasParent()) {
            parentContext.handOut();
            return parentContext;
        }
        return SpanContext.getInvalid();
    }

    @Override
    public String getParentSpanId() {
        return getParentSpanContext().getSpanId();
    }

    @Override
    public StatusData getStatus() {
        bound();
        StatusData s = status;
        if (s == statusView) {
            statusView.handOut();
        }
        return s;
    }

    @Override
    public long getStartEpochNanos() {
        return bound().startEpochNanos();
    }

    @Override
    public Attributes getAttributes() {
        bound();
        attributes.handOut();
        return attributes;
    }

    @Override
    public List<EventData> getEvents() {
        bound();
        eventList.handOut();
        return eventList;
    }

    @Override
    public List<LinkData> getLinks() {
        bound();
        linkList.handOut();
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
     * Returns the bound span's instrumentation scope in the deprecated library form: name, version
     * and schema URL of {@link #getInstrumentationScopeInfo()}. Allocates only when the scope
     * differs from the previous call's, and returns the same object otherwise.
     *
     * @return the scope as an {@link InstrumentationLibraryInfo}
     * @throws IllegalStateException if the view is not bound
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

    /** {@return a new description of the bound span, or {@code PooledSpanDataView{unbound}} when stale} */
    @Override
    public String toString() {
        if (!isLive()) {
            return "PooledSpanDataView{unbound}";
        }
        io.lowalloc.core.span.SpanData s = span;
        StringBuilder b = new StringBuilder(512)
                .append("PooledSpanDataView{name=").append(s.name())
                .append(", kind=").append(toOtel(s.kind()))
                .append(", spanContext=").append(spanContext.describe())
                .append(", parentSpanContext=").append(s.hasParent() ? parentContext.describe() : SpanContext.getInvalid())
                .append(", startEpochNanos=").append(s.startEpochNanos())
                .append(", endEpochNanos=").append(s.endEpochNanos())
                .append(", status=").append(status == statusView ? statusView.describe() : status)
                .append(", attributes=").append(attributes.describe())
                .append(", totalAttributeCount=").append(getTotalAttributeCount())
                .append(", events=[");
        for (int i = 0; i < s.eventCount(); i++) {
            b.append(i > 0 ? ", " : "").append(events[i].describe());
        }
        b.append("], totalRecordedEvents=").append(getTotalRecordedEvents()).append(", links=[");
        for (int i = 0; i < s.linkCount(); i++) {
            b.append(i > 0 ? ", " : "").append(links[i].describe());
        }
        return b.append("], totalRecordedLinks=").append(getTotalRecordedLinks())
                .append(", scope=").append(getInstrumentationScopeInfo())
                .append('}').toString();
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
