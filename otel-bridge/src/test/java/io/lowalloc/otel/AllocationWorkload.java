package io.lowalloc.otel;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLink;
import io.lowalloc.core.span.StatusCode;

/**
 * The producer side of the allocation tests and the Epsilon run: starts a span (parent from the
 * current {@code Context}), writes 8 attributes of every type, an event with 2 attributes, a link
 * with 1 attribute and an error status, writes its {@code traceparent} header for an outgoing
 * call, and ends it. Every string comes in through the
 * constructor: no literal in this class (see {@link FieldReadingExporter}).
 */
final class AllocationWorkload {

    private final PooledSpanPipeline pipeline;
    private final String[] text;
    private final String[] stringArray;
    private final long[] longArray;
    private final double[] doubleArray;
    private final boolean[] booleanArray;
    private final boolean distinctLongs;
    private final byte[] traceparent = new byte[io.lowalloc.core.span.Traceparent.LENGTH];

    /**
     * @param text span name, status description, event name, then the 11 attribute keys and 3
     *     string values, as {@link WorkloadText#TEXT}
     * @param distinctLongs whether one long attribute gets a new value for every span
     */
    AllocationWorkload(PooledSpanPipeline pipeline, String[] text, boolean distinctLongs) {
        this.pipeline = pipeline;
        this.text = text.clone();
        this.stringArray = new String[] {text[14], text[15]};
        this.longArray = new long[] {7L, 1L << 40};
        this.doubleArray = new double[] {0.5, 1e9};
        this.booleanArray = new boolean[] {true, false};
        this.distinctLongs = distinctLongs;
    }

    /** Records and ends {@code spans} spans; returns a value that depends on them. */
    long run(long spans) {
        String[] t = text;
        long sum = 0;
        for (long i = 0; i < spans; i++) {
            SpanData span = pipeline.startSpan(t[0], SpanKind.SERVER);
            span.put(t[3], t[14]);
            span.put(t[4], distinctLongs ? 1_000_000L + i : 1_234_567L);
            span.put(t[5], 0.25);
            span.put(t[6], true);
            span.put(t[7], stringArray);
            span.put(t[8], longArray);
            span.put(t[9], doubleArray);
            span.put(t[10], booleanArray);
            span.setStatus(StatusCode.ERROR, t[1]);
            SpanEvent event = span.addEvent(t[2], span.startEpochNanos());
            event.put(t[11], 3_000L);
            event.put(t[12], t[15]);
            SpanLink link = span.addLink(0x1122334455667788L, 0x99aabbccddeeff00L, 0x0102030405060708L, (byte) 1);
            link.put(t[13], t[16]);
            sum += pipeline.writeTraceparent(span, traceparent, 0) + traceparent[40];
            sum += span.spanId();
            pipeline.end(span);
        }
        return sum;
    }
}
