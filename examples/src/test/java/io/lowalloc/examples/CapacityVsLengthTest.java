package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapacityVsLengthTest {

    @Test
    void capacityStartsEmptyWhileLengthPrefills() {
        CapacityVsLength.Result result = CapacityVsLength.append(100);

        assertThat(result.capacityIndex()).isZero();
        assertThat(result.capacitySize()).isEqualTo(1);
        assertThat(result.lengthIndex()).isEqualTo(100);
        assertThat(result.lengthSize()).isEqualTo(101);
        assertThat(result.storeSize()).isEqualTo(1);
        assertThat(result.storeCapacity()).isEqualTo(100);
    }

    @Test
    void nonPositiveSizeIsRejected() {
        assertThatThrownBy(() -> CapacityVsLength.append(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be > 0, was: 0");
    }
}
