package io.lowalloc.otel.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@code SpanExporter} whose export does what the test says, recording the spans it was given
 * (the elements; the adapter's list itself is emptied when the export completes).
 */
public final class FakeExporter implements SpanExporter {

    public final List<Collection<SpanData>> batches = new ArrayList<>();
    public final AtomicInteger flushes = new AtomicInteger();
    public final AtomicInteger shutdowns = new AtomicInteger();
    private final Function<Collection<SpanData>, CompletableResultCode> onExport;

    public FakeExporter(Function<Collection<SpanData>, CompletableResultCode> onExport) {
        this.onExport = onExport;
    }

    public static FakeExporter succeeding() {
        return new FakeExporter(spans -> CompletableResultCode.ofSuccess());
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        batches.add(new ArrayList<>(spans));
        return onExport.apply(spans);
    }

    @Override
    public CompletableResultCode flush() {
        flushes.incrementAndGet();
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdowns.incrementAndGet();
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
        return "FakeExporter";
    }
}
