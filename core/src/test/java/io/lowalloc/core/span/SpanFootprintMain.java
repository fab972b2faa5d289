package io.lowalloc.core.span;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Main of {@link SpanFootprintTest}, run in a fresh JVM: creates {@value #SPANS} default-limits
 * spans, gives each one typical use (8 attributes of four types, end, reset), and prints the heap
 * they retain after a full GC, per span, as {@code FOOTPRINT bytesPerSpan=N spans=M}.
 */
public final class SpanFootprintMain {

    /** Spans measured: enough that a few KiB of GC noise is below one byte per span. */
    static final int SPANS = 20_000;

    private SpanFootprintMain() {
    }

    /**
     * Runs the measurement.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        SpanData[] spans = new SpanData[SPANS];
        long before = usedAfterGc(memory);
        for (int i = 0; i < SPANS; i++) {
            SpanData span = new SpanData(SpanLimits.defaults());
            span.onAcquire();
            span.setTraceId(i, i).setSpanId(i).setName("GET /users/{id}").setStartEpochNanos(i);
            SpanDataAllocationTest.putEightAttributes(span, i);
            span.end(i + 1L);
            span.reset();
            spans[i] = span;
        }
        long after = usedAfterGc(memory);
        long perSpan = (after - before) / SPANS;
        System.out.println("FOOTPRINT bytesPerSpan=" + perSpan + " spans=" + SPANS + " live=" + spans.length);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long least = Long.MAX_VALUE;
        // A few collections: the least reading is the one with the least floating garbage.
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
