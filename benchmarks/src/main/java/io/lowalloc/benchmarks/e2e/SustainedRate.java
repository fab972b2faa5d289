package io.lowalloc.benchmarks.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sustained-rate search: per row, the highest offered rate at which every span offered is
 * exported — exported/s equal to offered/s with 0 drops and 0 failed exports over the window,
 * through the same {@link OtlpSink} as {@link FixedRateLoad} and with its run (one fresh JVM per
 * probe, the same producer loop and counters).
 *
 * <p>Besides the OTLP rows, the in-process rows of {@link E2eRows#READING_ROWS} search the same way
 * through a no-op exporter that reads every field (the sink then counts nothing, and is not asked to).
 *
 * <p>A rate <i>holds</i> when the run dropped nothing, no export failed, the sink counted every
 * exported span (OTLP rows), and the producer achieved at least {@value #ACHIEVED_SHARE} of the offered rate
 * (otherwise the limit found would be the producer's, not the pipeline's; the result says which
 * failed). The search doubles from {@code --start-rate} until a rate fails (or
 * {@code --max-rate} holds), bisects geometrically between the highest rate that held and the
 * lowest that failed until they are within {@code --resolution}, each probe warming up
 * {@code --probe-warmup-seconds} and measuring {@code --probe-seconds}; then confirms the rate found
 * with a full {@code --warmup-seconds} + {@code --seconds} run, stepping down by the resolution
 * up to {@value #CONFIRM_ATTEMPTS} times if the confirmation fails.
 *
 * <p>Options (defaults): {@code --rows} ({@code sdkBatch,lowalloc,native,sdkPooled}), {@code --start-rate}
 * (50000), {@code --min-rate} (1000; the search gives up below it and reports 0), {@code --max-rate}
 * (4000000), {@code --resolution} (0.05), {@code --probe-seconds} (5), {@code --probe-warmup-seconds} (2), {@code --warmup-seconds} (5), {@code --seconds} (60),
 * {@code --jvm-options}, {@code --sink-jvm-options}, {@code --out-dir}, {@code --name}
 * ({@code e2e-sustained-rate}). {@code --runs} and {@code --rate} are not used.
 */
public final class SustainedRate {

    /** The share of the offered rate the producer must achieve for a rate to hold. */
    public static final double ACHIEVED_SHARE = 0.99;
    /** How many full-window confirmations are tried before giving up. */
    public static final int CONFIRM_ATTEMPTS = 3;

    private SustainedRate() {
    }

    /**
     * Runs the search for every row and writes {@code <out-dir>/<name>.json} and {@code .md}.
     *
     * @param args see the class description
     * @throws Exception if a run fails (its output is in the message)
     */
    public static void main(String[] args) throws Exception {
        run(E2eOptions.parse(args, defaults()));
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = E2eOptions.common("e2e-sustained-rate", FixedRateLoad.DEFAULT_RATE,
                List.of(E2eRows.SDK_BATCH, E2eRows.LOWALLOC, E2eRows.NATIVE, E2eRows.SDK_POOLED));
        defaults.put("start-rate", "50000");
        defaults.put("min-rate", "1000");
        defaults.put("max-rate", "4000000");
        defaults.put("resolution", "0.05");
        defaults.put("probe-seconds", "5");
        defaults.put("probe-warmup-seconds", "2");
        return defaults;
    }

    /** Runs the search for every row and writes the table; returns it. */
    static RunTable run(E2eOptions options) throws IOException, InterruptedException {
        List<String> rows = options.list("rows");
        long startRate = options.positiveLong("start-rate");
        long maxRate = options.positiveLong("max-rate");
        long minRate = options.positiveLong("min-rate");
        double resolution = options.positiveDouble("resolution");
        options.positiveDouble("probe-seconds");
        options.nonNegativeDouble("probe-warmup-seconds");
        FixedRateLoad.validate(options);
        if (startRate > maxRate || startRate < minRate) {
            throw new IllegalArgumentException("start-rate must be in [min-rate, max-rate] = [" + minRate + ", "
                    + maxRate + "], was: " + startRate);
        }
        rows.forEach(E2eRows::create);
        RunTable table = new RunTable("SustainedRate", options.asMap());
        List<Map<String, Object>> probes = new ArrayList<>();
        SinkProcess sink = SinkProcess.start(options.words("sink-jvm-options"));
        try {
            for (String row : rows) {
                table.add(row, 1, search(options, row, sink.port(), startRate, minRate, maxRate, resolution, probes));
            }
        } finally {
            sink.close();
        }
        table.put("sinkFinal", sink.finalStats());
        table.put("probes", probes);
        table.write(options.path("out-dir"), options.string("name"), List.of(
                new RunTable.Column("sustained spans/s", "sustainedRate", 0),
                new RunTable.Column("exported/s in the confirming window", "windowExportedPerSecond", 0),
                new RunTable.Column("lowest failing probe spans/s", "lowestFailingRate", 0),
                new RunTable.Column("probes", "probes", 0),
                new RunTable.Column("process CPU ns/span", "processCpuNsPerSpan", 0),
                new RunTable.Column("B/span all threads", "allThreadsBytesPerSpan", 1),
                new RunTable.Column("GCs", "gcCount", 0)),
                "sustained: the highest offered rate that held (0 dropped, 0 failed, sink = exported, producer ≥ "
                        + ACHIEVED_SHARE + " of the rate) in a full confirming window; lowest failing probe: the"
                        + " lowest rate that did not hold in a probe (– if max-rate held); the JSON lists every"
                        + " probe and why it failed.");
        return table;
    }

    private static Map<String, Double> search(E2eOptions options, String row, int port, long startRate, long minRate,
            long maxRate,
            double resolution, List<Map<String, Object>> probes) throws IOException, InterruptedException {
        Map<String, String> probe = Map.of("seconds", options.string("probe-seconds"),
                "warmup-seconds", options.string("probe-warmup-seconds"));
        long held = 0;
        long failed = Long.MAX_VALUE;
        long rate = startRate;
        int count = 0;
        // Up: double until a rate fails or max-rate holds; down: halve until one holds or min-rate is passed.
        while (true) {
            count++;
            if (holds(probe(options, row, port, rate, probe, "probe", probes))) {
                held = rate;
                if (rate >= maxRate || failed != Long.MAX_VALUE) {
                    break;
                }
                rate = Math.min(maxRate, rate * 2);
            } else {
                failed = rate;
                if (held > 0) {
                    break;
                }
                rate /= 2;
                if (rate < minRate) {
                    break;
                }
            }
        }
        while (held > 0 && failed != Long.MAX_VALUE && (double) failed / held > 1 + resolution) {
            long mid = Math.round(Math.sqrt((double) held * failed));
            count++;
            if (holds(probe(options, row, port, mid, probe, "probe", probes))) {
                held = mid;
            } else {
                failed = mid;
            }
        }
        Map<String, Double> confirmed = null;
        long candidate = held;
        for (int attempt = 0; attempt < CONFIRM_ATTEMPTS && candidate > 0; attempt++) {
            count++;
            Map<String, Double> r = probe(options, row, port, candidate, Map.of(), "confirm", probes);
            if (holds(r)) {
                confirmed = r;
                break;
            }
            failed = Math.min(failed, candidate);
            candidate = Math.round(candidate / (1 + resolution));
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("sustainedRate", confirmed == null ? 0.0 : candidate);
        result.put("lowestFailingRate", failed == Long.MAX_VALUE ? Double.NaN : failed);
        result.put("probes", (double) count);
        if (confirmed != null) {
            result.putAll(confirmed);
            result.put("sustainedRate", (double) candidate);
        }
        return result;
    }

    private static Map<String, Double> probe(E2eOptions options, String row, int port, long rate,
            Map<String, String> window, String kind, List<Map<String, Object>> probes)
            throws IOException, InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>(window);
        overrides.put("rate", Long.toString(rate));
        System.out.println("SustainedRate row " + row + " " + kind + " at " + rate + " spans/s, load average "
                + RunTable.loadAverage());
        Map<String, Double> r = FixedRateLoad.runInJvm(options, row, port, overrides);
        String verdict = verdict(r);
        System.out.println("  " + (verdict.isEmpty() ? "held" : "failed: " + verdict));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("row", row);
        entry.put("kind", kind);
        entry.put("rate", rate);
        entry.put("held", verdict.isEmpty());
        entry.put("why", verdict);
        entry.put("figures", r);
        probes.add(entry);
        return r;
    }

    static boolean holds(Map<String, Double> r) {
        return verdict(r).isEmpty();
    }

    /** Why a run did not hold its rate; empty if it did. */
    static String verdict(Map<String, Double> r) {
        List<String> why = new ArrayList<>();
        if (r.get("dropped") != 0) {
            why.add(String.format(Locale.ROOT, "%.0f dropped", r.get("dropped")));
        }
        if (r.get("failed") != 0) {
            why.add(String.format(Locale.ROOT, "%.0f in failed exports", r.get("failed")));
        }
        if (r.getOrDefault("exportsToSink", 1.0) != 0 && !r.get("sinkSpans").equals(r.get("exported"))) {
            why.add(String.format(Locale.ROOT, "sink counted %.0f of %.0f exported", r.get("sinkSpans"),
                    r.get("exported")));
        }
        if (r.get("achievedRate") < ACHIEVED_SHARE * r.get("rate")) {
            why.add(String.format(Locale.ROOT, "producer achieved only %.0f spans/s", r.get("achievedRate")));
        }
        return String.join(", ", why);
    }
}
