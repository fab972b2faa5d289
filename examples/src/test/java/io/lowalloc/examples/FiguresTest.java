package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void durationUsesGoStyleUnits() {
        assertThat(Figures.duration(812)).isEqualTo("812ns");
        assertThat(Figures.duration(12_345)).isEqualTo("12.3µs");
        assertThat(Figures.duration(2_512_345)).isEqualTo("2.512ms");
        assertThat(Figures.duration(1_204_000_000L)).isEqualTo("1.204s");
    }

    @Test
    void bytesUseBinaryUnits() {
        assertThat(Figures.bytes(512)).isEqualTo("512 B");
        assertThat(Figures.bytes(12 * 1024)).isEqualTo("12.0 KiB");
        assertThat(Figures.bytes(3 * 1024 * 1024 / 2)).isEqualTo("1.5 MiB");
        assertThat(Figures.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.00 GiB");
        assertThat(Figures.bytesDelta(-2048)).isEqualTo("-2.0 KiB");
        assertThat(Figures.bytesDelta(2048)).isEqualTo("+2.0 KiB");
    }

    @Test
    void speedupSaysFasterOrSlower() {
        assertThat(Figures.speedup(300, 100)).isEqualTo("3.00x faster");
        assertThat(Figures.speedup(100, 125)).isEqualTo("1.25x slower");
        assertThat(Figures.speedup(100, 0)).startsWith("too fast to compare");
    }

    @Test
    void allocationRatioIsComputedAndSaysInfForZeroBytes() {
        assertThat(Figures.allocationRatio(1500, 100)).isEqualTo("15.00x less allocation");
        assertThat(Figures.allocationRatio(1500, 0)).isEqualTo("Inf less allocation (0 bytes)");
        assertThat(Figures.allocationRatio(0, 0)).isEqualTo("no allocation on either side (0 bytes)");
        assertThat(Figures.allocationRatio(100, 200)).isEqualTo("2.00x more allocation");
    }
}
