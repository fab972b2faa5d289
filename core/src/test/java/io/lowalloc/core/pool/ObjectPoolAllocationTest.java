package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.testing.TestItem;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation contract: with a warm pool, acquire + release (plain or through the
 * {@link HandOffReleaser}) allocate nothing on the calling thread. Measured to the byte with {@link AllocationMeter#bytesPerOp} (the least of up to
 * 3 rounds of {@value #MEASURED_CYCLES} cycles, after {@value #WARM_UP_CYCLES} warm-up cycles of
 * the same operation); the last test injects one small allocation per cycle into the same loop to
 * show that the measurement would catch it. The measured operations live in {@link PoolCycles},
 * which has no String literals.
 */
class ObjectPoolAllocationTest {

    private static final long WARM_UP_CYCLES = 200_000;
    private static final long MEASURED_CYCLES = 1_000_000;
    private static final int BATCH = 32;

    private final AllocationMeter meter = AllocationMeter.create();
    private final ObjectPool<TestItem> pool = ObjectPool.create(TestItem::new, 64);

    @Test
    void acquireAndReleaseAllocateNothingWhenWarm() {
        pool.prefill(16);

        double bytesPerCycle = measure("acquire+release", 1, PoolCycles.acquireRelease(pool));

        assertThat(bytesPerCycle).as("bytes per warm acquire+release cycle").isZero();
        assertThat(pool.stats().misses()).isZero();
        assertThat(pool.stats().hits()).isGreaterThanOrEqualTo(WARM_UP_CYCLES + MEASURED_CYCLES);
    }

    @Test
    void acquireAndHandOffReleaseAllocateNothingWhenWarm() {
        pool.prefill(16);
        HandOffReleaser<TestItem> releaser = pool.claimHandOffReleaser();

        double bytesPerCycle = measure("acquire+hand-off release", 1, PoolCycles.acquireHandOffRelease(pool, releaser));

        assertThat(bytesPerCycle).as("bytes per warm acquire+hand-off release cycle").isZero();
        assertThat(pool.stats().misses()).isZero();
    }

    @Test
    void batchesOfAcquiresAndReleasesAllocateNothingWhenWarm() {
        TestItem[] batch = new TestItem[BATCH];
        pool.prefill(batch.length);

        double bytesPerBatch = measure(BATCH + " acquires then " + BATCH + " releases", BATCH,
                PoolCycles.acquireReleaseBatch(pool, batch));

        assertThat(bytesPerBatch).as("bytes per %d warm acquires+releases", BATCH).isZero();
        assertThat(pool.stats().misses()).isZero();
        assertThat(pool.stats().hits()).isGreaterThanOrEqualTo(WARM_UP_CYCLES + MEASURED_CYCLES);
    }

    @Test
    void oneInjectedAllocationPerCycleIsDetected() {
        pool.prefill(16);

        double bytesPerCycle = measure("acquire+release+new Object()", 1,
                PoolCycles.acquireReleaseAllocatingOneObject(pool));

        assertThat(bytesPerCycle).as("bytes per cycle").isGreaterThanOrEqualTo(16.0);
    }

    /** Measures an operation that acquires and releases {@code objectsPerOp} objects. */
    private double measure(String what, int objectsPerOp, LongUnaryOperator op) {
        double bytesPerOp = meter.bytesPerOp(WARM_UP_CYCLES / objectsPerOp, MEASURED_CYCLES / objectsPerOp, op);
        System.out.printf("[allocation] %s: %.3f B/op over %,d objects%n", what, bytesPerOp, MEASURED_CYCLES);
        return bytesPerOp;
    }
}
