package io.lowalloc.otel.autoconfigure;

import io.lowalloc.core.jmx.StatsMBeans;
import io.lowalloc.otel.BoundedBatchSpanProcessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * The replacement processor with its stats MBean: every call goes to the processor, and shutdown
 * also unregisters the MBean, so a second SDK in the same JVM can register its own.
 */
final class JmxRegisteredProcessor implements SpanProcessor {

    private final BoundedBatchSpanProcessor processor;
    private final StatsMBeans.Registration registration;

    JmxRegisteredProcessor(BoundedBatchSpanProcessor processor, StatsMBeans.Registration registration) {
        this.processor = processor;
        this.registration = registration;
    }

    BoundedBatchSpanProcessor processor() {
        return processor;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        processor.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
        return processor.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        processor.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
        return processor.isEndRequired();
    }

    @Override
    public CompletableResultCode shutdown() {
        registration.close();
        return processor.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return processor.forceFlush();
    }

    @Override
    public String toString() {
        return processor.toString();
    }
}
