package io.lowalloc.otlp;

import io.lowalloc.core.span.SpanData;
import java.util.List;

/** The exporter's encoding: a {@link TraceRequestEncoder} writing into one reused {@link ProtoBuffer}. */
final class TraceEncoding implements NativeOtlpHttpExporter.RequestEncoding {

    private final TraceRequestEncoder encoder;
    private final ProtoBuffer buffer = new ProtoBuffer(64 * 1024);

    TraceEncoding(OtlpResource resource, String scopeName, String scopeVersion) {
        this.encoder = new TraceRequestEncoder(resource, scopeName, scopeVersion);
    }

    @Override
    public int encode(List<? extends SpanData> batch, int from, int maxRequestBytes) {
        return encoder.encode(batch, from, maxRequestBytes, buffer);
    }

    @Override
    public byte[] array() {
        return buffer.array();
    }

    @Override
    public int length() {
        return buffer.length();
    }
}
