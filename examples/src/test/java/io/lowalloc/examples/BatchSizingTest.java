package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchSizingTest {

    @Test
    void smallBatchesMakeMoreCallsAndWaitLess() {
        BatchSizing.Result small = BatchSizing.measure(10, 200, 1_000);
        BatchSizing.Result large = BatchSizing.measure(100, 200, 1_000);

        assertThat(small.exportCalls()).isEqualTo(20);
        assertThat(large.exportCalls()).isEqualTo(2);
        assertThat(small.meanWaitMillis()).isLessThan(large.meanWaitMillis());
        assertThat(small.maxWaitMillis()).isLessThan(large.maxWaitMillis());
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> BatchSizing.measure(0, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize and items must be > 0 and intervalMicros >= 0, was: 0, 10, 0");
    }
}
