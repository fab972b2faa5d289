package io.lowalloc.benchmarks.batch;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.FullQueuePolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Table 4: one producer offers preallocated items to a {@link BatchBuffer} whose worker hands them
 * to a {@link CountingExporter} in batches of {@code batchSize}. The queue (2048) and the policy
 * ({@link FullQueuePolicy#BLOCK}, so the producer waits instead of dropping) are the same for every
 * batch size, so the score is the end-to-end rate the buffer sustains.
 *
 * <p>The auxiliary counters, per iteration, after a flush: {@code exported} items, {@code exportCalls}
 * and {@code dropped}; export calls per item = {@code exportCalls / exported}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@State(Scope.Benchmark)
public class BatchingBenchmark extends StandardRun {

    private static final int ITEMS = 4096;
    private static final int QUEUE_SIZE = 2048;

    /** The buffer's {@code maxExportBatchSize}. */
    @Param({"1", "10", "100", "512", "1000"})
    public int batchSize;

    private final Item[] items = new Item[ITEMS];
    private BatchBuffer<Item> buffer;
    private CountingExporter exporter;
    private int next;

    /** Builds the buffer and the items. */
    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < ITEMS; i++) {
            items[i] = new Item(i);
        }
        exporter = new CountingExporter();
        buffer = BatchBuffer.builder(exporter)
                .setMaxQueueSize(QUEUE_SIZE)
                .setMaxExportBatchSize(batchSize)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(10, TimeUnit.SECONDS)
                .build();
    }

    /** Closes the buffer (exporting what is left). */
    @TearDown(Level.Trial)
    public void tearDown() {
        buffer.close();
    }

    /** Per-iteration counts read from {@link BatchStats} after a flush. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        /** Items exported during the iteration. */
        public long exported;
        /** Export calls made during the iteration. */
        public long exportCalls;
        /** Items dropped during the iteration (expected 0 under BLOCK). */
        public long dropped;

        private BatchStats before;

        /**
         * Takes the stats at the start of the iteration.
         *
         * @param b the benchmark
         */
        @Setup(Level.Iteration)
        public void start(BatchingBenchmark b) {
            before = b.buffer.stats();
        }

        /**
         * Flushes and records this iteration's counts.
         *
         * @param b the benchmark
         */
        @TearDown(Level.Iteration)
        public void finish(BatchingBenchmark b) {
            b.buffer.flush();
            BatchStats after = b.buffer.stats();
            exported = after.exported() - before.exported();
            exportCalls = after.exportCalls() - before.exportCalls();
            dropped = after.dropped() - before.dropped();
        }
    }

    /**
     * Offers one item; the per-iteration counters ride along.
     *
     * @param counts the per-iteration counters
     * @return whether the item was queued
     */
    @Benchmark
    public boolean offer(Counts counts) {
        return buffer.offer(items[next++ & (ITEMS - 1)]);
    }
}
