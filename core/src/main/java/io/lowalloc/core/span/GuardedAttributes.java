package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;

/**
 * The typed {@code put}s of {@link SpanData}, {@link SpanEvent} and {@link SpanLink}, written
 * once: each checks that the owning span is {@link SpanState#ACQUIRED} (before the arguments),
 * then writes to the attribute store unless the span is not recording (unsampled), so a write through a stale event or link is caught like one
 * on the span. A discarding instance (the dropped-event or dropped-link stand-in) checks the same,
 * then forgets the value. Package-private: its public methods are API of the public subclasses.
 *
 * <p>Every call binds statically ({@code SpanData} and {@code AttributeStore} are final), so a put
 * costs no dispatch beyond the caller's own.
 */
abstract class GuardedAttributes implements AttributeSink {

    private final SpanData span;
    private final AttributeStore attributes;
    private final boolean discard;

    /** For a span's own attributes. */
    GuardedAttributes(AttributeStore attributes) {
        // this cannot be passed to super(...) from SpanData's constructor, so the span names itself.
        this.span = (SpanData) this;
        this.attributes = attributes;
        this.discard = false;
    }

    /** For the attributes of an event or link of {@code span}, or of a discarding stand-in. */
    GuardedAttributes(SpanData span, AttributeStore attributes, boolean discard) {
        this.span = span;
        this.attributes = attributes;
        this.discard = discard;
    }

    final AttributeStore store() {
        return attributes;
    }

    /** Whether this instance forgets what is written (the dropped-event or dropped-link stand-in). */
    final boolean discards() {
        return discard;
    }

    /**
     * {@return the attributes, a live read-only view (no copy): not an {@code AttributeSink}, so
     * writes go only through the guarded {@code put}s; the same instance for the life of the span}
     */
    public final AttributeReader attributes() {
        return attributes.readOnlyView();
    }

    /**
     * {@return how many attribute keys were dropped at the attribute limit: the span's, the
     * event's or the link's, as in {@link SpanLimits}}
     */
    public final int droppedAttributeCount() {
        return attributes.droppedCount();
    }

    @Override
    public final void put(String key, String value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, long value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, double value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, boolean value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, String[] value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, long[] value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, double[] value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    @Override
    public final void put(String key, boolean[] value) {
        if (span.acceptsWrite()) {
            attributes.put(key, value);
            forgetIfDiscarding();
        }
    }

    private void forgetIfDiscarding() {
        // Writing then clearing reuses the store's validation; the stand-in's one slot never grows.
        if (discard) {
            attributes.clear();
        }
    }
}
