package io.lowalloc.core.it;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.EpochClock;
import io.lowalloc.core.span.Ids;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import java.util.function.LongUnaryOperator;

/**
 * One producer-side cycle of the whole pipeline, as an application records a span: pool acquire,
 * random ids, name, kind, start time, 8 attributes (2 each of String, long, double, boolean), end,
 * {@code markSubmitted}, {@code offer}; a span the buffer refuses is released by the producer.
 *
 * <p>Deliberately free of String literals (keys and values come in through the constructor): the
 * thread that requests the C2 compilation of a method first resolves every String constant of the
 * method's class and is charged for those strings, once. In a measured class that would show up
 * as a one-off allocation on the producer thread.
 */
final class PipelineCycle implements LongUnaryOperator {

    /** Attribute keys a cycle writes. */
    static final int KEYS = 8;

    /** Where the injected allocation escapes to, so that the JIT cannot eliminate it. */
    static volatile Object sink;

    private final ObjectPool<SpanData> pool;
    private final BatchBuffer<SpanData> buffer;
    private final EpochClock clock;
    private final String name;
    private final String[] keys;
    private final String[] values;
    private final boolean injectAllocation;
    private long refused;

    /**
     * @param keys {@value #KEYS} attribute keys
     * @param values 2 String attribute values
     * @param injectAllocation whether each cycle also allocates one escaping 16-byte object,
     *     to show that a detector catches it
     */
    PipelineCycle(ObjectPool<SpanData> pool, BatchBuffer<SpanData> buffer, EpochClock clock, String name,
            String[] keys, String[] values, boolean injectAllocation) {
        this.pool = pool;
        this.buffer = buffer;
        this.clock = clock;
        this.name = name;
        this.keys = keys.clone();
        this.values = values.clone();
        this.injectAllocation = injectAllocation;
    }

    /** Records and offers one span; returns 1 if the buffer accepted it, 0 if it was refused. */
    @Override
    public long applyAsLong(long i) {
        SpanData span = pool.acquire();
        span.setTraceId(Ids.randomTraceIdHigh(), Ids.randomTraceIdLow())
                .setSpanId(Ids.randomSpanId())
                .setName(name)
                .setKind(SpanKind.SERVER)
                .setStartEpochNanos(clock.nowEpochNanos());
        span.put(keys[0], values[0]);
        span.put(keys[1], values[(int) i & 1]);
        span.put(keys[2], 200L);
        span.put(keys[3], i);
        span.put(keys[4], 0.25);
        span.put(keys[5], i * 0.5);
        span.put(keys[6], true);
        span.put(keys[7], (i & 1) == 0);
        if (injectAllocation) {
            sink = new Object();
        }
        span.end(clock.nowEpochNanos());
        span.markSubmitted();
        if (buffer.offer(span)) {
            return 1;
        }
        // Refused: the span is still ours, so it goes back to the pool here.
        pool.release(span);
        refused++;
        return 0;
    }

    /** How many spans the buffer refused (and this cycle released); producer thread only. */
    long refused() {
        return refused;
    }
}
