package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapacityVsLengthTest {

    @Test
    void capacityStartsEmptyWhileLengthPrefills() {
        CapacityVsLength.Result result = CapacityVsLength.append(100);

        // Record equality compares every component: capacityIndex, capacitySize, lengthIndex,
        // lengthSize, storeSize, storeCapacity.
        assertThat(result).isEqualTo(new CapacityVsLength.Result(0, 1, 100, 101, 1, 100));
    }

    @Test
    void nonPositiveSizeIsRejected() {
        assertThatThrownBy(() -> CapacityVsLength.append(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be > 0, was: 0");
    }
}
