package io.lowalloc.examples;

import io.lowalloc.core.gc.AllocationMeter;

/**
 * Measures the wall time ({@link System#nanoTime()}) and the bytes allocated on the current
 * thread ({@link AllocationMeter}) by a loop: first the exact loop is warmed up in many short calls
 * (so the JIT compiles it normally, not only by on-stack replacement, and its escape analysis has
 * run), then it is measured {@value #ROUNDS} times and the least time and least bytes are kept — a
 * one-off JIT event falling into a round (a recompilation, the resolution of string constants a C2
 * compile request performs on the requesting thread) is not charged to the loop, while a steady
 * cost shows in every round.
 */
final class LoopMeter {

    /** Measured rounds per measurement: {@value}. */
    static final int ROUNDS = 3;

    /** Iterations per warm-up call: short calls make the loop method itself hot. */
    private static final int WARMUP_CHUNK = 100;

    private final AllocationMeter meter;

    LoopMeter(AllocationMeter meter) {
        this.meter = meter;
    }

    /** A loop under measurement: runs {@code iterations} operations and returns a value to publish. */
    @FunctionalInterface
    interface Loop {
        long run(int iterations);
    }

    /**
     * The best of the measured rounds.
     *
     * @param nanos the shortest round, in nanoseconds
     * @param bytes the least bytes a round allocated on the measuring thread
     */
    record Result(long nanos, long bytes) {
    }

    /**
     * Warms {@code loop} up with {@code warmupOps} operations in short calls plus one full-size
     * call, then measures {@code iterations} operations per round.
     */
    Result measure(Loop loop, int iterations, int warmupOps) {
        long sink = 0;
        for (int done = 0; done < warmupOps; done += WARMUP_CHUNK) {
            sink += loop.run(Math.min(WARMUP_CHUNK, warmupOps - done));
        }
        sink += loop.run(iterations);
        AllocationMeter.Measurement allocated = meter.startCurrentThread();
        long bestNanos = Long.MAX_VALUE;
        long bestBytes = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            allocated.restart();
            long start = System.nanoTime();
            sink += loop.run(iterations);
            long nanos = System.nanoTime() - start;
            long bytes = allocated.bytesSinceStart();
            bestNanos = Math.min(bestNanos, nanos);
            bestBytes = Math.min(bestBytes, bytes);
        }
        EscapeSink.consume(sink);
        return new Result(bestNanos, bestBytes);
    }
}
