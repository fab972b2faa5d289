package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third allocation detector: {@link EpsilonPipelineMain} in a forked JVM with the Epsilon
 * collector, which never frees memory, and a small fixed heap.
 *
 * <p><b>Why {@value #HEAP}:</b> after start-up and warm-up the run holds about 13 MB (the pool's
 * 2,816 preallocated spans, 512 views, OpenTelemetry's and the JDK's classes and constants), so a
 * 32 MB heap leaves about 19 MB for the 5,000,000 measured spans: any steady allocation of 4 bytes
 * per span or more — a single {@code Long} box every 6 spans — exhausts it and fails the run. A
 * larger heap would let a small leak hide; a smaller one leaves too little room for start-up on
 * another JVM build. The run also prints the exact heap growth.
 */
class EpsilonPipelineTest {

    static final String HEAP = "32m";
    private static final long SPANS = 5_000_000;
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    private Result fork(String... mainArgs) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java,
                "-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC",
                "-Xms" + HEAP, "-Xmx" + HEAP, "-XX:+AlwaysPreTouch",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp", classPath, EpsilonPipelineMain.class.getName()));
        command.addAll(Arrays.asList(mainArgs));
        Path output = dir.resolve("epsilon.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Epsilon run did not finish in " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void fiveMillionSpansRunWithNoGarbageCollectorInASmallHeap() throws Exception {
        Result result = fork(Long.toString(SPANS));

        System.out.print("bridge " + result.output);
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("epsilon: 5,000,000 spans")
                .contains("exported=" + (SPANS + EpsilonPipelineMain.WARMUP_SPANS));
    }

    @Test
    void oneInjectedAllocationPerSpanExhaustsTheHeap() throws Exception {
        Result result = fork(Long.toString(SPANS), "inject");

        assertThat(result.exitCode).as(result.output).isNotZero();
        assertThat(result.output).contains("OutOfMemoryError").doesNotContain("epsilon: 5,000,000 spans");
    }

    private static final class Result {

        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
