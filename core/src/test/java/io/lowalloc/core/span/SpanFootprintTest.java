package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * The heap a pooled default-limits span retains after a typical use (8 attributes, ended, reset),
 * measured in a fresh JVM by {@link SpanFootprintMain} (heap used after full GCs, before and after
 * creating the spans, divided by their number); the figure {@link SpanLimits} refers to. The
 * bound is what keeps an idle default pipeline's pool small: storage sized to the workload, not
 * to the limits.
 */
class SpanFootprintTest {

    /** Bytes per span allowed: a default pool of a few thousand spans then retains about 2 MiB or less. */
    private static final long MAX_BYTES_PER_SPAN = 640;

    @Test
    void aDefaultSpanAfterTypicalUseRetainsLittleHeap() throws Exception {
        ForkedJvm.Result run = ForkedJvm.of(SpanFootprintMain.class)
                .jvmOptions("-XX:+UseSerialGC", "-Xmx256m", "-Xms256m")
                .timeoutSeconds(60)
                .run()
                .assertSucceeded();
        long perSpan = Long.parseLong(run.pairs("FOOTPRINT").get("bytesPerSpan"));
        System.out.println("[footprint] default-limits span after typical use: " + perSpan + " B retained");

        assertThat(perSpan).as(run.oneLine()).isPositive().isLessThanOrEqualTo(MAX_BYTES_PER_SPAN);
    }
}
