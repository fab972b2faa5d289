package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    private static final int DRAWS = 1_000_000;

    @Test
    void spanIdsAreNeverZero() {
        int zeros = 0;
        for (int i = 0; i < DRAWS; i++) {
            zeros += Ids.randomSpanId() == 0 ? 1 : 0;
        }

        assertThat(zeros).isZero();
    }

    @Test
    void traceIdLowHalvesAreNeverZeroSoTraceIdsAreValid() {
        int zeroLows = 0;
        int invalid = 0;
        for (int i = 0; i < DRAWS; i++) {
            long high = Ids.randomTraceIdHigh();
            long low = Ids.randomTraceIdLow();
            zeroLows += low == 0 ? 1 : 0;
            invalid += Ids.isValidTraceId(high, low) ? 0 : 1;
        }

        assertThat(zeroLows).isZero();
        assertThat(invalid).isZero();
    }

    @Test
    void idsLookUniformlyRandom() {
        Set<Long> seen = new HashSet<>();
        int negativeHigh = 0;
        int negativeSpan = 0;
        for (int i = 0; i < 10_000; i++) {
            seen.add(Ids.randomSpanId());
            negativeHigh += Ids.randomTraceIdHigh() < 0 ? 1 : 0;
            negativeSpan += Ids.randomSpanId() < 0 ? 1 : 0;
        }

        assertThat(seen).as("no repeats among 10,000 64-bit draws").hasSize(10_000);
        // The sign bit is random too: about half of the draws, far from 0 or all (6 sigma = 300).
        assertThat(negativeHigh).isBetween(4_700, 5_300);
        assertThat(negativeSpan).isBetween(4_700, 5_300);
    }

    @Test
    void traceIdIsInvalidOnlyWhenAll128BitsAreZero() {
        assertThat(Ids.isValidTraceId(0, 0)).isFalse();
        assertThat(Ids.isValidTraceId(0, 1)).isTrue();
        assertThat(Ids.isValidTraceId(1, 0)).isTrue();
        assertThat(Ids.isValidTraceId(Long.MIN_VALUE, 0)).isTrue();
        assertThat(Ids.isValidTraceId(-1, -1)).isTrue();
    }

    @Test
    void spanIdIsInvalidOnlyWhenZero() {
        assertThat(Ids.isValidSpanId(Ids.INVALID_SPAN_ID)).isFalse();
        assertThat(Ids.isValidSpanId(0)).isFalse();
        assertThat(Ids.isValidSpanId(1)).isTrue();
        assertThat(Ids.isValidSpanId(-1)).isTrue();
        assertThat(Ids.isValidSpanId(Long.MIN_VALUE)).isTrue();
    }

    @Test
    void idGenerationAllocatesNothing() {
        AllocationMeter meter = AllocationMeter.create();

        double perOp = meter.bytesPerOp(1_000_000, 1_000_000,
                i -> Ids.randomSpanId() ^ Ids.randomTraceIdHigh() ^ Ids.randomTraceIdLow());

        assertThat(perOp).isZero();
    }
}
