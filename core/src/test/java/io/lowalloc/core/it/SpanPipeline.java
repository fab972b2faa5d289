package io.lowalloc.core.it;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.EpochClock;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.testing.CountingExporter;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end pipeline used by the allocation proofs: a prefilled pool of {@link SpanData}, a
 * {@link BatchBuffer} that blocks when full (so nothing is dropped) and exports through a
 * {@link CountingExporter}, and {@code pool::release} as the completion hook.
 *
 * <p>The pool never runs dry, so a warm producer never allocates a span: at most
 * {@value #QUEUE_SIZE} spans wait in the queue, {@value #BATCH_SIZE} are being exported and one
 * is being recorded, fewer than the {@value #POOL_CAPACITY} prefilled ones.
 */
final class SpanPipeline implements AutoCloseable {

    static final int QUEUE_SIZE = BatchBuffer.DEFAULT_MAX_QUEUE_SIZE;
    static final int BATCH_SIZE = BatchBuffer.DEFAULT_MAX_EXPORT_BATCH_SIZE;
    static final int POOL_CAPACITY = 4096;

    private static final String NAME = "GET /users/{id}";
    private static final String[] KEYS = {
        "http.method", "http.route", "http.status_code", "net.peer.port",
        "db.latency_ratio", "load", "cache.hit", "retried",
    };
    private static final String[] VALUES = {"GET", "/users/{id}"};

    final ObjectPool<SpanData> pool;
    final CountingExporter exporter = new CountingExporter();
    final BatchBuffer<SpanData> buffer;
    private final EpochClock clock = EpochClock.system();

    SpanPipeline() {
        pool = SpanData.newPool(POOL_CAPACITY, SpanLimits.defaults());
        pool.prefill(POOL_CAPACITY);
        buffer = BatchBuffer.builder(exporter)
                .setMaxQueueSize(QUEUE_SIZE)
                .setMaxExportBatchSize(BATCH_SIZE)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                // Far beyond any stall: a timed-out offer would drop and log, i.e. allocate.
                .setMaxBlockTime(1, TimeUnit.MINUTES)
                .setCompletionHook(pool::release)
                .setWorkerThreadName("it-pipeline-export")
                .build();
    }

    /** A producer cycle over this pipeline; build it before measuring. */
    PipelineCycle cycle(boolean injectAllocation) {
        return new PipelineCycle(pool, buffer, clock, NAME, KEYS, VALUES, injectAllocation);
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
        return buffer.flush(1, TimeUnit.MINUTES);
    }

    BatchStats stats() {
        return buffer.stats();
    }

    @Override
    public void close() {
        buffer.close();
    }
}
