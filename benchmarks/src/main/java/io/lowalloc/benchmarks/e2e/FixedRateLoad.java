package io.lowalloc.benchmarks.e2e;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The fixed-rate end-to-end load: each row ({@link E2eRows}) records the table 2 span at a fixed
 * rate in bursts every {@value #BURST_MILLIS} ms on one producer thread, exporting over OTLP/HTTP
 * to one {@link OtlpSink} in its own JVM, shared by all runs. Each run of a row is a fresh JVM
 * ({@code --jvm-options}, default {@code -Xmx64m -XX:+UseG1GC}); runs are interleaved (every row
 * once, then again, {@code --runs} times) so that a change of the machine's load hits every row.
 *
 * <p>Options (defaults): {@code --rows} ({@code sdkBatch,lowalloc,native,sdkPooled,none}), {@code --runs}
 * (5), {@code --rate} (100000 spans/s), {@code --warmup-seconds} (5), {@code --seconds} (60),
 * {@code --jvm-options}, {@code --sink-jvm-options} ({@code -Xmx256m -XX:+UseG1GC}),
 * {@code --out-dir} ({@code benchmarks/results}), {@code --name} ({@code e2e-fixed-rate}).
 *
 * <p>Per run, over the measured window only: {@code recordNsPerSpan} (wall time of the recording
 * calls alone, {@code System.nanoTime} around each burst, divided by spans), {@code
 * producerCpuNsPerSpan} (the producer thread's CPU time, pacing included; the table subtracts
 * the median of row {@code none} as {@code producerCpuNsPerSpanNet}), {@code processCpuNsPerSpan}
 * (likewise {@code ...Net}), {@code allThreadsBytesPerSpan} (see {@link JvmCounters} for the threads
 * it misses), {@code producerBytesPerSpan}, {@code gcCount}, {@code gcMillis},
 * {@code sinkCpuNsPerSpan}; over the whole run after a final flush: {@code offered},
 * {@code exported} (export calls that succeeded, counted at the exporter), {@code failed},
 * {@code dropped} (offered − exported − failed), {@code sinkSpans} (what the sink counted; equal to
 * {@code exported} when nothing was lost on the wire).
 */
public final class FixedRateLoad {

    /** The interval between bursts, in milliseconds. */
    public static final int BURST_MILLIS = 1;
    /** The default rate: {@value} spans per second. */
    public static final long DEFAULT_RATE = 100_000L;

    private static final long BURST_NANOS = BURST_MILLIS * 1_000_000L;

    private FixedRateLoad() {
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
            // The exporter's HttpClient threads are not daemons everywhere; the result is out.
            System.exit(0);
        }
        run(options);
    }

    static Map<String, String> defaults() {
        return E2eOptions.common("e2e-fixed-rate", DEFAULT_RATE, E2eRows.DEFAULT_ROWS);
    }

    /** Runs every row {@code --runs} times, interleaved, and writes the table; returns it. */
    static RunTable run(E2eOptions options) throws IOException, InterruptedException {
        List<String> rows = options.list("rows");
        long runs = options.positiveLong("runs");
        validate(options);
        rows.forEach(E2eRows::create);
        RunTable table = new RunTable("FixedRateLoad", options.asMap());
        SinkProcess sink = SinkProcess.start(options.words("sink-jvm-options"));
        try {
            for (int run = 1; run <= runs; run++) {
                for (String row : rows) {
                    System.out.println("FixedRateLoad run " + run + "/" + runs + " row " + row + ", load average "
                            + RunTable.loadAverage());
                    table.add(row, run, runInJvm(options, row, sink.port(), Map.of()));
                }
            }
        } finally {
            sink.close();
        }
        table.put("sinkFinal", sink.finalStats());
        table.subtractBaseline(E2eRows.NONE, "producerCpuNsPerSpan");
        table.subtractBaseline(E2eRows.NONE, "processCpuNsPerSpan");
        table.write(options.path("out-dir"), options.string("name"), columns(),
                "recording ns/span: wall time of the recording calls only; CPU net: minus the median of row none"
                        + " (the pacing loop); B/span: all live threads (threads that died during the window are"
                        + " missed); dropped = offered − exported − failed; sink = spans the sink counted.");
        return table;
    }

    static List<RunTable.Column> columns() {
        return List.of(
                new RunTable.Column("achieved spans/s", "achievedRate", 0),
                new RunTable.Column("recording ns/span", "recordNsPerSpan", 0),
                new RunTable.Column("producer CPU ns/span", "producerCpuNsPerSpan", 0),
                new RunTable.Column("producer CPU ns/span, net", "producerCpuNsPerSpanNet", 0),
                new RunTable.Column("process CPU ns/span, net", "processCpuNsPerSpanNet", 0),
                new RunTable.Column("B/span all threads", "allThreadsBytesPerSpan", 1),
                new RunTable.Column("B/span producer", "producerBytesPerSpan", 1),
                new RunTable.Column("GCs", "gcCount", 0),
                new RunTable.Column("GC ms", "gcMillis", 0),
                new RunTable.Column("exported/s in the window", "windowExportedPerSecond", 0),
                new RunTable.Column("dropped", "dropped", 0),
                new RunTable.Column("exported", "exported", 0),
                new RunTable.Column("sink spans", "sinkSpans", 0),
                new RunTable.Column("sink CPU ns/span", "sinkCpuNsPerSpan", 0));
    }

    static void validate(E2eOptions options) {
        options.positiveLong("rate");
        options.positiveDouble("seconds");
        options.nonNegativeDouble("warmup-seconds");
    }

    /** Runs one row in a fresh JVM with the options, {@code overrides} replacing some. */
    static Map<String, Double> runInJvm(E2eOptions options, String row, int sinkPort, Map<String, String> overrides)
            throws IOException, InterruptedException {
        double seconds = Double.parseDouble(overrides.getOrDefault("seconds", options.string("seconds")));
        double warmup = Double.parseDouble(overrides.getOrDefault("warmup-seconds", options.string("warmup-seconds")));
        long timeout = (long) (seconds + warmup) + 180;
        return Jvm.runForResult(options.words("jvm-options"), FixedRateLoad.class,
                options.childArgs(row, sinkPort, overrides, defaults().keySet()), timeout);
    }

    /** One run, in this JVM: warm up, measure, flush, close; returns the figures. */
    static Map<String, Double> runChild(E2eOptions options) throws IOException, InterruptedException {
        String rowName = options.string("row");
        int port = (int) options.positiveLong("sink-port");
        long rate = options.positiveLong("rate");
        double seconds = options.positiveDouble("seconds");
        double warmup = options.nonNegativeDouble("warmup-seconds");
        RowFactory factory = E2eRows.create(rowName);
        SinkStats sinkBase = SinkStats.fetch(port);
        Map<String, Double> r = new LinkedHashMap<>();
        TracedRow row = factory.open("http://127.0.0.1:" + port + OtlpSink.TRACES_PATH);
        try {
            Burst warm = drive(row, rate, warmup, 0);
            row.flush();
            // Every row starts its window from the same heap state.
            System.gc();
            Thread.sleep(200);
            SinkStats sink0 = SinkStats.fetch(port);
            long exported0 = row.exportedSpans();
            JvmCounters c0 = JvmCounters.take();
            Burst window = drive(row, rate, seconds, warm.next);
            JvmCounters c1 = JvmCounters.take();
            long exported1 = row.exportedSpans();
            SinkStats sink1 = SinkStats.fetch(port);
            double spans = window.spans;
            double elapsed = c1.nanoTime() - c0.nanoTime();
            r.put("rate", (double) rate);
            r.put("seconds", elapsed / 1e9);
            r.put("windowSpans", spans);
            // The last burst runs at the first tick at or after the window's end; one tick of that is the
            // loop's granularity, not the producer being late.
            long windowNanos = (long) (seconds * 1e9);
            r.put("achievedRate", spans / Math.max(windowNanos, window.endNanos - window.startNanos - BURST_NANOS) * 1e9);
            r.put("maxLagMicros", window.maxLagNanos / 1e3);
            r.put("recordNsPerSpan", window.recordNanos / spans);
            r.put("producerCpuNsPerSpan", (c1.threadCpuNanos() - c0.threadCpuNanos()) / spans);
            r.put("processCpuNsPerSpan", (c1.processCpuNanos() - c0.processCpuNanos()) / spans);
            r.put("allThreadsBytesPerSpan", (c1.allThreadsAllocated() - c0.allThreadsAllocated()) / spans);
            r.put("producerBytesPerSpan", (c1.threadAllocated() - c0.threadAllocated()) / spans);
            r.put("gcCount", (double) (c1.gcCount() - c0.gcCount()));
            r.put("gcMillis", (double) (c1.gcMillis() - c0.gcMillis()));
            r.put("liveThreadsStart", (double) c0.liveThreads());
            r.put("liveThreadsEnd", (double) c1.liveThreads());
            r.put("windowExportedPerSecond", (exported1 - exported0) / elapsed * 1e9);
            SinkStats sinkWindow = sink1.minus(sink0);
            r.put("windowSinkSpans", (double) sinkWindow.spans());
            r.put("sinkCpuNsPerSpan", sinkWindow.spans() == 0 ? Double.NaN
                    : (double) sinkWindow.cpuNanos() / sinkWindow.spans());
            r.put("sinkBodyBytesPerSpan", sinkWindow.spans() == 0 ? Double.NaN
                    : (double) sinkWindow.bodyBytes() / sinkWindow.spans());
            r.put("offered", (double) window.next);
        } catch (RuntimeException | Error | IOException | InterruptedException e) {
            row.close();
            throw e;
        }
        putTotals(r, row, rowName, port, sinkBase);
        return r;
    }

    /**
     * Flushes and closes {@code row}, then adds the run's totals to {@code r} (which holds
     * {@code offered}): {@code flushed}, {@code exported}, {@code failed}, {@code dropped} and what
     * the sink counted since {@code sinkBase}.
     */
    static void putTotals(Map<String, Double> r, TracedRow row, String rowName, int port, SinkStats sinkBase)
            throws IOException {
        r.put("flushed", row.flush() ? 1.0 : 0.0);
        row.close();
        // After close the last export has been answered, so the sink has counted it.
        SinkStats sinkRun = SinkStats.fetch(port).minus(sinkBase);
        boolean tracing = !E2eRows.NONE.equals(rowName);
        r.put("exported", (double) row.exportedSpans());
        r.put("failed", (double) row.failedSpans());
        r.put("dropped", tracing ? r.get("offered") - row.exportedSpans() - row.failedSpans() : 0.0);
        r.put("sinkSpans", (double) sinkRun.spans());
        r.put("exportsToSink", row.exportsToSink() ? 1.0 : 0.0);
        r.put("sinkRequests", (double) sinkRun.requests());
        r.put("sinkBadRequests", (double) sinkRun.badRequests());
    }

    /** What one drive produced. */
    static final class Burst {
        /** The next sequence number. */
        long next;
        long spans;
        long recordNanos;
        long maxLagNanos;
        long startNanos;
        long endNanos;
    }

    /**
     * Records spans at {@code rate} per second for {@code seconds}: at every {@value #BURST_MILLIS}
     * ms tick, the spans due by then (an open loop: a late producer catches up in the next
     * burst). Sequence numbers start at {@code first}.
     */
    static Burst drive(TracedRow row, long rate, double seconds, long first) {
        Burst b = new Burst();
        long duration = (long) (seconds * 1e9);
        long start = System.nanoTime();
        b.startNanos = start;
        long n = first;
        long produced = 0;
        long total = (long) (rate * seconds);
        for (long tick = 1; produced < total; tick++) {
            long tickAt = start + tick * BURST_NANOS;
            long now;
            while ((now = System.nanoTime()) < tickAt) {
                LockSupport.parkNanos(tickAt - now);
            }
            b.maxLagNanos = Math.max(b.maxLagNanos, now - tickAt);
            long elapsed = Math.min(now - start, duration);
            long due = elapsed >= duration ? total : (long) (rate * (elapsed / 1e9));
            long burst = due - produced;
            long t0 = System.nanoTime();
            for (long i = 0; i < burst; i++) {
                row.record(n++);
            }
            long t1 = System.nanoTime();
            b.recordNanos += t1 - t0;
            produced = due;
            if (tick * BURST_NANOS < now - start) {
                // Behind by more than a tick: the next burst is due at once.
                tick = (now - start) / BURST_NANOS;
            }
        }
        b.endNanos = System.nanoTime();
        b.next = n;
        b.spans = produced;
        return b;
    }
}
