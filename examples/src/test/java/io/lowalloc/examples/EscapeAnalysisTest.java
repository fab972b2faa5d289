package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeAnalysisTest {

    @Test
    void escapingAllocationIsMeasuredAndNeverLessThanTheLocalOne() {
        EscapeAnalysis.Result result = EscapeAnalysis.measure();

        // An object with two longs is at least 16 bytes (header + fields) on any HotSpot layout.
        assertThat(result.escapingBytesPerOp()).isGreaterThanOrEqualTo(16.0);
        assertThat(result.nonEscapingBytesPerOp()).isLessThanOrEqualTo(result.escapingBytesPerOp());
        assertThat(EscapeSink.lastEscaped()).isNotNull();
    }
}
