package io.lowalloc.examples;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The batch demo's OpenTelemetry {@link SpanExporter}: prints {@code "📤 Exporting batch of N spans"}
 * for every batch, as the Go example does, reads every span through the standard
 * {@code SpanData} interface (name and span context) to count the valid ones, and then either
 * completes at once (the embedded default) or hands the batch to a delegate such as an OTLP
 * exporter and returns its result.
 *
 * <p>It reads the spans only during {@link #export}, before the result completes, as the
 * {@code SpanExporter} contract asks, so it works with the bridge's reusable views. Thread-safe
 * for the one-export-at-a-time use of a batch pipeline; the recorded figures are read after the
 * pipeline closed.
 */
final class PrintingSpanExporter implements SpanExporter {

    private final PrintStream out;
    private final SpanExporter delegate;
    private final String destination;
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<Long> batchNanoTimes = new ArrayList<>();
    private long validSpans;

    /**
     * Creates an exporter that prints each batch and then passes it to {@code delegate}, or
     * completes at once when {@code delegate} is {@code null}.
     */
    PrintingSpanExporter(PrintStream out, SpanExporter delegate, String destination) {
        this.out = Objects.requireNonNull(out, "out");
        this.delegate = delegate;
        this.destination = destination;
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        batchNanoTimes.add(System.nanoTime());
        batchSizes.add(spans.size());
        for (SpanData span : spans) {
            if (span.getSpanContext().isValid() && !span.getName().isEmpty()) {
                validSpans++;
            }
        }
        out.println("📤 Exporting batch of " + spans.size() + " spans" + (destination == null ? "" : " to " + destination));
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.shutdown();
    }

    /** Returns the size of every batch received, in order. */
    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Returns when each batch was received ({@link System#nanoTime()}), in order. */
    synchronized List<Long> batchNanoTimes() {
        return List.copyOf(batchNanoTimes);
    }

    /** Returns how many spans read through the {@code SpanData} interface had a valid context and a name. */
    synchronized long validSpans() {
        return validSpans;
    }
}
