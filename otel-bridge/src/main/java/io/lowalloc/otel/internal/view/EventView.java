package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;

/**
 * A reusable {@link EventData} over a core {@link SpanEvent}. Valid, with its attributes, while the
 * owning span view stays bound and this event was taken from the span's event list under that
 * binding; reads after that throw {@link IllegalStateException} naming copy mode. Equality is
 * identity.
 */
final class EventView extends OwnedView implements EventData {

    private static final String WHAT = "EventData view read after its export completed";

    private final AttributesView attributes;
    private String name = "";
    private long epochNanos;

    EventView(AttributeKeyCache keys, Generation owner) {
        super(owner);
        this.attributes = new AttributesView(keys, owner);
    }

    void bind(SpanEvent event, int maxAttributeValueLength) {
        this.name = event.name();
        this.epochNanos = event.epochNanos();
        attributes.bind(event.attributes(), maxAttributeValueLength);
    }

    @Override
    public String getName() {
        check(WHAT);
        return name;
    }

    @Override
    public Attributes getAttributes() {
        check(WHAT);
        attributes.handOut();
        return attributes;
    }

    @Override
    public long getEpochNanos() {
        check(WHAT);
        return epochNanos;
    }

    @Override
    public int getTotalAttributeCount() {
        check(WHAT);
        return attributes.totalCount();
    }

    /** {@return a new description: name, time and attributes; {@code EventData{unbound}} when stale} */
    @Override
    public String toString() {
        return isLive() ? describe() : "EventData{unbound}";
    }

    /** {@return a new description, unchecked: for the owning span view's description} */
    String describe() {
        return "EventData{name=" + name + ", epochNanos=" + epochNanos + ", attributes=" + attributes.describe()
                + ", totalAttributeCount=" + attributes.totalCount() + "}";
    }
}
