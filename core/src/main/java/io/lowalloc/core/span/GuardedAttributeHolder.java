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
     * Tells whether this event or link is recorded in its span. {@code false} only for the
     * stand-in that {@link SpanData#addEvent(String, long)} or
     * {@link SpanData#addLink(long, long, long, byte)} returns once the event or link limit is
     * reached: the event or link was dropped and counted, and attributes written to the stand-in
     * are checked, then discarded.
     *
     * @return whether the event or link is part of the span
     */
    public final boolean isRecorded() {
        return !discards();
    }
}
