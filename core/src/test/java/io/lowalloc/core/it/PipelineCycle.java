package io.lowalloc.core.it;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanParent;
import io.lowalloc.core.span.SpanRecorder;
import java.util.function.LongUnaryOperator;

/**
 * One producer-side cycle of the whole pipeline, as an application records a span with a
 * {@link SpanRecorder}: {@code startSpan} (pool acquire, random or parent ids, name, kind, start time),
 * 8 attributes (2 each of String, long, double, boolean), {@code end} (the whole hand-off).
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

    private final SpanRecorder recorder;
    private final SpanParent parent;
    private final String name;
    private final String[] keys;
    private final String[] values;
    private final boolean injectAllocation;
    private long refused;

    /**
     * @param parent the parent of every span, made once; null for a new trace per span
     * @param keys {@value #KEYS} attribute keys
     * @param values 2 String attribute values
     * @param injectAllocation whether each cycle also allocates one escaping 16-byte object,
     *     to show that a detector catches it
     */
    PipelineCycle(SpanRecorder recorder, SpanParent parent, String name, String[] keys, String[] values,
            boolean injectAllocation) {
        this.recorder = recorder;
        this.parent = parent;
        this.name = name;
        this.keys = keys.clone();
        this.values = values.clone();
        this.injectAllocation = injectAllocation;
    }

    /** Records and ends one span; returns 1 if the recorder queued it, 0 if it was refused. */
    @Override
    public long applyAsLong(long i) {
        SpanData span = parent == null
                ? recorder.startSpan(name, SpanKind.SERVER)
                : recorder.startSpan(name, SpanKind.SERVER, parent);
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
        if (recorder.end(span)) {
            return 1;
        }
        refused++; // the recorder has released it to the pool
        return 0;
    }

    /** How many spans the recorder refused; producer thread only. */
    long refused() {
        return refused;
    }
}
