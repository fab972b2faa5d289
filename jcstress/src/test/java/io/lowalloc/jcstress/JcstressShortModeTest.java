package io.lowalloc.jcstress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.grading.TestGrading;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Runs every jcstress test of this module in the short mode that CI runs, in a forked JVM (which
 * forks one more JVM per test and configuration), then reads jcstress's result file and fails if
 * any test observed a forbidden outcome, ended in an error, collected no samples or did not run.
 *
 * <p>Skipped with {@code -Djcstress.skip=true}. The run's console output and HTML report stay in
 * {@code target/jcstress-short/}.
 */
class JcstressShortModeTest {

    /** The tests this module holds (and the only ones on the class path). */
    static final String TEST_FILTER = "^io\\.lowalloc\\.";

    /**
     * The short mode: jcstress's quick preset (5 iterations of 200 ms, one fork), one JVM
     * configuration (C2 only; jcstress still runs it with and without biased locking), no split
     * per-actor compilation and no CPU pinning, on 2 CPUs. The README gives the full-mode command.
     */
    static final List<String> SHORT_MODE = List.of(
            "-m", "quick", "-c", "2", "-af", "NONE", "-sc", "false",
            "-jvmArgs", "-XX:-TieredCompilation", "-t", TEST_FILTER);

    private static final long RUN_TIMEOUT_MINUTES = 30;

    @Test
    void everyRaceTestPassesInShortMode() throws Exception {
        assumeThat(Boolean.getBoolean("jcstress.skip")).as("-Djcstress.skip=true").isFalse();
        assertThat(Runtime.getRuntime().availableProcessors())
                .as("the two-actor race tests need 2 CPUs")
                .isGreaterThanOrEqualTo(2);

        // jcstress writes its result file and HTML report into the working directory.
        Path workDir = Paths.get("target", "jcstress-short").toAbsolutePath();
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Path console = workDir.resolve("jcstress.out");

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(testClassPath());
        command.add("org.openjdk.jcstress.Main");
        command.addAll(SHORT_MODE);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        long start = System.nanoTime();
        if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("jcstress did not finish within " + RUN_TIMEOUT_MINUTES + " minutes; output: " + console);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.println("jcstress short mode took " + seconds + " s; output in " + console);

        List<String> problems = new ArrayList<>();
        Map<String, TestResult> results = readResults(workDir, problems);
        Pattern filter = Pattern.compile(TEST_FILTER);
        TreeSet<String> expected = TestList.tests().stream()
                .filter(name -> filter.matcher(name).find())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).as("jcstress tests on the class path").isNotEmpty();
        for (String name : expected) {
            TestResult result = results.get(name);
            if (result == null) {
                problems.add(name + ": did not run");
            } else {
                problems.addAll(check(result));
            }
        }
        if (process.exitValue() != 0 && problems.isEmpty()) {
            problems.add("jcstress exited with " + process.exitValue());
        }
        if (!problems.isEmpty()) {
            fail("jcstress short mode failed (output: " + console + "):\n  "
                    + String.join("\n  ", problems) + "\n" + tail(console, 60));
        }
    }

    /** Reads the one result file of the run, merged across configurations, by test name. */
    private static Map<String, TestResult> readResults(Path workDir, List<String> problems)
            throws IOException, ClassNotFoundException {
        List<Path> files;
        try (Stream<Path> list = Files.list(workDir)) {
            files = list.filter(p -> p.getFileName().toString().matches("jcstress-results-.*\\.bin\\.gz"))
                    .collect(Collectors.toList());
        }
        Map<String, TestResult> byName = new TreeMap<>();
        if (files.size() != 1) {
            problems.add("expected one jcstress result file in " + workDir + ", found " + files);
            return byName;
        }
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(files.get(0).toString(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        for (TestResult merged : ReportUtils.mergedByName(collector.getTestResults())) {
            byName.put(merged.getName(), merged);
        }
        return byName;
    }

    /** What is wrong with one test's merged result; empty if it passed. */
    private static List<String> check(TestResult result) {
        List<String> problems = new ArrayList<>();
        String name = result.getName();
        if (result.status() != Status.NORMAL) {
            problems.add(name + ": " + result.status() + " " + result.getMessages());
            return problems;
        }
        TestGrading grading = result.grading();
        if (!grading.isPassed) {
            for (String message : grading.failureMessages) {
                problems.add(name + ": " + message + " (" + counts(result) + ")");
            }
        }
        if (result.getTotalCount() == 0) {
            problems.add(name + ": no samples");
        }
        return problems;
    }

    private static String counts(TestResult result) {
        return result.getStateKeys().stream()
                .sorted()
                .map(key -> "[" + key + "] x " + result.getCount(key))
                .collect(Collectors.joining(", "));
    }

    /**
     * The class path of this test JVM: surefire passes it in {@code surefire.test.class.path}
     * when {@code java.class.path} only names its manifest-only booter jar.
     */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        if (classPath == null || classPath.isEmpty()) {
            classPath = System.getProperty("java.class.path");
        }
        return classPath;
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
