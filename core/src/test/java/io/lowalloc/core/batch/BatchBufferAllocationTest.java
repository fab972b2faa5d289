package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zero-allocation contract, measured with per-thread allocated-byte counters: offering
 * allocates nothing on the offering thread (accepted or dropped), the worker stays below one byte
 * per item at batch size 512, and the detector does see an allocation when one is injected.
 */
class BatchBufferAllocationTest {

    @RegisterExtension
    final BalancedBuffers buffers = new BalancedBuffers();

    private static final int WARM_UP_RUNS = 3;
    private static final int MEASURED = 1_000_000;

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

    @Test
    void meterReadsZeroForNothingAndSeesAnAllocation() {
        assertThat(AllocationMeter.bytesAllocatedBy(() -> { })).isZero();
        Object[] sink = new Object[1];
        long bytes = AllocationMeter.bytesAllocatedBy(() -> sink[0] = new long[128]);
        assertThat(bytes).isGreaterThanOrEqualTo(128 * 8);
    }

    @Test
    void acceptedOffersAllocateNothingOnTheOfferingThread() {
        try (BatchBuffer<Object> buffer = immediateBuffer()) {
            int[] accepted = new int[1];
            long bytes = AllocationMeter.steadyStateBytes(WARM_UP_RUNS, () -> accepted[0] = offerAll(buffer, MEASURED));
            System.out.printf("offer (accepted): %d bytes for %d offers = %.4f B/op%n",
                    bytes, MEASURED, (double) bytes / MEASURED);
            assertThat(accepted[0]).isEqualTo(MEASURED);
            assertThat(buffer.stats().dropped()).isZero();
            assertThat(bytes).isZero();
        }
    }

    @Test
    void droppedOffersAllocateNothingOnTheOfferingThread() {
        RecordingExporter<Object> exporter = RecordingExporter.holdingFirst();
        try (LogCapture logs = new LogCapture();
             BatchBuffer<Object> buffer = buffers.build(BatchBuffer.builder(exporter))) {
            offerAll(buffer, 512);
            exporter.awaitCalls(1); // held: nothing leaves the queue from now on
            int[] accepted = new int[1];
            // The first run fills the queue, then drops; the one drop log line is logged there.
            long bytes = AllocationMeter.steadyStateBytes(WARM_UP_RUNS, () -> accepted[0] = offerAll(buffer, MEASURED));
            System.out.printf("offer (dropped): %d bytes for %d offers = %.4f B/op%n",
                    bytes, MEASURED, (double) bytes / MEASURED);
            assertThat(accepted[0]).isZero();
            assertThat(buffer.stats().droppedQueueFull()).isEqualTo((WARM_UP_RUNS + 1L) * MEASURED - 2048);
            assertThat(bytes).isZero();
            assertThat(logs.records).hasSize(1);
            exporter.completions.get(0).success();
        }
    }

    @Test
    void detectorCatchesAnAllocationInjectedIntoTheOfferLoop() {
        try (BatchBuffer<Object> buffer = immediateBuffer()) {
            long bytes = AllocationMeter.steadyStateBytes(WARM_UP_RUNS, () -> {
                for (int i = 0; i < MEASURED; i++) {
                    // Injected: a boxed Long per offer (outside the Long cache, escaping into the queue).
                    buffer.offer(Long.valueOf(1_000_000L + i));
                }
            });
            System.out.printf("offer with injected boxing: %.2f B/op%n", (double) bytes / MEASURED);
            assertThat((double) bytes / MEASURED).isGreaterThanOrEqualTo(16.0);
        }
    }

    @Test
    void workerAllocatesLessThanOneBytePerItemAtBatch512() {
        try (BatchBuffer<Object> buffer = immediateBuffer()) {
            Thread worker = buffer.workerThread();
            int items = 4 * MEASURED;
            Runnable offerItems = () -> offerAll(buffer, items);
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                offerItems.run();
            }
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            long workerBefore = AllocationMeter.allocatedBytes(worker);
            long exportsBefore = buffer.stats().exportCalls();
            long offerBytes = AllocationMeter.bytesAllocatedBy(offerItems);
            assertThat(buffer.flush(10, TimeUnit.SECONDS)).isTrue();
            long workerBytes = AllocationMeter.allocatedBytes(worker) - workerBefore;
            long exports = buffer.stats().exportCalls() - exportsBefore;
            double perItem = (double) workerBytes / items;
            System.out.printf("worker: %d bytes for %d items in %d exports = %.4f B/item, %.1f B/export;"
                    + " offering thread: %d bytes%n",
                    workerBytes, items, exports, perItem, (double) workerBytes / exports, offerBytes);
            assertThat(workerBytes).isPositive(); // the per-export completion object: the meter works
            assertThat(perItem).isLessThan(1.0);
            assertThat(offerBytes).isZero();
        }
    }
}
