package io.lowalloc.core.it;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanParent;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.CountingExporter;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end pipeline used by the allocation proofs: a {@link SpanRecorder} with a prefilled
 * pool, a buffer that blocks when full (so nothing is dropped) and a {@link CountingExporter}.
 *
 * <p>The pool never runs dry, so a warm producer never allocates a span: at most
 * {@value #QUEUE_SIZE} spans wait in the queue, {@value #BATCH_SIZE} are being exported and one
 * is being recorded, fewer than the {@value #POOL_CAPACITY} prefilled ones.
 */
final class SpanPipeline implements AutoCloseable {

    static final int QUEUE_SIZE = BatchOptions.DEFAULT_MAX_QUEUE_SIZE;
    static final int BATCH_SIZE = BatchOptions.DEFAULT_MAX_EXPORT_BATCH_SIZE;
    static final int POOL_CAPACITY = 4096;
    static final String WORKER_THREAD_NAME = "it-pipeline-export";

    private static final String NAME = "GET /users/{id}";
    private static final String[] KEYS = {
        "http.method", "http.route", "http.status_code", "net.peer.port",
        "db.latency_ratio", "load", "cache.hit", "retried",
    };
    private static final String[] VALUES = {"GET", "/users/{id}"};

    final CountingExporter exporter = new CountingExporter();
    final SpanRecorder recorder;

    SpanPipeline() {
        recorder = SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder()
                        .setMaxQueueSize(QUEUE_SIZE)
                        .setMaxExportBatchSize(BATCH_SIZE)
                        .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                        // Far beyond any stall: a timed-out offer would drop and log, i.e. allocate.
                        .setMaxBlockTime(1, TimeUnit.MINUTES)
                        .setWorkerThreadName(WORKER_THREAD_NAME)
                        .build())
                .setSpanLimits(SpanLimits.defaults())
                .setPoolCapacity(POOL_CAPACITY)
                .setPrefill(POOL_CAPACITY)
                .build(exporter);
    }

    /** The recorder's worker thread, found by its name. */
    static Thread workerThread() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(WORKER_THREAD_NAME)) {
                return thread;
            }
        }
        throw new IllegalStateException("no thread named " + WORKER_THREAD_NAME);
    }

    /** A producer cycle over this pipeline, a new trace per span; build it before measuring. */
    PipelineCycle cycle(boolean injectAllocation) {
        return new PipelineCycle(recorder, null, NAME, KEYS, VALUES, injectAllocation);
    }

    /** A producer cycle whose spans are children of {@code parent}; build it before measuring. */
    PipelineCycle childCycle(SpanParent parent) {
        return new PipelineCycle(recorder, parent, NAME, KEYS, VALUES, false);
    }

    /** Runs {@code cycles} cycles on the calling thread; returns how many spans were accepted. */
    static long run(PipelineCycle cycle, long cycles) {
        long accepted = 0;
        for (long i = 0; i < cycles; i++) {
            accepted += cycle.applyAsLong(i);
        }
        return accepted;
    }

    /** Waits until every span offered so far is exported; true if all succeeded. */
    boolean flush() {
        return recorder.flush(1, TimeUnit.MINUTES);
    }

    BatchStats stats() {
        return recorder.stats().batch();
    }

    PoolStats poolStats() {
        return recorder.stats().pool();
    }

    @Override
    public void close() {
        recorder.close();
    }
}
