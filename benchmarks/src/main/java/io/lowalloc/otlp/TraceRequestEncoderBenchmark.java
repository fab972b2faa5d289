package io.lowalloc.otlp;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.benchmarks.span.SpanShape;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.StatusCode;
import io.lowalloc.otel.SpanExporterAdapter;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding cost per span, at batch {@value #BATCH}, of the {@link SpanShape} span (8 attributes):
 * the native {@link TraceRequestEncoder} into a reused buffer, against OpenTelemetry's
 * {@code REUSABLE_DATA} marshaler ({@code LowAllocationTraceRequestMarshaler}, what
 * {@code OtlpHttpSpanExporter} runs by default) reading the same pooled spans through the bridge's
 * views and writing into a reused byte sink. Both produce the same request bytes. Scores are per
 * span ({@code @OperationsPerInvocation}). In package {@code io.lowalloc.otlp} because the encoder
 * is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TraceRequestEncoderBenchmark.BATCH)
@State(Scope.Thread)
public class TraceRequestEncoderBenchmark extends StandardRun {

    /** Spans per batch: {@value}, the batch size of the targets. */
    public static final int BATCH = 512;

    private static final long T0 = 1_700_000_000_000_000_000L;

    private final List<SpanData> batch = new ArrayList<>(BATCH);
    private final ProtoBuffer out = new ProtoBuffer(0);
    private final ReusedSink sink = new ReusedSink();
    private TraceRequestEncoder encoder;
    private SpanExporterAdapter adapter;

    /** Makes the batch, the encoder and the OpenTelemetry marshaling path. */
    @Setup
    public void setUp() {
        for (int i = 0; i < BATCH; i++) {
            SpanData span = SpanData.create(SpanLimits.defaults());
            span.setTraceId(0x5eedL + i, 0x7a11L * (i + 1))
                    .setSpanId(0x1000L + i)
                    .setParent(0x2000L + i, false)
                    .setSampled(true)
                    .setKind(SpanKind.SERVER)
                    .setName(SpanShape.NAME)
                    .setStartEpochNanos(T0 + 1000L * i);
            SpanShape.putAttributes(span, i);
            span.setStatus(StatusCode.OK);
            span.end(T0 + 1000L * i + 500);
            batch.add(span);
        }
        OtlpResource resource = OtlpResource.builder().serviceName("benchmark").build();
        encoder = new TraceRequestEncoder(resource, SpanExporterAdapter.DEFAULT_SCOPE_NAME, null);
        adapter = SpanExporterAdapter.builder(new MarshalingExporter(sink))
                .setResource(Resource.builder().put(OtlpResource.SERVICE_NAME_KEY, "benchmark").build())
                .build();
    }

    /**
     * The native encoder: one request of {@value #BATCH} spans into a reused buffer.
     *
     * @return the request size, so the work is used
     */
    @Benchmark
    public int nativeEncoder() {
        encoder.encode(batch, 0, TraceRequestEncoder.DEFAULT_MAX_REQUEST_BYTES, out);
        return out.length();
    }

    /**
     * OpenTelemetry's {@code REUSABLE_DATA} marshaler over the bridge's views, as
     * {@code OtlpHttpSpanExporter} marshals a batch before sending it.
     *
     * @return the request size, so the work is used
     */
    @Benchmark
    public int openTelemetryMarshalerThroughViews() {
        adapter.export(batch, IGNORED);
        return sink.length;
    }

    private static final ExportCompletion IGNORED = new ExportCompletion() {
        @Override
        public void success() {
        }

        @Override
        public void failure(Throwable cause) {
            throw new IllegalStateException("marshaling failed", cause);
        }
    };

    /** Marshals each batch synchronously into the sink, as the OTLP exporter does before it sends. */
    private static final class MarshalingExporter implements SpanExporter {

        private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();
        private final ReusedSink sink;

        MarshalingExporter(ReusedSink sink) {
            this.sink = sink;
        }

        @Override
        public CompletableResultCode export(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
            sink.length = 0;
            marshaler.initialize(spans);
            try {
                marshaler.writeBinaryTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                marshaler.reset();
            }
            return CompletableResultCode.ofSuccess();
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

    /** A growable byte sink reused across batches, like the native encoder's buffer. */
    private static final class ReusedSink extends OutputStream {

        private byte[] bytes = new byte[1 << 16];
        private int length;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
    }
}
