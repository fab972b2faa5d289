package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;

/**
 * The attributes of a span, event or link, writable only while the owning span is
 * {@link SpanState#ACQUIRED}: every put checks the span's state first, so a write through a
 * stale reference to an event or link is detected like a write on the span itself.
 *
 * <p>A discarding instance backs the stand-in returned when the event or link limit is reached:
 * it checks the state and the arguments like any other, then forgets the value (the event or
 * link itself was already counted as dropped).
 */
final class GuardedAttributes implements AttributeSink {

    private final SpanData span;
    private final AttributeStore store;
    private final boolean discard;

    GuardedAttributes(SpanData span, AttributeStore store, boolean discard) {
        this.span = span;
        this.store = store;
        this.discard = discard;
    }

    AttributeStore store() {
        return store;
    }

    @Override
    public void put(String key, String value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, long value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, double value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, boolean value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, String[] value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, long[] value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, double[] value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    @Override
    public void put(String key, boolean[] value) {
        span.checkWritable();
        store.put(key, value);
        forgetIfDiscarding();
    }

    private void forgetIfDiscarding() {
        // Writing then clearing reuses the store's validation; its one slot never grows.
        if (discard) {
            store.clear();
        }
    }
}
