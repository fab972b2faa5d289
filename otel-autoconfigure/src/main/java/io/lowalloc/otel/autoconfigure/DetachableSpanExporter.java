package io.lowalloc.otel.autoconfigure;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Forwards every call to the exporter autoconfiguration built, except a {@link #shutdown()} made
 * while detached: that is how the replaced {@code BatchSpanProcessor} is shut down (its worker thread
 * ends) without shutting down the exporter it shares with the processor that replaces it.
 *
 * <p>Thread-safe: the detached flag is volatile; detaching happens during autoconfiguration, before
 * any span is exported.
 */
final class DetachableSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private volatile boolean detached;

    DetachableSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    SpanExporter delegate() {
        return delegate;
    }

    void setDetached(boolean detached) {
        this.detached = detached;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        if (detached) {
            return CompletableResultCode.ofSuccess();
        }
        return delegate.shutdown();
    }

    @Override
    public void close() {
        shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
