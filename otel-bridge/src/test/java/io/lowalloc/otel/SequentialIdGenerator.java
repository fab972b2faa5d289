package io.lowalloc.otel;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link IdGenerator} that takes ids from counters, so that two runs of the same scenario (one
 * per processor) produce the same ids and their spans can be compared. Thread-safe.
 */
final class SequentialIdGenerator implements IdGenerator {

    private final AtomicLong spans = new AtomicLong(0x1000);
    private final AtomicLong traces = new AtomicLong(0x2000);

    @Override
    public String generateSpanId() {
        return SpanId.fromLong(spans.incrementAndGet());
    }

    @Override
    public String generateTraceId() {
        long n = traces.incrementAndGet();
        return TraceId.fromLongs(0x0af7651916cd43ddL ^ n, 0x8448eb211c80319cL + n);
    }
}
