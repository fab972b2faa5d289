package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ConcurrentRun;
import io.lowalloc.core.testing.LogCapture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 4 producers x 250,000 items against exporters that are slow, fail every third batch, or time
 * out now and then; afterwards every item must have been accounted for exactly once.
 */
class BatchBufferConcurrencyTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 250_000;
    private static final int ITEMS = PRODUCERS * PER_PRODUCER;
    private static final Item[] ALL = new Item[ITEMS];

    static {
        for (int i = 0; i < ITEMS; i++) {
            ALL[i] = new Item(i);
        }
    }

    enum Scenario {
        SLOW_EXPORTER_DROP(FullQueuePolicy.DROP),
        SLOW_EXPORTER_BLOCK(FullQueuePolicy.BLOCK),
        EVERY_THIRD_BATCH_FAILS_DROP(FullQueuePolicy.DROP),
        EVERY_THIRD_BATCH_FAILS_BLOCK(FullQueuePolicy.BLOCK),
        SOME_EXPORTS_TIME_OUT_BLOCK(FullQueuePolicy.BLOCK);

        final FullQueuePolicy policy;

        Scenario(FullQueuePolicy policy) {
            this.policy = policy;
        }
    }

    static final class Item {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    /** Records what happened to each item, by id: dropped, hooked or abandoned. */
    private final AtomicIntegerArray seen = new AtomicIntegerArray(ITEMS);
    private final AtomicLong hooked = new AtomicLong();
    private final AtomicLong droppedByOffer = new AtomicLong();
    private final AtomicLong abandonedByExporter = new AtomicLong();
    private final AtomicLong failedByExporter = new AtomicLong();
    private final AtomicLong succeededByExporter = new AtomicLong();
    private final List<ExportCompletion> held = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(Scenario.class)
    @Timeout(60)
    void everyItemIsAccountedForExactlyOnce(Scenario scenario) throws InterruptedException {
        ExecutorService completer = Executors.newSingleThreadExecutor();
        BatchBuffer<Item> buffer = buffers.build(BatchBuffer.builder(exporter(scenario, completer))
                .setFullQueuePolicy(scenario.policy)
                .setMaxBlockTime(10, TimeUnit.SECONDS)
                // Only the timeout scenario's held exports may time out; elsewhere a starved
                // completer thread must not turn a slow success into an abandoned batch. Even in the
                // timeout scenario an export that succeeds at once is posted to the exporter thread:
                // at 50 ms a loaded 2-core machine once starved that thread past the timeout (one
                // batch of 512 abandoned that the exporter had counted as exported), hence 200 ms.
                .setExporterTimeout(scenario == Scenario.SOME_EXPORTS_TIME_OUT_BLOCK ? 200 : 10_000, TimeUnit.MILLISECONDS)
                .setScheduleDelay(5, TimeUnit.MILLISECONDS)
                .setCompletionHook(item -> {
                    seen.incrementAndGet(item.id);
                    hooked.incrementAndGet();
                })
                );
        long start = System.nanoTime();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            runProducers(buffer);
            buffer.close();
            // Late results for abandoned batches must change nothing.
            for (ExportCompletion completion : held) {
                completion.success();
            }
            BatchStats closed = buffer.stats();
            assertThat(logs.count(Level.WARNING, "dropped an item") > 0).as("drops are never silent")
                    .isEqualTo(closed.dropped() > 0);
            assertThat(logs.count(Level.WARNING, "failed") > 0).isEqualTo(closed.failed() > 0);
            assertThat(logs.count(Level.WARNING, "timed out") > 0).isEqualTo(closed.abandoned() > 0);
        } finally {
            completer.shutdown();
            assertThat(completer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        BatchStats stats = buffer.stats();
        System.out.printf("%s: %d ms, %s%n", scenario, millis, stats);

        assertThat(stats.offered()).isEqualTo(ITEMS);
        assertThat(stats.pending()).isZero();
        assertThat(stats.isBalanced()).as(stats.toString()).isTrue();
        assertThat(stats.dropped()).isEqualTo(droppedByOffer.get());
        assertThat(stats.exported() + stats.failed()).isEqualTo(hooked.get());
        assertThat(stats.exported()).isEqualTo(succeededByExporter.get());
        assertThat(stats.failed()).isEqualTo(failedByExporter.get());
        assertThat(stats.abandoned()).isEqualTo(abandonedByExporter.get());
        assertThat(stats.rejectedAfterClose()).isZero();
        for (int id = 0; id < ITEMS; id++) {
            if (seen.get(id) != 1) {
                throw new AssertionError("item " + id + " accounted " + seen.get(id) + " times; " + stats);
            }
        }
        switch (scenario) {
            case SLOW_EXPORTER_DROP:
            case EVERY_THIRD_BATCH_FAILS_DROP:
                assertThat(stats.droppedBlockTimeout() + stats.droppedInterrupted()).isZero();
                break;
            case EVERY_THIRD_BATCH_FAILS_BLOCK:
                assertThat(stats.failed()).isPositive();
                assertThat(stats.droppedQueueFull()).isZero();
                break;
            case SOME_EXPORTS_TIME_OUT_BLOCK:
                assertThat(stats.abandoned()).isPositive();
                assertThat(stats.timedOutExports()).isEqualTo(held.size());
                assertThat(stats.droppedQueueFull()).isZero();
                break;
            default:
                assertThat(stats.droppedQueueFull()).isZero();
                break;
        }
    }

    private BatchExporter<Item> exporter(Scenario scenario, ExecutorService completer) {
        AtomicInteger calls = new AtomicInteger();
        return (batch, completion) -> {
            int call = calls.getAndIncrement();
            int size = batch.size();
            switch (scenario) {
                case EVERY_THIRD_BATCH_FAILS_DROP:
                case EVERY_THIRD_BATCH_FAILS_BLOCK:
                    if (call % 3 == 2) {
                        failedByExporter.addAndGet(size);
                        if (call % 2 == 0) {
                            throw new IllegalStateException("planned");
                        }
                        completion.failure(new IllegalStateException("planned"));
                    } else {
                        succeededByExporter.addAndGet(size);
                        completion.success();
                    }
                    break;
                case SOME_EXPORTS_TIME_OUT_BLOCK:
                    if (call % 97 == 50) {
                        for (int i = 0; i < size; i++) {
                            seen.incrementAndGet(batch.get(i).id);
                        }
                        abandonedByExporter.addAndGet(size);
                        held.add(completion);
                        break;
                    }
                    succeededByExporter.addAndGet(size);
                    completion.success();
                    break;
                default:
                    slowSuccess(size, completion, completer);
                    break;
            }
        };
    }

    private void slowSuccess(int size, ExportCompletion completion, ExecutorService completer) {
        completer.execute(() -> {
            LockSupport.parkNanos(200_000L);
            succeededByExporter.addAndGet(size);
            completion.success();
        });
    }

    private void runProducers(BatchBuffer<Item> buffer) throws InterruptedException {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ConcurrentRun.run("producer-", PRODUCERS, errors, p -> {
            int first = p * PER_PRODUCER;
            for (int i = first; i < first + PER_PRODUCER; i++) {
                if (!buffer.offer(ALL[i])) {
                    seen.incrementAndGet(i);
                    droppedByOffer.incrementAndGet();
                }
            }
        });
        assertThat(errors).as("producer failures").isEmpty();
    }
}
