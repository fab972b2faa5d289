package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.testing.ItemLedger;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@value SharedPipelineRun#PRODUCERS} producers × {@value SharedPipelineRun#SPANS_PER_PRODUCER}
 * spans through one shared SpanRecorder (one SpanData pool, one BatchBuffer), against a slow exporter that
 * completes on its own thread and an exporter whose every third batch fails, with both full-queue
 * policies, flushing while the producers run. After close every item is accounted for exactly
 * once, no span was seen by two holders, and every span is back in the pool.
 */
class SharedPipelineConcurrencyTest {

    /** Pause per batch when blocking producers wait for it: 4,000,000 spans take ~8,000 batches. */
    private static final long SHORT_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Pause per batch when producers drop: slow enough that the queue does fill up. */
    private static final long LONG_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SharedPipelineRun run = new SharedPipelineRun();
    private SlowExporter slowExporter;

    @AfterEach
    void stopSlowExporter() throws InterruptedException {
        if (slowExporter != null) {
            slowExporter.close();
        }
    }

    @Test
    void slowExporterWithBlockingProducersExportsEverySpanExactlyOnce() throws InterruptedException {
        BatchStats stats = run.run(r -> slowExporter = new SlowExporter(r, SHORT_PAUSE_NANOS), FullQueuePolicy.BLOCK);

        assertAccountedForExactlyOnce(stats, "slow exporter, BLOCK");
        assertThat(stats.exported()).isEqualTo(SharedPipelineRun.ITEMS);
        assertThat(stats.dropped()).isZero();
        assertThat(run.midRunFlushes).as("mid-run flush results").isNotEmpty().doesNotContain(false);
    }

    @Test
    void slowExporterWithDroppingProducersAccountsForEveryDrop() throws InterruptedException {
        BatchStats stats = run.run(r -> slowExporter = new SlowExporter(r, LONG_PAUSE_NANOS), FullQueuePolicy.DROP);

        assertAccountedForExactlyOnce(stats, "slow exporter, DROP");
        assertThat(stats.dropped()).as("dropped, each released by its producer").isPositive();
        assertThat(stats.droppedQueueFull()).isEqualTo(stats.dropped());
        assertThat(stats.exported()).isPositive();
        assertThat(stats.failed()).isZero();
        // Drops counted before a flush fail it, once: the next flush reports only newer drops.
        assertThat(run.midRunFlushes).as("mid-run flush results").isNotEmpty();
        assertThat(run.flushesTrueDespiteNewDrops).as("flushes that hid drops made before them").isZero();
        assertThat(run.flushesFalseWithoutNewDrops).as("flushes that failed with nothing new to report").isZero();
    }

    @Test
    void everyThirdBatchFailingWithBlockingProducersCountsEachSpanAsExportedOrFailed() throws InterruptedException {
        BatchStats stats = run.run(EveryThirdBatchFails::new, FullQueuePolicy.BLOCK);

        assertAccountedForExactlyOnce(stats, "every third batch fails, BLOCK");
        assertThat(stats.dropped()).isZero();
        assertThat(stats.exported() + stats.failed()).isEqualTo(SharedPipelineRun.ITEMS);
        assertThat(stats.failed()).isPositive();
        assertThat(stats.failedExports()).isEqualTo(stats.exportCalls() / 3);
        assertThat(run.midRunFlushes).as("mid-run flushes").isNotEmpty();
    }

    @Test
    void everyThirdBatchFailingWithDroppingProducersAccountsForEverySpan() throws InterruptedException {
        BatchStats stats = run.run(EveryThirdBatchFails::new, FullQueuePolicy.DROP);

        assertAccountedForExactlyOnce(stats, "every third batch fails, DROP");
        assertThat(stats.failed()).isPositive();
        assertThat(stats.failedExports()).isEqualTo(stats.exportCalls() / 3);
        assertThat(run.midRunFlushes).as("mid-run flushes").isNotEmpty();
    }

    @Test
    void inspectionFlagsASpanReleasedWhileInUseAndOneCarryingAnotherProducersMarker() {
        // Prefilled as a run's pool is; all three acquired before the release, so that the released
        // span cannot be handed out again as one of the others.
        ObjectPool<SpanData> pool = SpanData.newPool(SharedPipelineRun.POOL_CAPACITY, SharedPipelineRun.LIMITS);
        pool.prefill(SharedPipelineRun.POOL_CAPACITY);
        SpanData released = pool.acquire();
        SpanData foreign = pool.acquire();
        SpanData sound = pool.acquire();
        writeSubmitted(released, SharedPipelineRun.marker(0), 5);
        // The bug simulated: back in the pool while the pipeline holds it. A plain release refuses a
        // submitted span, so only the pool's hand-off releaser can do this.
        pool.claimHandOffReleaser().release(released);
        writeSubmitted(foreign, SharedPipelineRun.marker(0), SharedPipelineRun.SPANS_PER_PRODUCER + 5L);
        writeSubmitted(sound, SharedPipelineRun.marker(1), SharedPipelineRun.SPANS_PER_PRODUCER + 6L);

        run.inspect(List.of(released, foreign, sound), ItemLedger.EXPORTED);

        assertThat(run.violations.get()).isEqualTo(2);
        assertThat(run.firstViolation.get()).startsWith("exported span with an unknown id");
        assertThat(run.ledger.count(ItemLedger.EXPORTED)).isEqualTo(2);
    }

