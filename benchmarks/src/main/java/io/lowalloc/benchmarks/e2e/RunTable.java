package io.lowalloc.benchmarks.e2e;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runs of one harness, row by row, and what is written of them: a JSON file with every run and
 * the per-row median, minimum and maximum of every figure, and a markdown table of chosen columns
 * ({@code median (min–max)} per cell). Not thread-safe.
 */
final class RunTable {

    /** One markdown column: header, figure, decimals. */
    record Column(String header, String key, int decimals) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private final String harness;
    private final Map<String, String> options;
    private final String loadAverageStart = loadAverage();
    private final String started = Instant.now().toString();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private final Map<String, List<Map<String, Double>>> byRow = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    RunTable(String harness, Map<String, String> options) {
        this.harness = harness;
        this.options = options;
    }

    /** Adds one run of {@code row}. */
    void add(String row, int run, Map<String, Double> figures) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("row", row);
        entry.put("run", run);
        entry.putAll(figures);
        runs.add(entry);
        byRow.computeIfAbsent(row, r -> new ArrayList<>()).add(figures);
    }

    /** Adds a top-level entry to the JSON (e.g. the sink's final stats). */
    void put(String key, Object value) {
        extra.put(key, value);
    }

    /** The runs of a row, in the order added. */
    List<Map<String, Double>> runs(String row) {
        return byRow.getOrDefault(row, List.of());
    }

    /** The median of {@code key} over the runs of {@code row}; NaN if there are none. */
    double median(String row, String key) {
        return stats(row, key)[0];
    }

    /** {median, min, max} of {@code key} over the runs of {@code row} that have it; NaNs if none. */
    double[] stats(String row, String key) {
        double[] values = runs(row).stream().filter(r -> r.containsKey(key)).mapToDouble(r -> r.get(key)).toArray();
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        Arrays.sort(values);
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new double[] {median, values[0], values[n - 1]};
    }

    /**
     * Adds {@code key + "Net"} to every run: the figure minus the median of {@code baselineRow}'s,
     * when that row was run.
     */
    void subtractBaseline(String baselineRow, String key) {
        if (!byRow.containsKey(baselineRow)) {
            return;
        }
        double baseline = median(baselineRow, key);
        for (Map<String, Object> run : runs) {
            Object value = run.get(key);
            if (value instanceof Double) {
                run.put(key + "Net", (Double) value - baseline);
            }
        }
        for (List<Map<String, Double>> rowRuns : byRow.values()) {
            for (Map<String, Double> run : rowRuns) {
                if (run.containsKey(key)) {
                    run.put(key + "Net", run.get(key) - baseline);
                }
            }
        }
    }

    /** The markdown table of {@code columns}, one line per row. */
    String markdown(List<Column> columns) {
        StringBuilder md = new StringBuilder("| row | runs |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (Column c : columns) {
            md.append(' ').append(c.header()).append(" |");
            rule.append("---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (String row : byRow.keySet()) {
            md.append("| ").append(row).append(" | ").append(byRow.get(row).size()).append(" |");
            for (Column c : columns) {
                double[] s = stats(row, c.key());
                md.append(' ').append(format(s[0], c.decimals()));
                if (byRow.get(row).size() > 1 && !Double.isNaN(s[0])) {
                    md.append(" (").append(format(s[1], c.decimals())).append("–").append(format(s[2], c.decimals()))
                            .append(')');
                }
                md.append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Writes {@code <outDir>/<name>.json} and {@code <outDir>/<name>.md} and prints the markdown.
     *
     * @return the JSON file
     */
    Path write(Path outDir, String name, List<Column> columns, String legend) throws IOException {
        Files.createDirectories(outDir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("harness", harness);
        json.put("started", started);
        json.put("finished", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        json.put("loadAverageStart", loadAverageStart);
        json.put("loadAverageEnd", loadAverage());
        json.put("options", options);
        json.putAll(extra);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String row : byRow.keySet()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            for (Map<String, Double> run : byRow.get(row)) {
                for (String key : run.keySet()) {
                    if (!keys.contains(key)) {
                        keys.add(key);
                    }
                }
            }
            for (String key : keys) {
                double[] s = stats(row, key);
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("median", s[0]);
                m.put("min", s[1]);
                m.put("max", s[2]);
                figures.put(key, m);
            }
            summary.put(row, figures);
        }
        json.put("summary", summary);
        json.put("runs", runs);
        Path jsonFile = outDir.resolve(name + ".json");
        Files.write(jsonFile, GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
        String md = "<!-- " + harness + " " + String.join(" ", flatten(options)) + " -->\n"
                + "Load average " + loadAverageStart + " → " + loadAverage() + "; median (min–max) over the runs.\n\n"
                + markdown(columns) + (legend.isEmpty() ? "" : "\n" + legend + "\n");
        Files.write(outDir.resolve(name + ".md"), md.getBytes(StandardCharsets.UTF_8));
        System.out.println(md);
        System.out.println("wrote " + jsonFile + " and " + outDir.resolve(name + ".md"));
        return jsonFile;
    }

    private static List<String> flatten(Map<String, String> options) {
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> args.add("--" + k + " '" + v + "'"));
        return args;
    }

    static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        // + 0.0 turns -0.0 (a row minus its own median) into 0.0, which prints without a sign.
        return String.format(Locale.ROOT, "%,." + decimals + "f", value + 0.0);
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" where /proc/loadavg is missing. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
