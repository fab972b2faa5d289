package io.lowalloc.examples;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import java.util.List;

/**
 * The batch demo's exporter when it has a collector endpoint: each batch first goes to the printing
 * exporter (through the bridge, which reads it as OpenTelemetry {@code SpanData} and completes at
 * once), then to the native OTLP exporter, whose result is the batch's result. The printing side
 * completes before the native export starts, so the native exporter's {@code released()} and result
 * are the only signals the buffer acts on.
 *
 * <p>Called by the buffer one export at a time, as every {@link BatchExporter} is.
 */
final class PrintThenSendExporter implements BatchExporter<SpanData> {

    private static final ExportCompletion IGNORED = new ExportCompletion() {
        @Override
        public void success() {
        }

        @Override
        public void failure(Throwable cause) {
        }
    };

    private final BatchExporter<SpanData> printing;
    private final BatchExporter<SpanData> sending;

    PrintThenSendExporter(BatchExporter<SpanData> printing, BatchExporter<SpanData> sending) {
        this.printing = printing;
        this.sending = sending;
    }

    @Override
    public void export(List<SpanData> batch, ExportCompletion completion) {
        printing.export(batch, IGNORED);
        sending.export(batch, completion);
    }

    @Override
    public void flush(ExportCompletion completion) {
        sending.flush(completion);
    }

    @Override
    public void shutdown(ExportCompletion completion) {
        printing.shutdown(IGNORED);
        sending.shutdown(completion);
    }
}
