package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanLink;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;

/**
 * A reusable {@link LinkData} over a core {@link SpanLink}. The linked context is never remote
 * (the core does not record it). Equality is identity.
 */
final class LinkView implements LinkData {

    private final TraceIdHex traceId = new TraceIdHex();
    private final SpanContextView spanContext = new SpanContextView(traceId);
    private final AttributesView attributes;

    LinkView(AttributeKeyCache keys) {
        this.attributes = new AttributesView(keys);
    }

    void bind(SpanLink link) {
        traceId.bind(link.traceIdHigh(), link.traceIdLow());
        spanContext.bind(link.spanId(), link.traceFlags(), false);
        attributes.bind(link.attributes());
    }

    @Override
    public SpanContext getSpanContext() {
        return spanContext;
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
        return attributes.size() + attributes.reader().droppedCount();
    }

    /** {@return a new description: linked context and attributes} */
    @Override
    public String toString() {
        return "LinkData{spanContext=" + spanContext + ", attributes=" + attributes
                + ", totalAttributeCount=" + getTotalAttributeCount() + "}";
    }
}
