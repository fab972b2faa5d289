package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeStore;

/**
 * A timestamped event inside a {@link SpanData}, preallocated and reused with it; obtained from
 * {@link SpanData#addEvent(String, long)} or {@link SpanData#event(int)}, never created directly.
 * Past {@link SpanLimits#eventAttributeLimit()} attributes, new keys are dropped and counted.
 *
 * <p>Its {@code put}s are guarded by the span's state exactly like the span's own (see
 * {@link SpanData}): once the span ended, was submitted or went back to its pool, a write through
 * a kept reference throws {@link IllegalStateException}. Readable in any state. Not thread-safe,
 * like its span; writing allocates nothing once the event's attribute storage is warm.
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

    /** {@return the event name; {@code ""} for a reset event or the dropped-event stand-in} */
    public String name() {
        return name;
    }

    /** {@return when the event happened, in nanoseconds since the Unix epoch; 0 when reset or dropped} */
    public long epochNanos() {
        return epochNanos;
    }

    /** {@return a readable form such as {@code SpanEvent{name=retry, epochNanos=17..., attributes={...}}}} */
    @Override
    public String toString() {
        return "SpanEvent{name=" + name + ", epochNanos=" + epochNanos + ", attributes=" + store()
                + (isRecorded() ? "" : ", dropped stand-in") + "}";
    }
}
