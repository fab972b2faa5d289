package io.lowalloc.otlp;

import io.lowalloc.core.span.SpanData;
import java.util.List;
import java.util.Map;

/** Placeholder until the encoder lands: replaced by the adapter over {@code TraceRequestEncoder}. */
final class TraceEncoding implements NativeOtlpHttpExporter.RequestEncoding {

    private TraceEncoding() {
    }

    static TraceEncoding create(Map<String, String> resourceAttributes, String scopeName, String scopeVersion) {
        return new TraceEncoding();
    }

    @Override
    public int encode(List<? extends SpanData> batch, int from, int maxRequestBytes) {
        throw new UnsupportedOperationException("encoder not merged yet");
    }

    @Override
    public byte[] array() {
        return new byte[0];
    }

    @Override
    public int length() {
        return 0;
    }
}
