package io.lowalloc.otel.testing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A {@code SpanProcessor} that only keeps the last ended span: tests read it back, and the
 * allocation workload uses it so the span escapes (the JIT cannot remove it) while the processor
 * itself allocates nothing.
 */
public final class LastEndedSpanProcessor implements SpanProcessor {

    // Volatile: the span is published by the ending thread and may be read by another.
    private volatile ReadableSpan last;

    /** Returns the last span passed to {@link #onEnd}, or null if none was. */
    public ReadableSpan last() {
        return last;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // Nothing to do at start; isStartRequired() tells the SDK not to call this at all.
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        last = span;
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
