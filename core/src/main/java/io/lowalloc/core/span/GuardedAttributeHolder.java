package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeStore;

/**
 * What {@link SpanEvent} and {@link SpanLink} add to {@link GuardedAttributes}: whether the event
 * or link is recorded or is the dropped stand-in. Package-private: its public methods are API
 * of, and documented on, the public subclasses.
 */
abstract class GuardedAttributeHolder extends GuardedAttributes {

    GuardedAttributeHolder(SpanData span, AttributeStore attributes, boolean recorded) {
        super(span, attributes, !recorded);
    }

    /**
     * {@return whether this event or link is part of its span; {@code false} only for the
     * stand-in returned once the event or link limit is reached, which discards attributes}
     */
    public final boolean isRecorded() {
        return !discards();
    }
}
