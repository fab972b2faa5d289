package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.EpsilonMain;
import io.lowalloc.core.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * The third allocation detector for the native exporter: 5,000,000 spans through recorder, native
 * exporter, encoder and a real loopback socket, in a JVM forked with the Epsilon collector (which
 * never frees memory) and a small fixed heap, to a {@link DiscardingSink} in this test's JVM, another
 * process.
 *
 * <p><b>Why {@value #HEAP_MIB} MiB:</b> start-up, the recorder (pool and queue), the exporter's
 * buffers (which grow to one 512-span request, under a megabyte) and the warm-up take about 10 MB,
 * which leaves some 22 MB for the 5,000,000 measured spans: a steady allocation of 5 bytes per span
 * or more, or a per-request object of a few kilobytes, exhausts it and fails the run. A larger heap
 * would let a small leak hide.
 */
class NativeEpsilonTest {

    static final int HEAP_MIB = 32;
    private static final long SPANS = 5_000_000;

    private static ForkedJvm.Result fork(DiscardingSink sink, boolean inject) throws Exception {
        return ForkedJvm.of(EpsilonMain.class)
                .epsilonGc(HEAP_MIB)
                .jvmOptions("-XX:+AlwaysPreTouch", "-D" + NativeEpsilonWorkload.ENDPOINT_PROPERTY + "=" + sink.endpoint())
                .timeoutSeconds(300)
                .run(EpsilonMain.arguments(NativeEpsilonWorkload.class, SPANS, inject));
    }

    @Test
    void fiveMillionSpansOverARealSocketRunWithNoGarbageCollectorInASmallHeap() throws Exception {
        try (DiscardingSink sink = new DiscardingSink()) {
            ForkedJvm.Result result = fork(sink, false);

            System.out.print("native otlp " + result.output());
            result.assertSucceeded();
            assertThat(result.output()).contains("epsilon: 5,000,000 spans")
                    .contains("exported=" + (SPANS + EpsilonMain.WARM_UP_SPANS));
            assertThat(sink.requests.get()).as("requests the sink read").isPositive();
            // Every exported span crossed the socket: at least 50 bytes each on the wire.
            assertThat(sink.bodyBytes.get()).isGreaterThan(50L * SPANS);
        }
    }

    @Test
    void oneInjectedAllocationPerSpanExhaustsTheHeap() throws Exception {
        try (DiscardingSink sink = new DiscardingSink()) {
            ForkedJvm.Result result = fork(sink, true);

            result.assertRanOutOfHeap();
            assertThat(result.output()).doesNotContain("epsilon: 5,000,000 spans");
        }
    }
}
