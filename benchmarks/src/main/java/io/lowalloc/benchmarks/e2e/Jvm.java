package io.lowalloc.benchmarks.e2e;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts fresh JVMs on this JVM's class path: the sink, and each measured run of a row, so that no
 * run inherits another's heap, JIT profile or threads. A run prints its result as one line
 * {@value #RESULT_PREFIX}{@code {json}}, a flat object of numbers.
 */
final class Jvm {

    /** Prefix of a run's result line. */
    static final String RESULT_PREFIX = "E2E-RESULT ";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private Jvm() {
    }

    /** The command line that runs {@code main} with {@code jvmOptions} and {@code args}. */
    static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // Surefire runs tests from a manifest-only jar; the real class path is in this property.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code main} in a fresh JVM, waits up to {@code timeoutSeconds} and returns the numbers of
     * its result line.
     *
     * @throws IOException if it exits with a non-zero code, prints no result line or times out
     *     (it is then killed); the message carries its output
     */
    static Map<String, Double> runForResult(List<String> jvmOptions, Class<?> main, List<String> args,
            long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("e2e-run-", ".log");
        try {
            Process process = new ProcessBuilder(command(jvmOptions, main, args)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " still running after "
                        + timeoutSeconds + " s, killed; output:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            String result = null;
            for (String line : lines) {
                if (line.startsWith(RESULT_PREFIX)) {
                    result = line.substring(RESULT_PREFIX.length());
                }
            }
            if (process.exitValue() != 0 || result == null) {
                throw new IOException(main.getSimpleName() + " " + String.join(" ", args) + " exited with "
                        + process.exitValue() + (result == null ? " and no result line" : "") + "; output:\n"
                        + String.join("\n", lines));
            }
            for (String line : lines) {
                if (!line.startsWith(RESULT_PREFIX)) {
                    // Warnings from the run (e.g. the exporter's) belong in the harness's own output.
                    System.out.println("  | " + line);
                }
            }
            return parseResult(result);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Prints {@code result} as this JVM's result line. */
    static void printResult(Map<String, Double> result) {
        System.out.println(RESULT_PREFIX + GSON.toJson(result));
        System.out.flush();
    }

    static Map<String, Double> parseResult(String json) {
        JsonObject object = GSON.fromJson(json, JsonObject.class);
        Map<String, Double> result = new LinkedHashMap<>();
        for (String key : object.keySet()) {
            result.put(key, object.get(key).getAsDouble());
        }
        return result;
    }
}
