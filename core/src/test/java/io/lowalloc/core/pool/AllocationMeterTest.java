package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The allocation detector itself: it reads 0 for nothing and sees a single small object. */
class AllocationMeterTest {

    private static volatile Object sink;

    private final AllocationMeter meter = AllocationMeter.calibrated();

    @Test
    void emptyActionAllocatesNothing() {
        assertThat(meter.overheadBytes()).isGreaterThanOrEqualTo(0);
        assertThat(meter.bytesAllocatedBy(() -> { })).isZero();
    }

    @Test
    void detectsOneSmallObject() {
        Runnable allocateOne = () -> sink = new Object();
        meter.bytesAllocatedBy(allocateOne);

        assertThat(meter.bytesAllocatedBy(allocateOne)).isBetween(16L, 24L);
        assertThat(sink).isNotNull();
    }

    @Test
    void detectsAnArrayBySize() {
        Runnable allocateKilobyte = () -> sink = new byte[1024];
        meter.bytesAllocatedBy(allocateKilobyte);

        assertThat(meter.bytesAllocatedBy(allocateKilobyte)).isBetween(1024L, 1024L + 24);
    }
}
