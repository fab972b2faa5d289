package io.lowalloc.otel.internal.view;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable {@link SpanData} snapshot of a {@link PooledSpanDataView}, independent of the
 * pooled span: ids as validated {@link SpanContext}s, attributes, events and links copied with
 * the SDK's immutable implementations (array values copied too), string values cut to the
 * attribute value length limit as the view shows them. Made per span in copy mode; allocates
 * accordingly.
 */
final class SpanDataCopy implements SpanData {

    private final String name;
    private final SpanKind kind;
    private final SpanContext spanContext;
    private final SpanContext parentSpanContext;
    private final StatusData status;
    private final long startEpochNanos;
    private final long endEpochNanos;
    private final boolean ended;
    private final Attributes attributes;
    private final List<EventData> events;
    private final List<LinkData> links;
    private final int totalAttributeCount;
    private final int totalRecordedEvents;
    private final int totalRecordedLinks;
    private final InstrumentationScopeInfo scope;
    private final Resource resource;

    private SpanDataCopy(PooledSpanDataView view, AttributeKeyCache keys) {
        io.lowalloc.core.span.SpanData span = view.boundSpan();
        int maxLength = span.limits().maxAttributeValueLength();
        this.name = span.name();
        this.kind = view.getKind();
        this.spanContext = copyOf(view.getSpanContext());
        this.parentSpanContext = copyOf(view.getParentSpanContext());
        this.status = StatusData.create(view.getStatus().getStatusCode(), view.getStatus().getDescription());
        this.startEpochNanos = span.startEpochNanos();
        this.endEpochNanos = span.endEpochNanos();
        this.ended = view.hasEnded();
        this.attributes = AttributesView.copyOf(span.attributes(), keys, maxLength);
        List<EventData> eventCopies = new ArrayList<>(span.eventCount());
        for (int i = 0; i < span.eventCount(); i++) {
            io.lowalloc.core.span.SpanEvent e = span.event(i);
            eventCopies.add(EventData.create(e.epochNanos(), e.name(),
                    AttributesView.copyOf(e.attributes(), keys, maxLength),
                    e.attributes().size() + e.droppedAttributeCount()));
        }
        this.events = Collections.unmodifiableList(eventCopies);
        List<LinkData> linkCopies = new ArrayList<>(span.linkCount());
        List<LinkData> linkViews = view.getLinks();
        for (int i = 0; i < span.linkCount(); i++) {
            io.lowalloc.core.span.SpanLink l = span.link(i);
            linkCopies.add(LinkData.create(copyOf(linkViews.get(i).getSpanContext()),
                    AttributesView.copyOf(l.attributes(), keys, maxLength),
                    l.attributes().size() + l.droppedAttributeCount()));
        }
        this.links = Collections.unmodifiableList(linkCopies);
        this.totalAttributeCount = view.getTotalAttributeCount();
        this.totalRecordedEvents = view.getTotalRecordedEvents();
        this.totalRecordedLinks = view.getTotalRecordedLinks();
        this.scope = view.getInstrumentationScopeInfo();
        this.resource = view.getResource();
    }

    static SpanData of(PooledSpanDataView view, AttributeKeyCache keys) {
        return new SpanDataCopy(view, keys);
    }

    private static SpanContext copyOf(SpanContext context) {
        if (!context.isValid()) {
            return SpanContext.getInvalid();
        }
        return context.isRemote()
                ? SpanContext.createFromRemoteParent(context.getTraceId(), context.getSpanId(),
                        context.getTraceFlags(), context.getTraceState())
                : SpanContext.create(context.getTraceId(), context.getSpanId(), context.getTraceFlags(),
                        context.getTraceState());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SpanKind getKind() {
        return kind;
    }

    @Override
    public SpanContext getSpanContext() {
        return spanContext;
    }

    @Override
    public SpanContext getParentSpanContext() {
        return parentSpanContext;
    }

    @Override
    public StatusData getStatus() {
        return status;
    }

    @Override
    public long getStartEpochNanos() {
        return startEpochNanos;
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public List<EventData> getEvents() {
        return events;
    }

    @Override
    public List<LinkData> getLinks() {
        return links;
    }

    @Override
    public long getEndEpochNanos() {
        return endEpochNanos;
    }

    @Override
    public boolean hasEnded() {
        return ended;
    }

    @Override
    public int getTotalRecordedEvents() {
        return totalRecordedEvents;
    }

    @Override
    public int getTotalRecordedLinks() {
        return totalRecordedLinks;
    }

    @Override
    public int getTotalAttributeCount() {
        return totalAttributeCount;
    }

    @Override
    @Deprecated
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion(), scope.getSchemaUrl());
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
    }

    @Override
    public Resource getResource() {
        return resource;
    }

    /** {@return a new description of every field} */
    @Override
    public String toString() {
        return "SpanDataCopy{name=" + name + ", kind=" + kind + ", spanContext=" + spanContext
                + ", parentSpanContext=" + parentSpanContext + ", status=" + status
                + ", startEpochNanos=" + startEpochNanos + ", endEpochNanos=" + endEpochNanos
                + ", attributes=" + attributes + ", totalAttributeCount=" + totalAttributeCount
                + ", events=" + events + ", totalRecordedEvents=" + totalRecordedEvents
                + ", links=" + links + ", totalRecordedLinks=" + totalRecordedLinks
                + ", scope=" + scope + ", resource=" + resource + "}";
    }
}
