package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.testing.LogCapture;
import io.lowalloc.core.testing.RecordingExporter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zero-allocation contract, measured with per-thread allocated-byte counters
 * ({@link AllocationMeter}): offering allocates nothing on the offering thread (accepted or
 * dropped), the worker and exporter threads stay below one byte per item at batch size 512 (the
 * exporter thread, which runs the exporter's calls, allocates nothing), and the detector does see
 * an allocation when one is injected. Offers are measured with {@link AllocationMeter#bytesPerOp}:
 * the least of up to 3 rounds of {@value #MEASURED} offers after {@value #WARM_UP_OFFERS} offers of
 * the same operation, so that one-time work (a C2 compile request resolving this class's String
 * constants, a VarHandle call site linked on first use) is not charged to the offer.
 */
class BatchBufferAllocationTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private static final int WARM_UP_RUNS = 3;
    private static final long WARM_UP_OFFERS = 1_000_000;
    private static final int MEASURED = 1_000_000;

    private final AllocationMeter meter = AllocationMeter.create();

    /** Preallocated items: the measured loop must not allocate them. */
    private static final Object[] ITEMS = new Object[1024];

    static {
        for (int i = 0; i < ITEMS.length; i++) {
            ITEMS[i] = new Object();
        }
    }

    private BatchBuffer<Object> immediateBuffer() {
        return buffers.build(BatchBuffer.builder((batch, completion) -> completion.success())
                .setCompletionHook(item -> { })
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(10, TimeUnit.SECONDS)
                );
    }

    private static int offerAll(BatchBuffer<Object> buffer, int count) {
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            if (buffer.offer(ITEMS[i & (ITEMS.length - 1)])) {
                accepted++;
            }
        }
        return accepted;
    }

    /** One offer of a preallocated item per operation; the operation returns 1 if it was accepted. */
    private static LongUnaryOperator offerOne(BatchBuffer<Object> buffer) {
        return i -> buffer.offer(ITEMS[(int) i & (ITEMS.length - 1)]) ? 1 : 0;
    }

    @Test
    void acceptedOffersAllocateNothingOnTheOfferingThread() {
        try (BatchBuffer<Object> buffer = immediateBuffer()) {
            double perOp = meter.bytesPerOp(WARM_UP_OFFERS, MEASURED, offerOne(buffer));
            System.out.printf("offer (accepted): %.4f B/op over %d offers%n", perOp, MEASURED);
            BatchStats stats = buffer.stats();
            assertThat(stats.offered()).isGreaterThanOrEqualTo(WARM_UP_OFFERS + MEASURED);
            assertThat(stats.dropped()).isZero();
            assertThat(perOp).isZero();
        }
    }

    @Test
    void droppedOffersAllocateNothingOnTheOfferingThread() {
        RecordingExporter<Object> exporter = RecordingExporter.holdingFirst();
        try (LogCapture logs = LogCapture.of(BatchBuffer.class);
             BatchBuffer<Object> buffer = buffers.build(BatchBuffer.builder(exporter))) {
            offerAll(buffer, 512);
            exporter.awaitCalls(1); // held: nothing leaves the queue from now on
            long[] accepted = new long[1];
            LongUnaryOperator offer = offerOne(buffer);
            // The warm-up fills the queue, then drops; the one drop log line is logged there.
            double perOp = meter.bytesPerOp(WARM_UP_OFFERS, MEASURED, i -> accepted[0] += offer.applyAsLong(i));
            System.out.printf("offer (dropped): %.4f B/op over %d offers%n", perOp, MEASURED);
            BatchStats stats = buffer.stats();
            assertThat(accepted[0]).isEqualTo(2048);
            assertThat(stats.offered()).isGreaterThanOrEqualTo(512 + WARM_UP_OFFERS + MEASURED);
            assertThat(stats.droppedQueueFull()).isEqualTo(stats.offered() - 512 - 2048);
            assertThat(perOp).isZero();
            assertThat(logs.records).hasSize(1);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void detectorCatchesAnAllocationInjectedIntoTheOfferLoop() {
        try (BatchBuffer<Object> buffer = immediateBuffer()) {
            // Injected: a boxed Long per offer (outside the Long cache, escaping into the queue).
            double perOp = meter.bytesPerOp(WARM_UP_OFFERS, MEASURED,
                    i -> buffer.offer(Long.valueOf(1_000_000L + i)) ? 1 : 0);
            System.out.printf("offer with injected boxing: %.2f B/op%n", perOp);
            assertThat(perOp).isGreaterThanOrEqualTo(16.0);
        }
    }

    @Test
    void workerAndExporterThreadsAllocateLessThanOneBytePerItemAtBatch512() {
        try (BatchBuffer<Object> buffer = immediateBuffer()) {
            Thread worker = buffer.workerThread();
            int items = 4 * MEASURED;
            Runnable offerItems = () -> offerAll(buffer, items);
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                offerItems.run();
            }
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            Thread exporterThread = buffer.exporterThread();
            long workerBefore = meter.threadAllocatedBytes(worker);
            long exporterBefore = meter.threadAllocatedBytes(exporterThread);
            long exportsBefore = buffer.stats().exportCalls();
            AllocationMeter.Measurement offering = meter.startCurrentThread();
            offerItems.run();
            long offerBytes = offering.bytesSinceStart();
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            long workerBytes = meter.threadAllocatedBytes(worker) - workerBefore;
            long exporterBytes = meter.threadAllocatedBytes(exporterThread) - exporterBefore;
            long exports = buffer.stats().exportCalls() - exportsBefore;
            double perItem = (double) (workerBytes + exporterBytes) / items;
            System.out.printf("worker: %d bytes, exporter thread: %d bytes for %d items in %d exports = %.4f B/item,"
                    + " %.1f B/export; offering thread: %d bytes%n",
                    workerBytes, exporterBytes, items, exports, perItem,
                    (double) (workerBytes + exporterBytes) / exports, offerBytes);
            assertThat(buffer.exporterThread()).as("the same exporter thread throughout").isSameAs(exporterThread);
            assertThat(workerBytes).isPositive(); // the per-export completion object: the meter works
            assertThat(exporterBytes).as("the hand-off to the exporter thread allocates nothing").isZero();
            assertThat(perItem).isLessThan(1.0);
            assertThat(offerBytes).isZero();
        }
    }
}
