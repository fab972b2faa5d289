package io.lowalloc.benchmarks.e2e;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The request-latency table: a simulated request loop at a fixed rate on one thread, each request
 * doing {@code --work-iterations} steps of a fixed arithmetic loop and recording one table 2 span
 * through the row (row {@code none}: no span), exported over OTLP/HTTP to one {@link OtlpSink}
 * in its own JVM. Open loop: request {@code i} is due at {@code start + i / rate}; its latency is
 * measured from that intended start to its end, so a stall delays every request due during it and
 * shows up in the histogram rather than being hidden by a late start (coordinated omission).
 * Latencies go into an HdrHistogram (3 significant digits, up to {@value #HIGHEST_SECONDS} s;
 * longer ones are recorded as that and counted in {@code clamped}), reset after the warm-up.
 *
 * <p>Between requests the loop waits for the next intended start by spinning
 * ({@code --wait spin}, the default: the loop's own wake-up then adds nothing to a latency) or by
 * {@code LockSupport.parkNanos} ({@code --wait park}: leaves the core to the export worker and the
 * sink, but every latency then includes the timer's wake-up delay). Each run is a fresh JVM; runs
 * are interleaved as in {@link FixedRateLoad}.
 *
 * <p>Options (defaults): {@code --rows} ({@code none,sdkBatch,lowalloc,native}), {@code --runs} (5),
 * {@code --rate} (50000 requests/s), {@code --warmup-seconds} (5), {@code --seconds} (60),
 * {@code --work-iterations} (200), {@code --wait} ({@code spin}), {@code --jvm-options},
 * {@code --sink-jvm-options}, {@code --out-dir}, {@code --name} ({@code e2e-request-latency}).
 *
 * <p>Per run: {@code p50Micros}, {@code p90Micros}, {@code p99Micros}, {@code p999Micros},
 * {@code maxMicros}, {@code meanMicros}, {@code requests}, {@code achievedRate},
 * {@code processCpuNsPerRequest}, {@code gcCount}, {@code gcMillis}, and the totals of
 * {@link FixedRateLoad} ({@code exported}, {@code dropped}, {@code sinkSpans}, ...); the table adds
 * each percentile minus the median of row {@code none} ({@code ...Net}); the markdown and the JSON
 * summary give every figure as the median and the min–max spread over the runs.
 */
public final class RequestLatency {

    /** The default rate: {@value} requests per second. */
    public static final long DEFAULT_RATE = 50_000L;
    /** The highest latency the histogram resolves, in seconds. */
    public static final int HIGHEST_SECONDS = 60;

    private static final long HIGHEST_NANOS = HIGHEST_SECONDS * 1_000_000_000L;
    private static final String[] PERCENTILES = {"p50Micros", "p90Micros", "p99Micros", "p999Micros", "maxMicros"};

    /** Where the work's result goes, so that the JIT cannot drop the work. */
    private static volatile long workSink;

    private RequestLatency() {
    }

    /**
     * Runs the table and writes {@code <out-dir>/<name>.json} and {@code .md}.
     *
     * @param args see the class description
     * @throws Exception if a run fails (its output is in the message)
     */
    public static void main(String[] args) throws Exception {
        E2eOptions options = E2eOptions.parse(args, defaults());
        if (options.flag("child")) {
            Jvm.printResult(runChild(options));
            System.exit(0);
        }
        run(options);
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = E2eOptions.common("e2e-request-latency", DEFAULT_RATE,
                List.of(E2eRows.NONE, E2eRows.SDK_BATCH, E2eRows.LOWALLOC, E2eRows.NATIVE));
        defaults.put("work-iterations", "200");
        defaults.put("wait", "spin");
        return defaults;
    }

    /** Runs every row {@code --runs} times, interleaved, and writes the table; returns it. */
    static RunTable run(E2eOptions options) throws IOException, InterruptedException {
        List<String> rows = options.list("rows");
        long runs = options.positiveLong("runs");
        validate(options);
        rows.forEach(E2eRows::create);
        RunTable table = new RunTable("RequestLatency", options.asMap());
        long timeout = (long) (options.positiveDouble("seconds") + options.nonNegativeDouble("warmup-seconds")) + 180;
        SinkProcess sink = SinkProcess.start(options.words("sink-jvm-options"));
        try {
            for (int run = 1; run <= runs; run++) {
                for (String row : rows) {
                    System.out.println("RequestLatency run " + run + "/" + runs + " row " + row + ", load average "
                            + RunTable.loadAverage());
                    table.add(row, run, Jvm.runForResult(options.words("jvm-options"), RequestLatency.class,
                            options.childArgs(row, sink.port(), Map.of(), defaults().keySet()), timeout));
                }
            }
        } finally {
            sink.close();
        }
        table.put("sinkFinal", sink.finalStats());
        for (String p : PERCENTILES) {
            table.subtractBaseline(E2eRows.NONE, p);
        }
        table.write(options.path("out-dir"), options.string("name"), List.of(
                new RunTable.Column("requests/s", "achievedRate", 0),
                new RunTable.Column("p50 µs", "p50Micros", 2),
                new RunTable.Column("p90 µs", "p90Micros", 2),
                new RunTable.Column("p99 µs", "p99Micros", 2),
                new RunTable.Column("p99.9 µs", "p999Micros", 2),
                new RunTable.Column("max µs", "maxMicros", 0),
                new RunTable.Column("p50 net µs", "p50MicrosNet", 2),
                new RunTable.Column("p90 net µs", "p90MicrosNet", 2),
                new RunTable.Column("p99 net µs", "p99MicrosNet", 2),
                new RunTable.Column("p99.9 net µs", "p999MicrosNet", 2),
                new RunTable.Column("max net µs", "maxMicrosNet", 0),
                new RunTable.Column("GCs", "gcCount", 0),
                new RunTable.Column("dropped", "dropped", 0),
                new RunTable.Column("sink spans", "sinkSpans", 0)),
                "Latency from each request's intended start (open loop); every cell is the median over the runs and"
                        + " (min–max) across them; net: each run minus the median of row none, so an overhead is"
                        + " apart from the noise only where its spread does not reach the other row's;"
                        + " wait mode " + options.string("wait") + ", " + options.string("work-iterations")
                        + " work iterations per request.");
        return table;
    }

    static void validate(E2eOptions options) {
        FixedRateLoad.validate(options);
        options.nonNegativeLong("work-iterations");
        String wait = options.string("wait");
        if (!"spin".equals(wait) && !"park".equals(wait)) {
            throw new IllegalArgumentException("wait must be one of [spin, park], was: " + wait);
        }
    }

    /** One run, in this JVM: warm up, measure, flush, close; returns the figures. */
    static Map<String, Double> runChild(E2eOptions options) throws IOException, InterruptedException {
        validate(options);
        String rowName = options.string("row");
        int port = (int) options.positiveLong("sink-port");
        long rate = options.positiveLong("rate");
        int work = (int) options.nonNegativeLong("work-iterations");
        boolean spin = "spin".equals(options.string("wait"));
        RowFactory factory = E2eRows.create(rowName);
        SinkStats sinkBase = SinkStats.fetch(port);
        Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        Map<String, Double> r = new LinkedHashMap<>();
        TracedRow row = factory.open("http://127.0.0.1:" + port + OtlpSink.TRACES_PATH);
        try {
            long[] clamped = new long[1];
            long next = loop(row, rate, options.nonNegativeDouble("warmup-seconds"), 0, work, spin, histogram, clamped);
            row.flush();
            System.gc();
            Thread.sleep(200);
            histogram.reset();
            clamped[0] = 0;
            JvmCounters c0 = JvmCounters.take();
            double seconds = options.positiveDouble("seconds");
            long end = loop(row, rate, seconds, next, work, spin, histogram, clamped);
            JvmCounters c1 = JvmCounters.take();
            double requests = end - next;
            r.put("rate", (double) rate);
            r.put("requests", requests);
            r.put("achievedRate", requests / ((c1.nanoTime() - c0.nanoTime()) / 1e9));
            r.put("p50Micros", histogram.getValueAtPercentile(50) / 1e3);
            r.put("p90Micros", histogram.getValueAtPercentile(90) / 1e3);
            r.put("p99Micros", histogram.getValueAtPercentile(99) / 1e3);
            r.put("p999Micros", histogram.getValueAtPercentile(99.9) / 1e3);
            r.put("maxMicros", histogram.getMaxValue() / 1e3);
            r.put("meanMicros", histogram.getMean() / 1e3);
            r.put("clamped", (double) clamped[0]);
            r.put("processCpuNsPerRequest", (c1.processCpuNanos() - c0.processCpuNanos()) / requests);
            r.put("threadCpuNsPerRequest", (c1.threadCpuNanos() - c0.threadCpuNanos()) / requests);
            r.put("allThreadsBytesPerRequest", (c1.allThreadsAllocated() - c0.allThreadsAllocated()) / requests);
            r.put("gcCount", (double) (c1.gcCount() - c0.gcCount()));
            r.put("gcMillis", (double) (c1.gcMillis() - c0.gcMillis()));
            r.put("offered", (double) end);
        } catch (RuntimeException | Error | InterruptedException e) {
            row.close();
            throw e;
        }
        FixedRateLoad.putTotals(r, row, rowName, port, sinkBase);
        return r;
    }

    /**
     * Runs requests {@code first, first + 1, ...} due at {@code rate} per second for
     * {@code seconds}, recording each one's latency from its intended start; returns the next
     * request number.
     */
    private static long loop(TracedRow row, long rate, double seconds, long first, int work, boolean spin,
            Histogram histogram, long[] clamped) {
        long duration = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long state = workSink | 1;
        long i = 0;
        for (;; i++) {
            long offset = i * 1_000_000_000L / rate;
            if (offset >= duration) {
                break;
            }
            long intended = start + offset;
            long now = System.nanoTime();
            while (now < intended) {
                if (spin) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(intended - now);
                }
                now = System.nanoTime();
            }
            for (int k = 0; k < work; k++) {
                // xorshift64: a dependency chain the JIT cannot shorten.
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            row.record(first + i);
            long latency = System.nanoTime() - intended;
            if (latency > HIGHEST_NANOS) {
                clamped[0]++;
                latency = HIGHEST_NANOS;
            }
            histogram.recordValue(latency);
        }
        workSink = state;
        return first + i;
    }
}
