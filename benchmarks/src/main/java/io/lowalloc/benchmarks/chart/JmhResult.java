package io.lowalloc.benchmarks.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One benchmark result of a JMH JSON file: name, parameters, primary and secondary metrics. */
public final class JmhResult {

    private final String benchmark;
    private final Map<String, Object> params;
    private final Map<String, Object> primary;
    private final Map<String, Object> secondary;
    private final int threads;

    private JmhResult(Map<String, Object> json) {
        this.benchmark = (String) json.get("benchmark");
        this.params = map(json.get("params"));
        this.primary = map(json.get("primaryMetric"));
        this.secondary = map(json.get("secondaryMetrics"));
        this.threads = (int) MiniJson.number(json.get("threads"));
    }

    /**
     * Reads every result of a JMH JSON file.
     *
     * @param file the file written by {@code -rf json -rff FILE}
     * @return the results in file order
     * @throws IOException if the file cannot be read
     */
    public static List<JmhResult> read(Path file) throws IOException {
        Object parsed = MiniJson.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        List<JmhResult> results = new ArrayList<>();
        for (Object o : (List<?>) parsed) {
            results.add(new JmhResult(map(o)));
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Collections.emptyMap() : (Map<String, Object>) o;
    }

    /**
     * Returns the method name: the part of the benchmark name after the last dot.
     *
     * @return e.g. {@code oneProducer}
     */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * Returns the fully qualified benchmark name.
     *
     * @return the name
     */
    public String benchmark() {
        return benchmark;
    }

    /**
     * Returns the number of benchmark threads.
     *
     * @return threads
     */
    public int threads() {
        return threads;
    }

    /**
     * Returns a parameter value.
     *
     * @param name the parameter
     * @return its value, or null
     */
    public String param(String name) {
        Object v = params.get(name);
        return v == null ? null : v.toString();
    }

    /**
     * Returns the primary score.
     *
     * @return the score in {@link #unit()}
     */
    public double score() {
        return MiniJson.number(primary.get("score"));
    }

    /**
     * Returns the primary score's 99.9 % error half-width.
     *
     * @return the error, NaN if JMH gave none
     */
    public double error() {
        return MiniJson.number(primary.get("scoreError"));
    }

    /**
     * Returns the primary score's unit.
     *
     * @return e.g. {@code ops/s}
     */
    public String unit() {
        return (String) primary.get("scoreUnit");
    }

    /**
     * Returns a secondary metric's score.
     *
     * @param name e.g. {@code gc.alloc.rate.norm}
     * @return the score, NaN if absent
     */
    public double secondary(String name) {
        return MiniJson.number(map(secondary.get(name)).get("score"));
    }

    /**
     * Returns a secondary metric's error.
     *
     * @param name e.g. {@code gc.alloc.rate.norm}
     * @return the error, NaN if absent
     */
    public double secondaryError(String name) {
        return MiniJson.number(map(secondary.get(name)).get("scoreError"));
    }
}
