package io.lowalloc.benchmarks.span;

import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * A {@link SpanExporter} that turns each batch into an OTLP trace request body the way
 * OpenTelemetry's OTLP exporters do, then drops the bytes: either with the stateful
 * {@code TraceRequestMarshaler} ({@code MemoryMode.IMMUTABLE_DATA}: a marshaler tree per export)
 * or with one reused {@code LowAllocationTraceRequestMarshaler} ({@code MemoryMode.REUSABLE_DATA},
 * the exporters' default). Both read every span twice — a size pass, then a write pass. The body
 * is written into one reused {@link ByteArrayOutputStream}. Not thread-safe: one export at a time.
 */
public final class OtlpMarshalingExporter implements SpanExporter {

    private final boolean reusable;
    private final LowAllocationTraceRequestMarshaler lowAllocation = new LowAllocationTraceRequestMarshaler();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);

    private OtlpMarshalingExporter(boolean reusable) {
        this.reusable = reusable;
    }

    /**
     * Creates an exporter marshaling with a new {@code TraceRequestMarshaler} per export.
     *
     * @return a new exporter
     */
    public static OtlpMarshalingExporter stateful() {
        return new OtlpMarshalingExporter(false);
    }

    /**
     * Creates an exporter marshaling with one reused {@code LowAllocationTraceRequestMarshaler}.
     *
     * @return a new exporter
     */
    public static OtlpMarshalingExporter reusable() {
        return new OtlpMarshalingExporter(true);
    }

    /**
     * Marshals {@code spans} into the reused body and succeeds.
     *
     * @param spans the batch, read during the call only
     * @return a successful result
     * @throws UncheckedIOException never in practice: the body is in memory
     */
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        body.reset();
        try {
            if (reusable) {
                lowAllocation.initialize(spans);
                try {
                    lowAllocation.writeBinaryTo(body);
                } finally {
                    lowAllocation.reset();
                }
            } else {
                TraceRequestMarshaler.create(spans).writeBinaryTo(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CompletableResultCode.ofSuccess();
    }

    /**
     * Returns the size of the last request body.
     *
     * @return bytes written by the last export
     */
    public int lastBodySize() {
        return body.size();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
