package io.lowalloc.benchmarks.e2e;

import io.lowalloc.benchmarks.span.SpanShape;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.otlp.NativeOtlpHttpExporter;
import java.util.concurrent.TimeUnit;

/**
 * Row (c): lowalloc's core {@link SpanRecorder} with the native OTLP/HTTP exporter of the
 * {@code otlp} module, no OpenTelemetry classes on the recording or the export path. Exported and
 * failed counts are the recorder's own (the exporter counts a span only when the sink's answer is
 * known). Named {@value E2eRows#NATIVE} on the command line.
 */
public final class NativeOtlpRowFactory implements RowFactory {

    /** Creates the factory; {@link E2eRows} loads it by name. */
    public NativeOtlpRowFactory() {
    }

    @Override
    public TracedRow open(String endpoint) {
        return new NativeRow(endpoint);
    }

    private static final class NativeRow implements TracedRow {
        private final SpanRecorder recorder;

        NativeRow(String endpoint) {
            recorder = SpanRecorder.builder()
                    .setShutdownHook(false)
                    .build(NativeOtlpHttpExporter.builder().setEndpoint(endpoint).build());
        }

        @Override
        public void record(long n) {
            SpanData span = recorder.startSpan(SpanShape.NAME, SpanKind.INTERNAL);
            SpanShape.putAttributes(span, n);
            recorder.end(span);
        }

        @Override
        public boolean flush() {
            return recorder.flush(30, TimeUnit.SECONDS);
        }

        @Override
        public long exportedSpans() {
            return recorder.stats().batch().exported();
        }

        @Override
        public long failedSpans() {
            return recorder.stats().batch().failed();
        }

        @Override
        public void close() {
            recorder.close();
        }
    }
}
