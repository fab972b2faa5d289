package io.lowalloc.examples;

import io.lowalloc.core.gc.AllocationMeter;

/**
 * The escape-analysis pitfall in Java. HotSpot's C2 compiler scalar-replaces an object that never
 * leaves the compiled method (after inlining): its fields live in registers and nothing is
 * allocated. So a benchmark whose "allocating" baseline does nothing with what it allocates may
 * measure 0 bytes and prove nothing; the demos' baselines therefore make what they allocate escape
 * (to a static field, as a span handed to a pipeline escapes). This class measures the same
 * allocation both ways with {@link AllocationMeter#bytesPerOp}.
 *
 * <p>What C2 does not scalar-replace: objects stored to a field or array that outlives the method,
 * passed to a call that is not inlined, returned, or synchronized on across calls; arrays longer
 * than {@code -XX:EliminateAllocationArraySizeLimit} (64) or of non-constant length; an object
 * merged from several allocation sites at a control-flow join. Interpreted and C1-compiled code
 * never scalar-replaces, so results depend on warm-up. JMH with {@code -prof gc} reports the same
 * figure as {@code gc.alloc.rate.norm}; run with {@code -XX:-DoEscapeAnalysis} to see the
 * non-escaping case allocate too.
 */
public final class EscapeAnalysis {

    /** Warm-up operations before measuring, enough for C2 to compile the operation: {@value}. */
    static final long WARMUP_OPS = 200_000;

    /** Measured operations per round: {@value}. */
    static final long MEASURED_OPS = 10_000;

    private EscapeAnalysis() {
    }

    /**
     * Bytes per operation of the same allocation kept local and made to escape.
     *
     * @param nonEscapingBytesPerOp bytes per operation when the object stays in the method
     *     (0 when C2 scalar-replaced it)
     * @param escapingBytesPerOp bytes per operation when the object escapes to a static field
     */
    public record Result(double nonEscapingBytesPerOp, double escapingBytesPerOp) {
    }

    /**
     * Measures both variants on the current thread.
     *
     * @return the bytes per operation of each variant
     */
    public static Result measure() {
        AllocationMeter meter = AllocationMeter.create();
        double local = meter.bytesPerOp(WARMUP_OPS, MEASURED_OPS, EscapeAnalysis::nonEscaping);
        double escaping = meter.bytesPerOp(WARMUP_OPS, MEASURED_OPS, EscapeAnalysis::escaping);
        return new Result(local, escaping);
    }

    /** A small timing pair, the kind of object hot code makes per operation. */
    private static final class Interval {
        final long start;
        final long end;

        Interval(long start, long end) {
            this.start = start;
            this.end = end;
        }

        long length() {
            return end - start;
        }
    }

    /** The object never leaves this method: C2 may scalar-replace it. */
    static long nonEscaping(long i) {
        Interval interval = new Interval(i, i + 3);
        return interval.length();
    }

    /** The same object stored to a static field: it escapes and must be allocated. */
    static long escaping(long i) {
        Interval interval = new Interval(i, i + 3);
        EscapeSink.escape(interval);
        return interval.length();
    }
}
