package io.lowalloc.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM on the test's class path and returns its exit code and its
 * merged standard output and error. A fresh JVM is what an allocation or GC figure needs: no
 * other test's classes, JIT profile or garbage.
 *
 * <p>{@link #epsilonGc(int)} makes it the third allocation detector: the Epsilon collector never
 * frees memory, so in a small heap any steady allocation per operation runs the JVM out of heap.
 * {@link EpsilonMain} is the main for such runs; it takes {@link #INJECT_ALLOCATION} to make its
 * workload allocate once per span on purpose, and {@link Result#assertRanOutOfHeap()} then shows
 * that the detector can fail.
 *
 * <p>Not thread-safe: configure, then {@link #run}. Each run writes the output to a temporary file
 * (a pipe could fill and stall the child) and deletes it after reading.
 */
public final class ForkedJvm {

    /** How long {@link #run} waits for the JVM by default, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 120;

    /** The argument that tells {@link EpsilonMain} to make its workload allocate once per span. */
    public static final String INJECT_ALLOCATION = "--inject-allocation";

    /** What the JVM prints when Epsilon, with {@code -XX:+ExitOnOutOfMemoryError}, runs out. */
    public static final String OUT_OF_HEAP = "java.lang.OutOfMemoryError: Java heap space";

    private final Class<?> mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private long timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private Path javaHome = Path.of(System.getProperty("java.home"));

    private ForkedJvm(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    /**
     * Starts the description of a run of {@code mainClass}.
     *
     * @param mainClass a class with a {@code public static void main(String[])} on this class path
     * @return a run with no JVM options and the default timeout
     */
    public static ForkedJvm of(Class<?> mainClass) {
        return new ForkedJvm(mainClass);
    }

    /**
     * Adds JVM options, such as {@code -Xmx256m}, after those added before.
     *
     * @param options the options
     * @return this
     */
    public ForkedJvm jvmOptions(String... options) {
        jvmOptions.addAll(Arrays.asList(options));
        return this;
    }

    /**
     * Runs the JVM with the Epsilon collector (no collection at all) and a fixed heap of
     * {@code heapMib} MiB ({@code -Xms} = {@code -Xmx}), stopping the whole JVM at the first
     * {@code OutOfMemoryError} whichever thread meets it.
     *
     * @param heapMib the heap size in MiB
     * @return this
     */
    public ForkedJvm epsilonGc(int heapMib) {
        return jvmOptions("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC",
                "-Xms" + heapMib + "m", "-Xmx" + heapMib + "m", "-XX:+ExitOnOutOfMemoryError");
    }

    /**
     * Runs the JVM of another JDK (such as JDK 25 for a warning only it prints) instead of the
     * test's own. The test's classes must run on it.
     *
     * @param home the JDK's home directory, holding {@code bin/java}
     * @return this
     */
    public ForkedJvm javaHome(Path home) {
        this.javaHome = home;
        return this;
    }

    /**
     * Sets how long {@link #run} waits before it kills the JVM and fails.
     *
     * @param seconds the timeout in seconds
     * @return this
     */
    public ForkedJvm timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /**
     * Starts the JVM with {@code args} for the main class and waits for it to exit.
     *
     * @param args the main class's arguments
     * @return its exit code and output
     * @throws IOException if the JVM cannot be started or its output not read
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if it is still running after the timeout (it is then killed)
     */
    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // Surefire runs tests from a manifest-only jar; the real class path is in this property.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        Path output = Files.createTempFile("forked-jvm-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(mainClass.getSimpleName() + " " + String.join(" ", args)
                        + ": forked JVM still running after " + timeoutSeconds + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(describe(args), process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String describe(String... args) {
        return String.join(" ", jvmOptions) + " " + mainClass.getSimpleName() + " " + String.join(" ", args);
    }

    /**
     * A finished JVM.
     *
     * @param command the JVM options, main class and arguments, for messages
     * @param exitCode its exit code
     * @param output its standard output and error, merged
     */
    public record Result(String command, int exitCode, String output) {

        /**
         * Returns the output on one line: stripped, line breaks shown as {@code " | "}.
         *
         * @return the output
         */
        public String oneLine() {
            return output.strip().replace(System.lineSeparator(), " | ");
        }

        /**
         * Asserts that the JVM exited with 0 and did not run out of memory.
         *
         * @return this
         */
        public Result assertSucceeded() {
            assertThat(exitCode).as("exit code of %s; output:%n%s", command, output).isZero();
            assertThat(output).doesNotContain("OutOfMemoryError");
            return this;
        }

        /**
         * Asserts that the JVM failed because its heap ran out (the injected-allocation run).
         *
         * @return this
         */
        public Result assertRanOutOfHeap() {
            assertThat(exitCode).as("exit code of %s; output:%n%s", command, output).isNotZero();
            assertThat(output).contains(OUT_OF_HEAP);
            return this;
        }

        /**
         * Returns the {@code key=value} pairs of the line that starts with {@code prefix} and a
         * space, such as {@code RESULT a=1 b=2}.
         *
         * @param prefix the line's first word
         * @return the pairs; an assertion fails if no such line has any
         */
        public Map<String, String> pairs(String prefix) {
            Map<String, String> pairs = new HashMap<>();
            String start = prefix + " ";
            for (String line : output.split("\\R")) {
                if (line.startsWith(start)) {
                    for (String pair : line.substring(start.length()).split(" ")) {
                        int eq = pair.indexOf('=');
                        pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            assertThat(pairs).as("%s line in output:%n%s", prefix, output).isNotEmpty();
            return pairs;
        }
    }
}
