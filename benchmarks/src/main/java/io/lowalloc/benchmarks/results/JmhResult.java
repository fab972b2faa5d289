package io.lowalloc.benchmarks.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a JMH {@code -rf json} file: the benchmark, its mode, threads and parameters, the
 * primary score and the secondary metrics (with {@code -prof gc}: {@code gc.alloc.rate.norm} in
 * B/op, among others). Fields of the file not named here (JVM, iteration settings, raw data) are
 * ignored. Immutable.
 *
 * @param benchmark the fully qualified benchmark name, e.g. {@code io.lowalloc.benchmarks.pool.PoolBenchmark.stormpot}
 * @param mode JMH's short mode name, e.g. {@code thrpt} or {@code avgt}
 * @param threads the number of benchmark threads
 * @param params the parameter values by name, in file order (empty if the benchmark has none)
 * @param primaryMetric the score (a metric with NaN values if the file has none)
 * @param secondaryMetrics the secondary metrics by name, in file order (empty if there are none)
 */
public record JmhResult(
        String benchmark,
        String mode,
        int threads,
        Map<String, String> params,
        Metric primaryMetric,
        Map<String, Metric> secondaryMetrics) {

    /**
     * Normalises absent parts: no parameters and no secondary metrics become empty maps, no primary
     * metric becomes {@link Metric#ABSENT}; the maps are copied and unmodifiable.
     */
    public JmhResult {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        primaryMetric = primaryMetric == null ? Metric.ABSENT : primaryMetric;
        secondaryMetrics = secondaryMetrics == null
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(secondaryMetrics));
    }

    /**
     * One metric as JMH writes it: a score, the half-width of its 99.9 % confidence interval and
     * the unit. JMH writes {@code "NaN"} for an error it could not compute (one iteration); it reads
     * as {@link Double#NaN}.
     *
     * @param score the mean score
     * @param scoreError the 99.9 % confidence half-width, NaN if JMH gave none
     * @param scoreUnit e.g. {@code ops/s}, {@code ns/op}, {@code B/op}
     */
    public record Metric(double score, double scoreError, String scoreUnit) {

        /** What {@link JmhResult#secondary(String)} returns for a metric the file does not have. */
        public static final Metric ABSENT = new Metric(Double.NaN, Double.NaN, "");
    }

    /**
     * Reads every result of a JMH JSON file.
     *
     * @param file the file written by {@code -rf json -rff FILE}
     * @return the results in file order
     * @throws IOException if the file cannot be read or (naming it) is not a JSON array of results
     */
    public static List<JmhResult> read(Path file) throws IOException {
        return List.of(ResultJson.read(file, JmhResult[].class));
    }

    /**
     * Parses the text of a JMH JSON file.
     *
     * @param json a JSON array of results
     * @return the results in array order
     * @throws com.google.gson.JsonParseException if the text is not a JSON array of results
     */
    public static List<JmhResult> parse(String json) {
        return List.of(ResultJson.fromJson(json, JmhResult[].class));
    }

    /**
     * Returns the method name: the part of the benchmark name after the last dot (for a JMH group,
     * the group name).
     *
     * @return e.g. {@code oneProducer}
     */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * Returns a parameter value.
     *
     * @param name the parameter
     * @return its value, or null if the benchmark has no such parameter
     */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * Returns a secondary metric.
     *
     * @param name e.g. {@code gc.alloc.rate.norm}
     * @return the metric, or {@link Metric#ABSENT} (NaN score and error) if the file has none of that name
     */
    public Metric secondary(String name) {
        return secondaryMetrics.getOrDefault(name, Metric.ABSENT);
    }
}
