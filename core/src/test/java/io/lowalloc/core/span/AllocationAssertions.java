package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

/**
 * Measures heap bytes allocated by the current thread per operation, with
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()} (TLAB-exact), after a
 * warm-up that lets the JIT compile the operation and lets pooled storage reach its capacity.
 *
 * <p>Operations should be built once (a lambda capturing its state outside the measured loop) and
 * must let allocations escape if they make any: the detector is shown able to fail in
 * {@code AllocationAssertionsTest}.
 */
public final class AllocationAssertions {

    /** Default warm-up: enough invocations for C2 to compile the operation (≈10k) with margin. */
    public static final int DEFAULT_WARMUP_OPS = 200_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationAssertions() {
    }

    /** One operation under measurement; {@code iteration} lets it vary primitive values. */
    @FunctionalInterface
    public interface Operation {
        /**
         * Runs the operation once.
         *
         * @param iteration 0, 1, 2, ... within the warm-up and again within the measurement
         */
        void run(int iteration);
    }

    /**
     * A measurement: total bytes allocated by the measuring thread over {@code ops} operations.
     *
     * @param ops how many operations were measured
     * @param bytes how many bytes the thread allocated meanwhile
     */
    public record Measurement(long ops, long bytes) {
        /**
         * Returns the average.
         *
         * @return bytes allocated per operation
         */
        public double bytesPerOp() {
            return (double) bytes / ops;
        }

        @Override
        public String toString() {
            return bytes + " bytes over " + ops + " ops = " + bytesPerOp() + " bytes/op";
        }
    }

    /**
     * Warms up, then measures.
     *
     * @param warmupOps operations run before measuring
     * @param measuredOps operations measured
     * @param op the operation
     * @return what was allocated while measuring
     */
    public static Measurement measure(int warmupOps, int measuredOps, Operation op) {
        assertThat(THREADS.isThreadAllocatedMemorySupported())
                .as("ThreadMXBean allocation counting supported").isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < warmupOps; i++) {
            op.run(i);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < measuredOps; i++) {
            op.run(i);
        }
        long after = THREADS.getCurrentThreadAllocatedBytes();
        return new Measurement(measuredOps, after - before);
    }

    /**
     * Asserts that {@code op} allocates 0 bytes per operation in steady state: after
     * {@link #DEFAULT_WARMUP_OPS} warm-up operations, {@code measuredOps} operations together may
     * allocate less than 1 byte per operation (the slack absorbs a constant, per-measurement cost
     * such as the counter read itself; one allocation per operation would be {@code >= 16}).
     *
     * @param what what is measured, for the failure message and the log line
     * @param measuredOps operations measured
     * @param op the operation
     * @return the measurement, for reporting
     */
    public static Measurement assertZeroAllocationPerOp(String what, int measuredOps, Operation op) {
        return assertZeroAllocationPerOp(what, DEFAULT_WARMUP_OPS, measuredOps, op);
    }

    /**
     * Like {@link #assertZeroAllocationPerOp(String, int, Operation)} with a chosen warm-up, for
     * operations slow enough that the default would make the test long.
     *
     * @param what what is measured, for the failure message and the log line
     * @param warmupOps operations run before measuring
     * @param measuredOps operations measured
     * @param op the operation
     * @return the measurement, for reporting
     */
    public static Measurement assertZeroAllocationPerOp(String what, int warmupOps, int measuredOps, Operation op) {
        Measurement m = measure(warmupOps, measuredOps, op);
        System.out.println("[allocation] " + what + ": " + m);
        assertThat(m.bytes()).as("%s allocated %s", what, m).isLessThan(measuredOps);
        return m;
    }
}
