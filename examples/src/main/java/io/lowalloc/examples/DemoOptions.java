package io.lowalloc.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo's command-line options, parsed and validated by {@link #parse(String...)}.
 *
 * <ul>
 *   <li>{@code --quick}: a few seconds in all (fewer spans, shorter GC workloads); the tests use it.</li>
 *   <li>{@code --spans N}: spans per measured loop in the span-pool and zero-allocation demos, and
 *       spans retained by the GC demo; default {@value #DEFAULT_SPANS} ({@value #DEFAULT_QUICK_SPANS}
 *       with {@code --quick}), in [{@value #MIN_SPANS}, {@value #MAX_SPANS}]. The batch demo always
 *       sends {@value BatchProcessingDemo#SPANS} spans, like the Go example.</li>
 *   <li>{@code --otlp-endpoint URL}: send the batch demo's spans to an OpenTelemetry collector with
 *       lowalloc's native OTLP/HTTP exporter (e.g. {@code http://localhost:4318/v1/traces}) instead of printing them.</li>
 *   <li>{@code --help}: print {@link #USAGE} and exit.</li>
 * </ul>
 *
 * @param quick whether the short variant of every workload runs
 * @param spans spans per measured loop
 * @param otlpEndpoint the OTLP/HTTP traces endpoint, or {@code null} for the embedded printing exporter
 * @param help whether only the usage was asked for
 */
public record DemoOptions(boolean quick, int spans, URI otlpEndpoint, boolean help) {

    /** Default {@code --spans} of a full run: {@value}. */
    public static final int DEFAULT_SPANS = 100_000;
    /** Default {@code --spans} with {@code --quick}: {@value}. */
    public static final int DEFAULT_QUICK_SPANS = 10_000;
    /** Smallest accepted {@code --spans}: {@value}. */
    public static final int MIN_SPANS = 1_000;
    /**
     * Largest accepted {@code --spans}: {@value}. The GC demo retains that many spans at once, and
     * they must fit the demo's heap ({@code demo.jvmArgs} in the module's pom).
     */
    public static final int MAX_SPANS = 250_000;

    /** The text printed by {@code --help} and after an invalid option. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: MemoryOptimizationDemo [--quick] [--spans N] [--otlp-endpoint URL] [--help]",
            "  --quick              run every scenario briefly (a few seconds in all)",
            "  --spans N            spans per measured loop, in [" + MIN_SPANS + ", " + MAX_SPANS + "];",
            "                       default " + DEFAULT_SPANS + " (" + DEFAULT_QUICK_SPANS + " with --quick);",
            "                       the GC demo retains N spans (about 1 KiB each) at once",
            "  --otlp-endpoint URL  export the batch scenario to a collector with lowalloc's native",
            "                       OTLP/HTTP exporter, e.g. http://localhost:4318/v1/traces",
            "                       (default: print the batches)",
            "  --help               print this text");

    /**
     * Validates the components.
     *
     * @param quick whether the short variant of every workload runs
     * @param spans spans per measured loop, in [{@value #MIN_SPANS}, {@value #MAX_SPANS}]
     * @param otlpEndpoint an absolute http or https URI, or {@code null}
     * @param help whether only the usage was asked for
     * @throws IllegalArgumentException if {@code spans} is out of range or the endpoint is not an
     *     absolute http(s) URI
     */
    public DemoOptions {
        if (spans < MIN_SPANS || spans > MAX_SPANS) {
            throw new IllegalArgumentException(
                    "--spans must be in [" + MIN_SPANS + ", " + MAX_SPANS + "], was: " + spans);
        }
        if (otlpEndpoint != null) {
            checkEndpoint(otlpEndpoint);
        }
    }

    /**
     * Returns the options of a full run with the embedded printing exporter.
     *
     * @return the default options
     */
    public static DemoOptions defaults() {
        return new DemoOptions(false, DEFAULT_SPANS, null, false);
    }

    /**
     * Returns the options of a quick run with the embedded printing exporter, as the tests use.
     *
     * @return quick options
     */
    public static DemoOptions quickRun() {
        return new DemoOptions(true, DEFAULT_QUICK_SPANS, null, false);
    }

    /**
     * Parses command-line arguments. Each option may be given once.
     *
     * @param args the arguments, e.g. {@code "--quick", "--spans", "20000"}
     * @return the parsed options
     * @throws IllegalArgumentException with a message naming the offending option and what is
     *     accepted, for an unknown or repeated option, a missing value or a value out of range
     * @throws NullPointerException if {@code args} or one of its elements is {@code null}
     */
    public static DemoOptions parse(String... args) {
        Objects.requireNonNull(args, "args");
        boolean quick = false;
        boolean help = false;
        Integer spans = null;
        URI endpoint = null;
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "args[" + i + "]");
            switch (arg) {
                case "--quick":
                    quick = once(quick, arg);
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--spans":
                    if (spans != null) {
                        throw repeated(arg);
                    }
                    spans = parseSpans(value(args, ++i, arg, "an integer"));
                    break;
                case "--otlp-endpoint":
                    if (endpoint != null) {
                        throw repeated(arg);
                    }
                    endpoint = parseEndpoint(value(args, ++i, arg, "a URL such as http://localhost:4318/v1/traces"));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + arg + " (see --help)");
            }
        }
        int spanCount = spans != null ? spans : quick ? DEFAULT_QUICK_SPANS : DEFAULT_SPANS;
        return new DemoOptions(quick, spanCount, endpoint, help);
    }

    private static boolean once(boolean alreadySet, String option) {
        if (alreadySet) {
            throw repeated(option);
        }
        return true;
    }

    private static IllegalArgumentException repeated(String option) {
        return new IllegalArgumentException(option + " was given more than once");
    }

    private static String value(String[] args, int index, String option, String expected) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value: " + expected);
        }
        return args[index];
    }

    private static int parseSpans(String text) {
        try {
            return Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spans must be an integer in [" + MIN_SPANS + ", " + MAX_SPANS
                    + "], was: " + text, e);
        }
    }

    private static URI parseEndpoint(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--otlp-endpoint must be an http or https URL, was: " + text, e);
        }
    }

    private static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(
                    "--otlp-endpoint must be an http or https URL with a host, was: " + endpoint);
        }
    }
}
