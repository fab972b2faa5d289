package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;

/**
 * A timestamped event inside a {@link SpanData}, preallocated and reused with it. Obtained from
 * {@link SpanData#addEvent(String, long)} or {@link SpanData#event(int)}; never created
 * directly.
 *
 * <p>Readable in any state. Writable (its attributes, through the {@code put} methods) only
 * while the owning span is {@link SpanState#ACQUIRED}, exactly like the span: a write through a
 * reference kept after the span ended, was submitted or went back to its pool throws
 * {@link IllegalStateException}. Past {@link SpanLimits#eventAttributeLimit()} attributes, new
 * keys are dropped and counted in {@link #droppedAttributeCount()}.
 *
 * <p>Not thread-safe, like its span. Writing allocates nothing once the event's attribute
 * storage is warm.
 */
public final class SpanEvent implements AttributeSink {

    private final AttributeStore attributes;
    private final GuardedAttributes sink;
    private final boolean recorded;
    private String name = "";
    private long epochNanos;

    SpanEvent(SpanData span, AttributeStore attributes, boolean recorded) {
        this.attributes = attributes;
        this.sink = new GuardedAttributes(span, attributes, !recorded);
        this.recorded = recorded;
    }

    void set(String name, long epochNanos) {
        this.name = name;
        this.epochNanos = epochNanos;
    }

    void reset() {
        name = "";
        epochNanos = 0L;
        attributes.clear();
    }

    /**
     * Returns the event name.
     *
     * @return the name; {@code ""} for a reset event or the dropped-event stand-in
     */
    public String name() {
        return name;
    }

    /**
     * Returns when the event happened.
     *
     * @return nanoseconds since the Unix epoch; 0 for a reset event or the dropped-event stand-in
     */
    public long epochNanos() {
        return epochNanos;
    }

    /**
     * Returns the event's attributes, a live read-only view (no copy).
     *
     * @return the attributes
     */
    public AttributeReader attributes() {
        return attributes;
    }

    /**
     * Returns how many attribute keys were dropped because the event's attribute limit was
     * reached.
     *
     * @return the dropped count, {@code >= 0}
     */
    public int droppedAttributeCount() {
        return attributes.droppedCount();
    }

    /**
     * Tells whether this event is recorded in its span. {@code false} only for the stand-in that
     * {@link SpanData#addEvent(String, long)} returns once the event limit is reached: the event
     * was dropped and counted, and attributes written to the stand-in are checked, then discarded.
     *
     * @return whether the event is part of the span
     */
    public boolean isRecorded() {
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
    public void put(String key, String value) {
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
    public void put(String key, long value) {
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
    public void put(String key, double value) {
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
    public void put(String key, boolean value) {
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
    public void put(String key, String[] value) {
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
    public void put(String key, long[] value) {
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
    public void put(String key, double[] value) {
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
    public void put(String key, boolean[] value) {
        sink.put(key, value);
    }

    /**
     * Returns a readable form such as {@code SpanEvent{name=retry, epochNanos=1700000000000000000,
     * attributes={attempt=2} ...}}. Allocates; not for hot paths.
     *
     * @return a description of the event
     */
    @Override
    public String toString() {
        return "SpanEvent{name=" + name + ", epochNanos=" + epochNanos + ", attributes=" + attributes
                + (recorded ? "" : ", dropped stand-in") + "}";
    }
}
