package io.lowalloc.benchmarks.load;

import io.lowalloc.benchmarks.span.SpanPipelines;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The load test's command line: {@code --pipeline NAME --rate SPANS_PER_SECOND --seconds N
 * --warmup-seconds N --tenure-gcs N --out FILE.json --gc-log FILE}. Immutable.
 */
public final class LoadTestConfig {

    /** Default target rate: {@value} spans per second. */
    public static final long DEFAULT_RATE = 200_000L;
    /** Default measured duration: {@value} seconds. */
    public static final double DEFAULT_SECONDS = 20.0;
    /** Default warm-up before the measurement: {@value} seconds. */
    public static final double DEFAULT_WARMUP_SECONDS = 5.0;
    /** Default number of {@code System.gc()} calls between the warm-up and the window: {@value}. */
    public static final int DEFAULT_TENURE_GCS = 1;

    private final String pipeline;
    private final long rate;
    private final double seconds;
    private final double warmupSeconds;
    private final Path out;
    private final Path gcLog;
    private final int tenureGcs;

    private LoadTestConfig(String pipeline, long rate, double seconds, double warmupSeconds, Path out, Path gcLog,
            int tenureGcs) {
        this.tenureGcs = tenureGcs;
        this.pipeline = pipeline;
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.out = out;
        this.gcLog = gcLog;
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the configuration
     * @throws IllegalArgumentException for an unknown option, a missing value or a value out of range
     */
    public static LoadTestConfig parse(String[] args) {
        String pipeline = SpanPipelines.SDK_BATCH;
        long rate = DEFAULT_RATE;
        double seconds = DEFAULT_SECONDS;
        double warmup = DEFAULT_WARMUP_SECONDS;
        Path out = null;
        Path gcLog = null;
        int tenureGcs = DEFAULT_TENURE_GCS;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--pipeline":
                    pipeline = value;
                    break;
                case "--rate":
                    rate = Long.parseLong(value);
                    break;
                case "--seconds":
                    seconds = Double.parseDouble(value);
                    break;
                case "--warmup-seconds":
                    warmup = Double.parseDouble(value);
                    break;
                case "--out":
                    out = Paths.get(value);
                    break;
                case "--gc-log":
                    gcLog = Paths.get(value);
                    break;
                case "--tenure-gcs":
                    tenureGcs = Integer.parseInt(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + option
                            + " (known: --pipeline, --rate, --seconds, --warmup-seconds, --tenure-gcs, --out, --gc-log)");
            }
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be > 0, was: " + rate);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be > 0, was: " + seconds);
        }
        if (!(warmup >= 0)) {
            throw new IllegalArgumentException("warmup-seconds must be >= 0, was: " + warmup);
        }
        if (tenureGcs < 1 || tenureGcs > 10) {
            throw new IllegalArgumentException("tenure-gcs must be in [1, 10], was: " + tenureGcs);
        }
        return new LoadTestConfig(pipeline, rate, seconds, warmup, out, gcLog, tenureGcs);
    }

    /**
     * Returns the pipeline name.
     *
     * @return one of {@link SpanPipelines}' names
     */
    public String pipeline() {
        return pipeline;
    }

    /**
     * Returns the target rate.
     *
     * @return spans per second
     */
    public long rate() {
        return rate;
    }

    /**
     * Returns the measured duration.
     *
     * @return seconds
     */
    public double seconds() {
        return seconds;
    }

    /**
     * Returns the warm-up duration.
     *
     * @return seconds
     */
    public double warmupSeconds() {
        return warmupSeconds;
    }

    /**
     * Returns where to write the JSON result.
     *
     * @return the path, or null to write none
     */
    public Path out() {
        return out;
    }

    /**
     * Returns the unified GC log ({@code -Xlog:gc:file=...:uptime}) to read sub-millisecond pauses from.
     *
     * @return the path, or null if there is none
     */
    public Path gcLog() {
        return gcLog;
    }

    /**
     * Returns how many full collections ({@code System.gc()}, a full GC on G1 unless
     * {@code -XX:+ExplicitGCInvokesConcurrent}) run between the warm-up and the window: with two or
     * more, every object live after the warm-up — the pool's spans, the queue — is in the old
     * generation when the window starts, so the window measures the steady state, not the promotion.
     *
     * @return {@code >= 1}
     */
    public int tenureGcs() {
        return tenureGcs;
    }
}
