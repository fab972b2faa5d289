package io.lowalloc.examples;

import io.lowalloc.core.gc.AllocationMeter;

/**
 * Measures the wall time ({@link System#nanoTime()}) and the bytes allocated on the current
 * thread ({@link AllocationMeter}) by a loop: first the exact loop is warmed up in many short calls
 * (so the JIT compiles it normally, not only by on-stack replacement, and its escape analysis has
 * run), then it is measured {@value #ROUNDS} times and the least time and least bytes are kept — a
 * one-off JIT event falling into a round (a recompilation, the resolution of string constants a C2
 * compile request performs on the requesting thread) is not charged to the loop, while a steady
 * cost shows in every round. {@link #compare} measures two loops the same way with their warm-up
 * and their rounds interleaved (A, B, A, B, ...), so a slow phase of a shared machine or a JIT event
 * in code both loops share falls on both sides instead of deciding which one "wins".
 */
final class LoopMeter {

    /** Measured rounds per measurement (per side, for {@link #compare}): {@value}. */
    static final int ROUNDS = 9;

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

    /**
     * The best rounds of two loops measured side by side.
     *
     * @param baseline the first loop's best round
     * @param candidate the second loop's best round
     */
    record Comparison(Result baseline, Result candidate) {
    }

    /**
     * Warms both loops up in alternating short calls ({@code warmupOps} operations each) plus one
     * full-size call each, then runs {@value #ROUNDS} rounds of {@code iterations} operations per
     * loop, alternating which loop runs, and keeps each loop's least time and least bytes.
     */
    Comparison compare(Loop baseline, Loop candidate, int iterations, int warmupOps) {
        long sink = 0;
        for (int done = 0; done < warmupOps; done += WARMUP_CHUNK) {
            int chunk = Math.min(WARMUP_CHUNK, warmupOps - done);
            sink += baseline.run(chunk);
            sink += candidate.run(chunk);
        }
        sink += baseline.run(iterations);
        sink += candidate.run(iterations);
        AllocationMeter.Measurement allocated = meter.startCurrentThread();
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < 2 * ROUNDS; round++) {
            // A B B A A B ...: neither loop always runs first after the other.
            int side = ((round + 1) >> 1) & 1;
            Loop loop = side == 0 ? baseline : candidate;
            allocated.restart();
            long start = System.nanoTime();
            sink += loop.run(iterations);
            long nanos = System.nanoTime() - start;
            long bytes = allocated.bytesSinceStart();
            best[2 * side] = Math.min(best[2 * side], nanos);
            best[2 * side + 1] = Math.min(best[2 * side + 1], bytes);
        }
        EscapeSink.consume(sink);
        return new Comparison(new Result(best[0], best[1]), new Result(best[2], best[3]));
    }
}
