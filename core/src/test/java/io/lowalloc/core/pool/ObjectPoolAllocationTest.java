package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation contract: with a warm pool, acquire + release allocate nothing on the
 * calling thread. Measured to the byte with {@link AllocationMeter} over {@value #MEASURED_CYCLES}
 * cycles after {@value #WARM_UP_CYCLES} warm-up cycles; the last test injects one small allocation
 * per cycle into the same loop to show that the measurement would catch it.
 */
class ObjectPoolAllocationTest {

    private static final int WARM_UP_CYCLES = 200_000;
    private static final int WARM_UP_ROUNDS = 20;
    private static final int MEASURED_CYCLES = 1_000_000;

    private final AllocationMeter meter = AllocationMeter.calibrated();
    private final ObjectPool<TestItem> pool = ObjectPool.create(TestItem::new, 64);

    @Test
    void acquireAndReleaseAllocateNothingWhenWarm() {
        pool.prefill(16);

        long bytes = measureAfterWarmUp("acquire+release", n -> PoolCycles.acquireRelease(pool, n));

        assertThat(bytes).as("bytes allocated by %,d warm acquire+release cycles", MEASURED_CYCLES).isZero();
        assertThat(pool.stats().misses()).isZero();
        assertThat(pool.stats().hits()).isEqualTo(WARM_UP_CYCLES + MEASURED_CYCLES);
    }

    @Test
    void batchesOfAcquiresAndReleasesAllocateNothingWhenWarm() {
        TestItem[] batch = new TestItem[32];
        pool.prefill(batch.length);

        long bytes = measureAfterWarmUp("32 acquires then 32 releases",
                n -> PoolCycles.acquireReleaseInBatches(pool, batch, n));

        assertThat(bytes).as("bytes allocated by %,d warm acquires+releases in batches", MEASURED_CYCLES).isZero();
        assertThat(pool.stats().misses()).isZero();
    }

    @Test
    void oneInjectedAllocationPerCycleIsDetected() {
        pool.prefill(16);

        long bytes = measureAfterWarmUp("acquire+release+new Object()",
                n -> PoolCycles.acquireReleaseAllocatingOneObject(pool, n));

        assertThat((double) bytes / MEASURED_CYCLES).as("bytes per cycle").isGreaterThanOrEqualTo(16.0);
    }

    /**
     * Runs the loop WARM_UP_CYCLES times in several calls, so that the JIT has compiled it both
     * on-stack and as a method, then measures one call of MEASURED_CYCLES.
     */
    private long measureAfterWarmUp(String what, IntConsumer loop) {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            loop.accept(WARM_UP_CYCLES / WARM_UP_ROUNDS);
        }
        Runnable measured = () -> loop.accept(MEASURED_CYCLES);
        long bytes = meter.bytesAllocatedBy(measured);
        System.out.printf("allocation %s: %,d bytes for %,d cycles (%.3f B/op), meter overhead %d bytes%n",
                what, bytes, MEASURED_CYCLES, (double) bytes / MEASURED_CYCLES, meter.overheadBytes());
        return bytes;
    }
}
