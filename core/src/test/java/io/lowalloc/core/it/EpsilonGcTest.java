package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.EpsilonMain;
import io.lowalloc.core.testing.ForkedJvm;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The third allocation proof: {@link EpsilonMain} pushes {@value #SPANS} spans through the
 * pipeline ({@link CoreEpsilonWorkload}) in a forked JVM running Epsilon GC, which never collects,
 * with a heap barely larger than the pipeline's footprint. Any steady allocation per span would run it out of heap; the
 * second test injects one 16-byte object per span and shows that it does.
 *
 * <p><b>Why {@value #HEAP_MIB} MiB.</b> Measured with Epsilon (no collection, so "used" is every
 * byte allocated since the JVM started): the JVM starts with about 0.7 MB used, the core classes
 * and queues take about 0.6 MB, and the 4096 prefilled spans take about 9.7 MB (about 2.4 KB each
 * with the default limits: 16 attribute slots, 4 events and 1 link preallocated). After the
 * 200,000-span warm-up the heap holds 11.7 MB with a bare class path and 13.2 MB with surefire's
 * (more jars opened), give or take TLAB sizing. The 5,000,000 measured spans then add 0.3 to
 * 1 MB: one 32-byte completion object per 512-span export, plus TLAB rounding.
 * {@value #HEAP_MIB} MiB leaves about 7 MB above the footprint, room for that and for variance
 * between JDK builds and class paths, yet far less than the 80 MB that one 16-byte object per
 * span needs: the injected run exhausts it within about 480,000 spans. The first test also
 * asserts that the heap grew by less than 1 byte per measured span.
 */
class EpsilonGcTest {

    private static final long SPANS = 5_000_000;
    private static final int HEAP_MIB = 20;
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void fiveMillionSpansRunInATwentyMegabyteHeapThatIsNeverCollected() throws Exception {
        ForkedJvm.Result run = fork(false).assertSucceeded();

        Map<String, String> result = run.pairs("RESULT");
        assertThat(result.get("epsilon")).as("Epsilon GC in use").isEqualTo("true");
        assertThat(number(result, "maxHeap")).isEqualTo(HEAP_MIB * 1024L * 1024L);
        assertThat(number(result, "measuredSpans")).isEqualTo(SPANS);
        long spans = EpsilonMain.WARM_UP_SPANS + SPANS;
        assertThat(number(result, "offered")).isEqualTo(spans);
        assertThat(number(result, "exported")).isEqualTo(spans);
        assertThat(number(result, "exporterSpans")).isEqualTo(spans);
        assertThat(number(result, "dropped") + number(result, "refused")).isZero();
        assertThat(number(result, "failed") + number(result, "abandoned") + number(result, "pending")).isZero();
        assertThat(result.get("balanced")).isEqualTo("true");
        assertThat(number(result, "notSubmitted")).isZero();
        assertThat(number(result, "poolOutstanding")).isZero();
        assertThat(number(result, "poolMisses")).isZero();
        long growth = number(result, "heapUsedAfterRun") - number(result, "heapUsedAfterWarmUp");
        System.out.printf("[epsilon] -Xmx%dm: heap used after warm-up %,d B, after %,d spans %,d B"
                + " (+%,d B = %.3f B/span), at end %,d B; measured run %s ms, JVM total %s ms%n",
                HEAP_MIB, number(result, "heapUsedAfterWarmUp"), SPANS, number(result, "heapUsedAfterRun"),
                growth, (double) growth / SPANS, number(result, "heapUsedAtEnd"),
                result.get("measuredMillis"), result.get("totalMillis"));
        assertThat((double) growth / SPANS).as("heap growth per measured span, bytes").isLessThan(1.0);
    }

    @Test
    void oneInjectedSixteenByteAllocationPerSpanRunsTheHeapOut() throws Exception {
        ForkedJvm.Result run = fork(true);

        System.out.printf("[epsilon] -Xmx%dm with one injected Object per span: exit code %d, %s%n",
                HEAP_MIB, run.exitCode(), run.oneLine());
        run.assertRanOutOfHeap();
        assertThat(run.output()).contains("WARMUP").doesNotContain("RESULT");
    }

    private static ForkedJvm.Result fork(boolean injectAllocation) throws IOException, InterruptedException {
        return ForkedJvm.of(EpsilonMain.class).epsilonGc(HEAP_MIB).timeoutSeconds(TIMEOUT_SECONDS)
                .run(EpsilonMain.arguments(CoreEpsilonWorkload.class, SPANS, injectAllocation));
    }

    private static long number(Map<String, String> result, String key) {
        assertThat(result).containsKey(key);
        return Long.parseLong(result.get(key));
    }
}
