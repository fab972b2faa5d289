package io.lowalloc.core.pool;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates while it runs an action, from HotSpot's
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean}), which includes the
 * used part of the current TLAB and so is exact to the byte.
 *
 * <p>Calibrated: whatever a back-to-back pair of readings reports with nothing in between (the
 * meter's own cost) is measured once and subtracted, so a non-allocating action reads exactly 0.
 * Test-only; single-threaded use.
 *
 * <p>JIT caveat: the thread that submits a method for C2 compilation resolves the String literals
 * of the method's class and is charged for them, once per class. Keep measured code in classes
 * without String literals (see {@link PoolCycles}) or warm it up until it is compiled.
 */
final class AllocationMeter {

    // Three no-op actions of distinct classes: calibrating with all of them makes the action.run()
    // call site megamorphic, so the JIT compiles it as a plain interface call. Calibrated with one
    // class only, C2 inlines that class behind a type guard, and the first measurement of another
    // action fails the guard and deoptimizes inside the measured window (seen with JFR).
    private static final Runnable[] NOTHING = {() -> { }, () -> { }, () -> { }};

    private final com.sun.management.ThreadMXBean threads;
    private final long overheadBytes;

    private AllocationMeter(com.sun.management.ThreadMXBean threads, long overheadBytes) {
        this.threads = threads;
        this.overheadBytes = overheadBytes;
    }

    /** Returns a meter whose own overhead was just measured on the current thread. */
    static AllocationMeter calibrated() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot count allocated bytes per thread");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        AllocationMeter raw = new AllocationMeter(threads, 0);
        // First readings may load classes and link call sites; the overhead is the steady value.
        for (int i = 0; i < 30_000; i++) {
            raw.bytesAllocatedBy(NOTHING[i % NOTHING.length]);
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 3_000; i++) {
            long bytes = raw.bytesAllocatedBy(NOTHING[i % NOTHING.length]);
            min = Math.min(min, bytes);
            max = Math.max(max, bytes);
        }
        if (min != max) {
            throw new IllegalStateException("meter overhead is not stable: " + min + ".." + max + " bytes");
        }
        return new AllocationMeter(threads, min);
    }

    /** Returns the bytes one empty measurement reports, subtracted from every measurement. */
    long overheadBytes() {
        return overheadBytes;
    }

    /** Runs {@code action} on the current thread and returns the bytes it allocated. */
    long bytesAllocatedBy(Runnable action) {
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        long after = threads.getCurrentThreadAllocatedBytes();
        return after - before - overheadBytes;
    }
}
