package io.lowalloc.benchmarks.e2e;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delegates to an exporter and counts the spans of each call by its outcome when it completes,
 * so that the harness can compare what the exporter delivered with what the sink received.
 * Allocates one completion callback per export call (not per span).
 */
final class CountingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    CountingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        // Taken before the call: a pooled view collection may be reused once the call returns.
        int count = spans.size();
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> (result.isSuccess() ? exported : failed).addAndGet(count));
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    long exported() {
        return exported.get();
    }

    long failed() {
        return failed.get();
    }
}
