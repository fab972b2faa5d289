package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third allocation proof: {@link EpsilonPipelineMain} pushes {@value #SPANS} spans through the
 * pipeline in a forked JVM running Epsilon GC, which never collects, with a heap barely larger
 * than the pipeline's footprint. Any steady allocation per span would run it out of heap; the
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

    @TempDir
    Path tempDir;

    @Test
    void fiveMillionSpansRunInATwentyMegabyteHeapThatIsNeverCollected() throws Exception {
        Forked run = fork(false);

        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
        assertThat(run.output()).doesNotContain("OutOfMemoryError");
        Map<String, String> result = run.result();
        assertThat(result.get("epsilon")).as("Epsilon GC in use").isEqualTo("true");
        assertThat(number(result, "maxHeap")).isEqualTo(HEAP_MIB * 1024L * 1024L);
        assertThat(number(result, "measuredSpans")).isEqualTo(SPANS);
        long spans = EpsilonPipelineMain.WARM_UP_SPANS + SPANS;
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
        Forked run = fork(true);

        System.out.printf("[epsilon] -Xmx%dm with one injected Object per span: exit code %d, %s%n",
                HEAP_MIB, run.exitCode(), run.output().strip().replace(System.lineSeparator(), " | "));
        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isNotZero();
        assertThat(run.output()).contains("java.lang.OutOfMemoryError: Java heap space")
                .contains("WARMUP")
                .doesNotContain("RESULT");
    }

    private Forked fork(boolean injectAllocation) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UnlockExperimentalVMOptions");
        command.add("-XX:+UseEpsilonGC");
        command.add("-Xms" + HEAP_MIB + "m");
        command.add("-Xmx" + HEAP_MIB + "m");
        // Whichever thread meets the exhausted heap, the whole JVM stops with a clear message.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        // Surefire runs tests from a manifest-only jar; the real class path is in this property.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(EpsilonPipelineMain.class.getName());
        command.add(Long.toString(SPANS));
        if (injectAllocation) {
            command.add(EpsilonPipelineMain.INJECT_ALLOCATION);
        }
        File output = tempDir.resolve(injectAllocation ? "inject.log" : "clean.log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("forked JVM still running after " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(output.toPath(), StandardCharsets.UTF_8));
        }
        return new Forked(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }

    private static long number(Map<String, String> result, String key) {
        assertThat(result).containsKey(key);
        return Long.parseLong(result.get(key));
    }

    /** A finished forked JVM: its exit code and its merged stdout and stderr. */
    private record Forked(int exitCode, String output) {

        /** The {@code key=value} pairs of the {@code RESULT} line. */
        Map<String, String> result() {
            Map<String, String> pairs = new HashMap<>();
            for (String line : output.split("\\R")) {
                if (line.startsWith("RESULT ")) {
                    for (String pair : line.substring("RESULT ".length()).split(" ")) {
                        int eq = pair.indexOf('=');
                        pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            assertThat(pairs).as("RESULT line in output:%n%s", output).isNotEmpty();
            return pairs;
        }
    }
}
