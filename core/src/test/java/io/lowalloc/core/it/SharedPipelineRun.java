package io.lowalloc.core.it;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.span.SpanState;
import io.lowalloc.core.testing.ItemLedger;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One concurrency run: {@value #PRODUCERS} producer threads record {@value #SPANS_PER_PRODUCER}
 * spans each with one shared {@link SpanRecorder} (one pool, one buffer), while the calling
 * thread flushes now and then.
 *
 * <p>Every span carries a unique item id (span id = id + 1, and attribute 0), the lease count
 * its producer saw right after acquiring it (attribute 1), and its producer's marker (the high
 * half of the trace id, low half = id + 1). A producer re-checks all of it right before
 * {@code end}; the exporter, through {@link #inspect}, checks the same plus that the span is
 * {@link SpanState#SUBMITTED}, still held in its pool and not leased again since. A span handed
 * to two holders at once would fail one of these checks (or {@code acquire}'s own). Every outcome
 * goes to an {@link ItemLedger}.
 */
final class SharedPipelineRun {

    static final int PRODUCERS = 4;
    static final int SPANS_PER_PRODUCER = 1_000_000;
    static final int ITEMS = PRODUCERS * SPANS_PER_PRODUCER;

    static final String ID_KEY = "item.id";
    static final String LEASE_KEY = "pool.lease";

    private static final long MARKER_BASE = 0x7EA1_0000_0000_0000L;
    private static final long FLUSH_TIMEOUT_SECONDS = 30;

    // Room for exactly the 4 attributes written, nothing else preallocated: 4096 small spans stay
    // in the CPU caches (with the default limits they take about 10 MB and every cycle misses).
    static final SpanLimits LIMITS = SpanLimits.builder()
            .attributeInitialCapacity(4).attributeLimit(4).preallocatedEvents(0).preallocatedLinks(0).build();

    static final int POOL_CAPACITY = 4096;

    final ItemLedger ledger = new ItemLedger(ITEMS);
    final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    final AtomicLong violations = new AtomicLong();
    final AtomicReference<String> firstViolation = new AtomicReference<>();
    /** Flushes started while producers were running, and whether each one returned true. */
    final List<Boolean> midRunFlushes = new ArrayList<>();
    /** Flushes after which fewer items were settled than had been accepted before the call. */
    long flushesThatLostItems;
    /** Flushes that returned true though drops were counted before the call, after the previous flush. */
    long flushesTrueDespiteNewDrops;
    /** Flushes that returned false though no drop was counted since the previous flush was called. */
    long flushesFalseWithoutNewDrops;
    private long previousDropsBefore;
    private long previousDropsAfter;
    long elapsedMillis;
    long cpuMillis;
    /** The pool's counters after close. */
    PoolStats pool;

    private SpanRecorder recorder;

    /**
     * Runs the producers to completion against a recorder with {@code exporter}, flushing
     * meanwhile, then closes the recorder.
     *
     * @param exporter makes the run's exporter; it should call {@link #inspect} for each batch
     * @return the buffer's counters after close ({@link #pool} has the pool's)
     */
    BatchStats run(Function<SharedPipelineRun, BatchExporter<SpanData>> exporter, FullQueuePolicy policy)
            throws InterruptedException {
        recorder = SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder()
                        .setFullQueuePolicy(policy)
                        .setMaxBlockTime(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .setWorkerThreadName("it-shared-export")
                        .build())
                .setSpanLimits(LIMITS)
                .setPoolCapacity(POOL_CAPACITY)
                .setPrefill(POOL_CAPACITY)
                .build(exporter.apply(this));
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers[p] = new Thread(() -> {
                try {
                    go.await();
                    produce(producer);
                } catch (Throwable t) {
                    errors.add(t);
                }
            }, "it-producer-" + p);
            producers[p].start();
        }
        go.countDown();
        while (anyAlive(producers)) {
            flushOnce();
            Thread.sleep(5);
        }
        for (Thread producer : producers) {
            producer.join();
        }
        recorder.close();
        elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        cpuMillis = TimeUnit.NANOSECONDS.toMillis(processCpuNanos() - cpuStart);
        pool = recorder.stats().pool();
        return recorder.stats().batch();
    }

    private void flushOnce() {
        BatchStats before = recorder.stats().batch();
        boolean exportedAll = recorder.flush(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        BatchStats after = recorder.stats().batch();
        midRunFlushes.add(exportedAll);
        // Every item accepted before the call must be settled once flush returns.
        long acceptedBefore = before.offered() - before.dropped();
        if (after.exported() + after.failed() + after.abandoned() < acceptedBefore) {
            flushesThatLostItems++;
        }
        // The flush rule for drops, seen through counters read around each call: drops counted
        // before the call and not yet reported (the previous flush reported at most what was
        // counted when it returned) make it false; a false one needs new drops since the previous
        // call (only when nothing fails).
        if (exportedAll && before.dropped() > previousDropsAfter) {
            flushesTrueDespiteNewDrops++;
        }
        if (!exportedAll && after.dropped() <= previousDropsBefore) {
            flushesFalseWithoutNewDrops++;
        }
        previousDropsBefore = before.dropped();
        previousDropsAfter = after.dropped();
    }

    /** The marker a producer writes into the high half of its spans' trace id. */
    static long marker(int producer) {
        return MARKER_BASE + producer;
    }

    private void produce(int producer) {
        long marker = marker(producer);
        long first = (long) producer * SPANS_PER_PRODUCER;
        for (long id = first; id < first + SPANS_PER_PRODUCER; id++) {
            SpanData span = recorder.startSpan("shared", SpanKind.INTERNAL);
            long lease = span.poolSlot().leaseCount();
            span.setTraceId(marker, id + 1).setSpanId(id + 1).setStartEpochNanos(id);
            span.put(ID_KEY, id);
            span.put(LEASE_KEY, lease);
            span.put("producer", (long) producer);
            span.put("flag", (id & 1) == 0);
            // Right before the hand-off: had the pool given this span to another holder too, its
            // writes (or its acquire's onAcquire, which throws) would show here.
            if (span.traceIdHigh() != marker || span.traceIdLow() != id + 1 || span.spanId() != id + 1
                    || span.attributes().longValue(0) != id || span.attributes().longValue(1) != lease
                    || span.poolSlot().leaseCount() != lease || span.state() != SpanState.ACQUIRED) {
                violation("producer " + producer + " saw its span changed before end: " + span);
            }
            if (!recorder.end(span, id + 1)) {
                // Refused and already back in the pool: account for it.
                ledger.record(id, ItemLedger.DROPPED);
            }
        }
    }

    /**
     * Checks every span of a batch handed to an exporter and records {@code outcome} for it; the
     * exporter calls it before it signals the result.
     */
    void inspect(List<SpanData> batch, int outcome) {
        for (int i = 0; i < batch.size(); i++) {
            SpanData span = batch.get(i);
            long id = span.spanId() - 1;
            if (id < 0 || id >= ITEMS) {
                violation("exported span with an unknown id: " + span);
                continue;
            }
            if (span.state() != SpanState.SUBMITTED
                    || span.poolSlot().state() != PoolSlot.State.ACQUIRED
                    || span.attributes().longValue(0) != id
                    || span.attributes().longValue(1) != span.poolSlot().leaseCount()
                    || span.traceIdHigh() != marker((int) (id / SPANS_PER_PRODUCER))
                    || span.traceIdLow() != id + 1) {
                violation("exported span inconsistent with its id " + id + ": " + span + ", " + span.poolSlot());
            }
            ledger.record(id, outcome);
        }
    }

    private void violation(String description) {
        violations.incrementAndGet();
        firstViolation.compareAndSet(null, description);
    }

    /** CPU time of this whole JVM: on a shared machine it says more about cost than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static boolean anyAlive(Thread[] threads) {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
