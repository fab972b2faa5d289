package io.lowalloc.core.batch;

import java.lang.management.ManagementFactory;

/**
 * Reads per-thread allocated bytes from HotSpot's {@code com.sun.management.ThreadMXBean}.
 * Reading the counter allocates nothing, so a delta around a loop is the loop's allocation.
 */
final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread allocation");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private AllocationMeter() {
    }

    /** Bytes allocated so far by the calling thread. */
    static long currentThreadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated so far by {@code thread}, or -1 if it is not alive. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() exists only from Java 19
    static long allocatedBytes(Thread thread) {
        return THREADS.getThreadAllocatedBytes(thread.getId());
    }

    /**
     * Runs {@code operation} {@code warmUps} times unmeasured, then returns the bytes the calling
     * thread allocates in one more run. Warming up the very operation measured matters: besides JIT
     * compilation, HotSpot does one-time work on the requesting thread that allocates, e.g. a C2
     * compile request resolves every String constant of the method's class, and a VarHandle call
     * site allocates when it is linked on first execution.
     */
    static long steadyStateBytes(int warmUps, Runnable operation) {
        for (int i = 0; i < warmUps; i++) {
            operation.run();
        }
        return bytesAllocatedBy(operation);
    }

    /** Bytes the calling thread allocates while running {@code operation}. */
    static long bytesAllocatedBy(Runnable operation) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        operation.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