    @Test
    void ledgerCountsAnIdRecordedTwiceAsDuplicate() {
        run.ledger.record(7, ItemLedger.EXPORTED);
        run.ledger.record(8, ItemLedger.DROPPED);
        run.ledger.record(7, ItemLedger.FAILED);

        assertThat(run.ledger.duplicates()).isEqualTo(1);
        assertThat(run.ledger.count(ItemLedger.UNSEEN)).isEqualTo(SharedPipelineRun.ITEMS - 2);
    }

    /** Writes a span as a producer would, for item {@code id}, then puts it in the state the exporter sees. */
    private static void writeSubmitted(SpanData span, long marker, long id) {
        span.setTraceId(marker, id + 1).setSpanId(id + 1);
        span.put(SharedPipelineRun.ID_KEY, id);
        span.put(SharedPipelineRun.LEASE_KEY, span.poolSlot().leaseCount());
        span.end(1L);
        span.markSubmitted();
    }

    private void assertAccountedForExactlyOnce(BatchStats stats, String scenario) {
        PoolStats pool = run.pool;
        System.out.printf("[concurrency] %s: %,d ms wall, %,d ms CPU, %d mid-run flushes, %s, %s%n",
                scenario, run.elapsedMillis, run.cpuMillis, run.midRunFlushes.size(), stats, pool);
        assertThat(run.errors).as("exceptions in producers or exporters").isEmpty();
        assertThat(run.violations.get()).as("spans seen changed by another holder, first: %s", run.firstViolation.get())
                .isZero();
        assertThat(stats.offered()).isEqualTo(SharedPipelineRun.ITEMS);
        assertThat(stats.pending()).isZero();
        assertThat(stats.abandoned()).isZero();
        assertThat(stats.isBalanced()).as("offered = exported + dropped + failed + abandoned + pending: %s", stats)
                .isTrue();
        assertThat(run.ledger.duplicates()).as("ids recorded twice").isZero();
        assertThat(run.ledger.count(ItemLedger.UNSEEN)).as("ids never accounted for").isZero();
        assertThat(run.ledger.count(ItemLedger.EXPORTED)).as("ids exported").isEqualTo(stats.exported());
        assertThat(run.ledger.count(ItemLedger.FAILED)).as("ids failed").isEqualTo(stats.failed());
        assertThat(run.ledger.count(ItemLedger.DROPPED)).as("ids dropped").isEqualTo(stats.dropped());
        assertThat(run.flushesThatLostItems).as("flushes that returned before settling earlier items").isZero();
        assertThat(pool.acquired()).isEqualTo(SharedPipelineRun.ITEMS);
        assertThat(pool.outstanding()).as("spans not back in the pool: %s", pool).isZero();
        assertThat(pool.created()).isEqualTo(pool.pooled() + pool.discarded());
    }

    /** Completes each batch on its own thread after a pause, having inspected the batch first. */
    private static final class SlowExporter implements BatchExporter<SpanData> {
        private final ExecutorService completer =
                Executors.newSingleThreadExecutor(task -> new Thread(task, "it-slow-exporter"));
        private final SharedPipelineRun run;
        private final long pauseNanos;

        SlowExporter(SharedPipelineRun run, long pauseNanos) {
            this.run = run;
            this.pauseNanos = pauseNanos;
        }

        @Override
        public void export(List<SpanData> batch, ExportCompletion completion) {
            completer.execute(() -> {
                LockSupport.parkNanos(pauseNanos);
                try {
                    run.inspect(batch, ItemLedger.EXPORTED);
                } catch (Throwable t) {
                    run.errors.add(t);
                }
                completion.success();
            });
        }

        void close() throws InterruptedException {
            completer.shutdown();
            assertThat(completer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Completes at once on the exporter thread; export calls 2, 5, 8, ... (0-based) fail. */
    private static final class EveryThirdBatchFails implements BatchExporter<SpanData> {
        private final SharedPipelineRun run;
        private long calls;

        EveryThirdBatchFails(SharedPipelineRun run) {
            this.run = run;
        }

        @Override
        public void export(List<SpanData> batch, ExportCompletion completion) {
            long call = calls++;
            if (call % 3 == 2) {
                run.inspect(batch, ItemLedger.FAILED);
                completion.failure(new IOException("planned failure of export call " + call));
            } else {
                run.inspect(batch, ItemLedger.EXPORTED);
                completion.success();
            }
        }
    }
}
