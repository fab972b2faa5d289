package io.lowalloc.examples;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.ExportCompletion;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The batch-size trade-off: a small batch exports sooner (lower latency from record to export) at
 * the cost of more export calls; a large batch makes fewer calls (higher throughput per call) but
 * each item waits until the batch fills — or until the schedule delay, which bounds that wait for
 * quiet traffic. This class sends the same trickle of items through a {@link BatchBuffer} with two
 * batch sizes and measures, per size, the export calls ({@link BatchStats#exportCalls()}) and the
 * mean and maximum time an item waited from offer to export ({@link System#nanoTime()}).
 *
 * <p>The Go example's advice carries over: about 10 for latency-sensitive paths, 100 as a
 * balance, 512–1000+ for throughput (OpenTelemetry's default is 512, bounded by a 5 s delay).
 */
public final class BatchSizing {

    /** The schedule delay of both buffers: {@value} ms, longer than the run so only size triggers. */
    static final long SCHEDULE_DELAY_MILLIS = 10_000L;

    private BatchSizing() {
    }

    /**
     * What one batch size measured.
     *
     * @param batchSize the maximum export batch size
     * @param items items offered, one every {@code intervalMicros}
     * @param exportCalls export calls made
     * @param meanWaitMillis mean time from offer to export, in milliseconds
     * @param maxWaitMillis longest time from offer to export, in milliseconds
     */
    public record Result(int batchSize, int items, long exportCalls, double meanWaitMillis, double maxWaitMillis) {
    }

    /**
     * Offers {@code items} items, each at least {@code intervalMicros} microseconds after the one
     * before (a pause of the offering thread delays the rest rather than bunching them), to a
     * buffer with batch size {@code batchSize}, then closes it (which exports what is left). So an
     * item exported by the size trigger has waited at least {@code intervalMicros} times the number
     * of items offered after it in its batch.
     *
     * @param batchSize the maximum export batch size, {@code > 0}
     * @param items how many items to offer, {@code > 0}
     * @param intervalMicros the pause between two offers, {@code >= 0}
     * @return the measured calls and waits
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Result measure(int batchSize, int items, long intervalMicros) {
        if (batchSize <= 0 || items <= 0 || intervalMicros < 0) {
            throw new IllegalArgumentException("batchSize and items must be > 0 and intervalMicros >= 0, was: "
                    + batchSize + ", " + items + ", " + intervalMicros);
        }
        WaitRecorder recorder = new WaitRecorder();
        Item[] all = new Item[items];
        for (int i = 0; i < items; i++) {
            all[i] = new Item();
        }
        BatchBuffer<Item> buffer = BatchBuffer.builder(recorder)
                .setMaxExportBatchSize(batchSize)
                .setMaxQueueSize(Math.max(items, batchSize))
                .setScheduleDelay(SCHEDULE_DELAY_MILLIS, TimeUnit.MILLISECONDS)
                .setWorkerThreadName("batch-sizing-" + batchSize)
                .build();
        long interval = TimeUnit.MICROSECONDS.toNanos(intervalMicros);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                // Paced from the previous offer, not from the start: after a stall the offers do not
                // catch up in a burst, which would make a large batch's items look as if they waited less.
                long due = all[i - 1].offeredAt + interval;
                for (long ahead = due - System.nanoTime(); ahead > 0; ahead = due - System.nanoTime()) {
                    LockSupport.parkNanos(ahead);
                }
            }
            all[i].offeredAt = System.nanoTime();
            buffer.offer(all[i]);
        }
        buffer.close();
        BatchStats stats = buffer.stats();
        return new Result(batchSize, items, stats.exportCalls(), recorder.totalWait / 1e6 / items,
                recorder.maxWait / 1e6);
    }

    /** An item that remembers when it was offered. */
    private static final class Item {
        long offeredAt;
    }

    /** An exporter that records how long each item waited; called on the buffer's exporter thread only. */
    private static final class WaitRecorder implements BatchExporter<Item> {
        // Written by the exporter thread only, each time before its completion signal, which the
        // worker reads before it stops; read after close(), which joins the worker.
        long totalWait;
        long maxWait;

        @Override
        public void export(List<Item> batch, ExportCompletion completion) {
            long now = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                long wait = now - batch.get(i).offeredAt;
                totalWait += wait;
                maxWait = Math.max(maxWait, wait);
            }
            completion.success();
        }
    }
}
