package io.lowalloc.benchmarks.e2e;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A harness's command line: {@code --name value} pairs, each name one of those the harness
 * declares with its default. Immutable once parsed.
 */
final class E2eOptions {

    private final Map<String, String> values;

    private E2eOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args} against {@code defaults} (option name without {@code --} → default value).
     *
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    static E2eOptions parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String name = option.startsWith("--") ? option.substring(2) : null;
            if (name == null || !defaults.containsKey(name)) {
                throw new IllegalArgumentException("unknown option: " + option + " (known: --"
                        + String.join(", --", defaults.keySet()) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new E2eOptions(values);
    }

    /** The options common to every harness, with their defaults, in command-line order. */
    static Map<String, String> common(String name, long rate, List<String> rows) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("rows", String.join(",", rows));
        defaults.put("runs", "5");
        defaults.put("rate", Long.toString(rate));
        defaults.put("warmup-seconds", "5");
        defaults.put("seconds", "60");
        defaults.put("jvm-options", "-Xmx64m -XX:+UseG1GC");
        defaults.put("sink-jvm-options", "-Xmx256m -XX:+UseG1GC");
        defaults.put("out-dir", "benchmarks/results");
        defaults.put("name", name);
        // Set by the harness for the JVM of one run; not for the command line.
        defaults.put("child", "false");
        defaults.put("row", "");
        defaults.put("sink-port", "0");
        return defaults;
    }

    String string(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    long positiveLong(String name) {
        long value = parseLong(name);
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was: " + value);
        }
        return value;
    }

    long nonNegativeLong(String name) {
        long value = parseLong(name);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was: " + value);
        }
        return value;
    }

    double positiveDouble(String name) {
        double value = parseDouble(name);
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was: " + values.get(name));
        }
        return value;
    }

    double nonNegativeDouble(String name) {
        double value = parseDouble(name);
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, was: " + values.get(name));
        }
        return value;
    }

    List<String> list(String name) {
        List<String> list = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            if (!part.isBlank()) {
                list.add(part.trim());
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(name + " must name at least one, was: \"" + values.get(name) + "\"");
        }
        return list;
    }

    List<String> words(String name) {
        String value = values.get(name).trim();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    Path path(String name) {
        return Paths.get(values.get(name));
    }

    /** The options as given (defaults filled in), for the result file. */
    Map<String, String> asMap() {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove("child");
        copy.remove("row");
        copy.remove("sink-port");
        return copy;
    }

    /**
     * The arguments that make a run's JVM see these options, plus {@code --child true}, the row and the sink's port,
     * with {@code overrides} replacing values; only the options in {@code childOptions} (those the run's main knows).
     */
    List<String> childArgs(String row, int sinkPort, Map<String, String> overrides, Set<String> childOptions) {
        Map<String, String> child = new LinkedHashMap<>(values);
        child.keySet().retainAll(childOptions);
        child.putAll(overrides);
        child.put("child", "true");
        child.put("row", row);
        child.put("sink-port", Integer.toString(sinkPort));
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> e : child.entrySet()) {
            args.add("--" + e.getKey());
            args.add(e.getValue());
        }
        return args;
    }

    private long parseLong(String name) {
        try {
            return Long.parseLong(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was: " + values.get(name), e);
        }
    }

    private double parseDouble(String name) {
        try {
            return Double.parseDouble(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was: " + values.get(name), e);
        }
    }
}
