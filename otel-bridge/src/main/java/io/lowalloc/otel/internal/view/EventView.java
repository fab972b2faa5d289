package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;

/** A reusable {@link EventData} over a core {@link SpanEvent}. Equality is identity. */
final class EventView implements EventData {

    private final AttributesView attributes;
    private String name = "";
    private long epochNanos;

    EventView(AttributeKeyCache keys) {
        this.attributes = new AttributesView(keys);
    }

    void bind(SpanEvent event) {
        this.name = event.name();
        this.epochNanos = event.epochNanos();
        attributes.bind(event.attributes());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public long getEpochNanos() {
        return epochNanos;
    }

    @Override
    public int getTotalAttributeCount() {
        return attributes.size() + attributes.reader().droppedCount();
    }

    /** {@return a new description: name, time and attributes} */
    @Override
    public String toString() {
        return "EventData{name=" + name + ", epochNanos=" + epochNanos + ", attributes=" + attributes
                + ", totalAttributeCount=" + getTotalAttributeCount() + "}";
    }
}
