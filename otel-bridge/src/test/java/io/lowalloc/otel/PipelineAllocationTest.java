package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.span.RecorderStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Steady-state allocation of the whole path — startSpan, setters, end, queue, batch, adapter,
 * views, and an exporter that reads every field — summed over the producer thread, the export
 * worker thread and its exporter thread, per span. Figures are printed for the record.
 *
 * <p>Expected hex cost: each span's exporter reads 2 trace ids (the span's, the link's) at 72
 * bytes (a {@code String} plus its 32-byte array) and 3 span ids (span, parent, link) at 56 bytes,
 * reading each id twice. Every span has the same remote parent, so all spans of a batch are one
 * trace: its id string is made once per batch run (72 bytes over 512 spans), the link's per span.
 * That is 72 + 3 * 56 = 240 bytes; making an id twice, or the shared trace id once per span (312),
 * would show as more.
 */
class PipelineAllocationTest {

    private static final long WARMUP_SPANS = 100_000;
    private static final long MEASURED_SPANS = 40_000;
    private static final int ROUNDS = 3;
    private static final double HEX_BYTES_PER_SPAN = 72 + 3 * 56;

    @BeforeAll
    static void meterWorks() {
        assertThat(AllocationMeter.create().isSupported()).isTrue();
    }

    private static double measure(String label, boolean readHexIds, boolean injectAllocation, boolean distinctLongs) {
        double bytesPerSpan;
        long total = WARMUP_SPANS + ROUNDS * MEASURED_SPANS;
        try (PipelineRig rig = new PipelineRig(readHexIds, injectAllocation, distinctLongs)) {
            bytesPerSpan = rig.bytesPerSpan(WARMUP_SPANS, MEASURED_SPANS, ROUNDS);
            RecorderStats stats = rig.pipeline.stats();
            assertThat(stats.batch().exported()).as("%s", stats).isEqualTo(total);
            assertThat(rig.exporter.spans()).isEqualTo(total);
            assertThat(rig.exporter.checksum()).isNotZero();
            assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        }
        System.out.printf("bridge allocation, %s: %.3f B/span (producer + export worker + exporter thread, least of %d rounds"
                + " of %,d spans after %,d warm-up spans)%n", label, bytesPerSpan, ROUNDS, MEASURED_SPANS,
                WARMUP_SPANS);
        return bytesPerSpan;
    }

    @Test
    void fieldReadingExportWithoutHexIdsAllocatesLessThanOneBytePerSpan() {
        assertThat(measure("all fields but hex ids", false, false, false)).isLessThan(1.0);
    }

    @Test
    void hexIdsAreMadeOncePerIdPerExport() {
        double bytesPerSpan = measure("all fields and hex ids (each read twice)", true, false, false);

        assertThat(bytesPerSpan).isGreaterThanOrEqualTo(HEX_BYTES_PER_SPAN - 1).isLessThan(HEX_BYTES_PER_SPAN + 8);
    }

    @Test
    void aNewNumericValueInEverySpanCostsOneBox() {
        double bytesPerSpan = measure("all fields but hex ids, one long attribute distinct per span", false, false,
                true);

        // A Long: 12-byte header + 8 bytes of value, aligned to 24.
        assertThat(bytesPerSpan).isGreaterThanOrEqualTo(24.0).isLessThan(25.0);
    }

    @Test
    void detectorCatchesOneInjectedAllocationPerSpan() {
        double bytesPerSpan = measure("all fields but hex ids, plus one injected long[2] per span", false, true,
                false);

        // long[2]: 16-byte header + 16 bytes of data.
        assertThat(bytesPerSpan).isGreaterThanOrEqualTo(32.0).isLessThan(33.0);
    }
}
