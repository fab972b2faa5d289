package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Shows the allocation detector is able to fail, so its zero readings mean something. */
class AllocationAssertionsTest {

    /** Written by the allocating operation so escape analysis cannot remove the allocation. */
    @SuppressWarnings("unused")
    private static Object escape;

    @Test
    void oneInjectedAllocationPerOpMeasuresAtLeastSixteenBytesPerOp() {
        AllocationAssertions.Measurement m =
                AllocationAssertions.measure(AllocationAssertions.DEFAULT_WARMUP_OPS, 1_000_000,
                        i -> escape = new Object());

        assertThat(m.ops()).isEqualTo(1_000_000);
        assertThat(m.bytesPerOp()).isGreaterThanOrEqualTo(16.0);
    }

    @Test
    void assertZeroAllocationPerOpFailsOnAnInjectedAllocation() {
        assertThatThrownBy(() -> AllocationAssertions.assertZeroAllocationPerOp("injected", 100_000,
                i -> escape = new Object()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("injected allocated");
    }

    @Test
    void assertZeroAllocationPerOpPassesOnPrimitiveWork() {
        long[] sum = new long[1];

        AllocationAssertions.Measurement m =
                AllocationAssertions.assertZeroAllocationPerOp("primitive sum", 1_000_000, i -> sum[0] += i);

        assertThat(m.bytesPerOp()).isLessThan(1.0);
        assertThat(sum[0]).isPositive();
    }
}
