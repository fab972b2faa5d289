package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;

/**
 * What {@link SpanEvent} and {@link SpanLink} share: preallocated attributes written through
 * {@link GuardedAttributes} (so a write through a stale reference fails like a write on the span
 * itself), and whether the event or link is recorded or is the dropped stand-in. Package-private:
 * its public methods are documented on, and are API of, the public subclasses.
 */
abstract class GuardedAttributeHolder implements AttributeSink {

    private final AttributeStore attributes;
    private final GuardedAttributes sink;
    private final boolean recorded;

    GuardedAttributeHolder(SpanData span, AttributeStore attributes, boolean recorded) {
        this.attributes = attributes;
        this.sink = new GuardedAttributes(span, attributes, !recorded);
        this.recorded = recorded;
    }

    final AttributeStore store() {
        return attributes;
    }

    /**
     * Returns the attributes of this event or link, a live read-only view (no copy).
     *
     * @return the attributes
     */
    public final AttributeReader attributes() {
        return attributes;
    }

    /**
     * Returns how many attribute keys were dropped because the attribute limit of this event or
     * link ({@link SpanLimits#eventAttributeLimit()} or {@link SpanLimits#linkAttributeLimit()})
     * was reached.
     *
     * @return the dropped count, {@code >= 0}
     */
    public final int droppedAttributeCount() {
        return attributes.droppedCount();
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
        return recorded;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, String value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, long value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, double value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, boolean value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, String[] value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, long[] value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, double[] value) {
        sink.put(key, value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ACQUIRED}; the message
     *     names its state
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} is empty
     */
    @Override
    public final void put(String key, boolean[] value) {
        sink.put(key, value);
    }
}
