package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanLink;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;

/**
 * A reusable {@link LinkData} over a core {@link SpanLink}. The linked context is never remote
 * (the core does not record it). Valid, with its context and attributes, while the owning span
 * view stays bound and this link was taken from the span's link list under that binding; reads
 * after that throw {@link IllegalStateException} naming copy mode. Equality is identity.
 */
final class LinkView extends OwnedView implements LinkData {

    private static final String WHAT = "LinkData view read after its export completed";

    private final TraceIdHex traceId = new TraceIdHex();
    private final SpanContextView spanContext;
    private final AttributesView attributes;

    LinkView(AttributeKeyCache keys, Generation owner) {
        super(owner);
        this.spanContext = new SpanContextView(traceId, owner);
        this.attributes = new AttributesView(keys, owner);
    }

    void bind(SpanLink link, int maxAttributeValueLength) {
        traceId.bind(link.traceIdHigh(), link.traceIdLow());
        spanContext.bind(link.spanId(), link.traceFlags(), link.isRemote(), link.traceState());
        attributes.bind(link.attributes(), maxAttributeValueLength);
    }

    @Override
    public SpanContext getSpanContext() {
        check(WHAT);
        spanContext.handOut();
        return spanContext;
    }

    @Override
    public Attributes getAttributes() {
        check(WHAT);
        attributes.handOut();
        return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
        check(WHAT);
        return attributes.totalCount();
    }

    /** {@return a new description: linked context and attributes; {@code LinkData{unbound}} when stale} */
    @Override
    public String toString() {
        return isLive() ? describe() : "LinkData{unbound}";
    }

    /** {@return a new description, unchecked: for the owning span view's description} */
    String describe() {
        return "LinkData{spanContext=" + spanContext.describe() + ", attributes=" + attributes.describe()
                + ", totalAttributeCount=" + attributes.totalCount() + "}";
    }
}
