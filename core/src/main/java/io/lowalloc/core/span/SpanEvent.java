package io.lowalloc.core.span;

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
public final class SpanEvent extends GuardedAttributeHolder {

    private String name = "";
    private long epochNanos;

    SpanEvent(SpanData span, AttributeStore attributes, boolean recorded) {
        super(span, attributes, recorded);
    }

    void set(String name, long epochNanos) {
        this.name = name;
        this.epochNanos = epochNanos;
    }

    void reset() {
        name = "";
        epochNanos = 0L;
        store().clear();
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
     * Returns a readable form such as {@code SpanEvent{name=retry, epochNanos=1700000000000000000,
     * attributes={attempt=2} ...}}. Allocates; not for hot paths.
     *
     * @return a description of the event
     */
    @Override
    public String toString() {
        return "SpanEvent{name=" + name + ", epochNanos=" + epochNanos + ", attributes=" + store()
                + (isRecorded() ? "" : ", dropped stand-in") + "}";
    }
}
