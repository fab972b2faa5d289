package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.EpsilonMain;
import io.lowalloc.core.testing.ForkedJvm;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The third allocation detector: {@link EpsilonMain} running {@link BridgeEpsilonWorkload} in a JVM
 * forked by {@link ForkedJvm} with the Epsilon collector, which never frees memory, and a small
 * fixed heap.
 *
 * <p><b>Why {@value #HEAP_MIB} MiB:</b> after start-up and warm-up the run holds about 13 MB (the pool's
 * 2,816 preallocated spans, 512 views, OpenTelemetry's and the JDK's classes and constants), so a
 * 32 MB heap leaves about 19 MB for the 5,000,000 measured spans: any steady allocation of 4 bytes
 * per span or more — a single {@code Long} box every 6 spans — exhausts it and fails the run. A
 * larger heap would let a small leak hide; a smaller one leaves too little room for start-up on
 * another JVM build. The run also prints the exact heap growth.
 */
class EpsilonPipelineTest {

    static final int HEAP_MIB = 32;
    private static final long SPANS = 5_000_000;
    private static final long TIMEOUT_SECONDS = 300;

    private static ForkedJvm.Result fork(boolean injectAllocation) throws IOException, InterruptedException {
        return ForkedJvm.of(EpsilonMain.class)
                .epsilonGc(HEAP_MIB)
                .jvmOptions("-XX:+AlwaysPreTouch")
                .timeoutSeconds(TIMEOUT_SECONDS)
                .run(EpsilonMain.arguments(BridgeEpsilonWorkload.class, SPANS, injectAllocation));
    }

    @Test
    void fiveMillionSpansRunWithNoGarbageCollectorInASmallHeap() throws Exception {
        ForkedJvm.Result result = fork(false);

        System.out.print("bridge " + result.output());
        result.assertSucceeded();
        assertThat(result.output()).contains("epsilon: 5,000,000 spans")
                .contains("exported=" + (SPANS + EpsilonMain.WARM_UP_SPANS));
    }

    @Test
    void oneInjectedAllocationPerSpanExhaustsTheHeap() throws Exception {
        ForkedJvm.Result result = fork(true);

        result.assertRanOutOfHeap();
        assertThat(result.output()).doesNotContain("epsilon: 5,000,000 spans");
    }
}
