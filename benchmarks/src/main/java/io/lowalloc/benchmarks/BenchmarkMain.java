package io.lowalloc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Entry point of {@code benchmarks.jar}: JMH's own command line, with the GC profiler
 * ({@code -prof gc}, which gives {@code gc.alloc.rate.norm} in B/op) switched on by default,
 * because every table of this module reports bytes per operation next to time.
 *
 * <p>Pass {@code --no-gc-prof} to run without it. Listing and help options ({@code -l}, {@code -lp},
 * {@code -lprof}, {@code -lrf}, {@code -h}) go straight to {@link org.openjdk.jmh.Main}.
 */
public final class BenchmarkMain {

    /** The argument that switches the default GC profiler off; it is removed before JMH parses. */
    public static final String NO_GC_PROFILER = "--no-gc-prof";

    private BenchmarkMain() {
    }

    /**
     * Runs JMH.
     *
     * @param args JMH command-line arguments, plus optionally {@value #NO_GC_PROFILER}
     * @throws Exception if JMH fails to parse the options or to run
     */
    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>();
        boolean gc = true;
        for (String arg : args) {
            if (NO_GC_PROFILER.equals(arg)) {
                gc = false;
            } else if (isInformational(arg)) {
                org.openjdk.jmh.Main.main(args);
                return;
            } else {
                jmhArgs.add(arg);
            }
        }
        Options options = options(jmhArgs.toArray(new String[0]), gc);
        new Runner(options).run();
    }

    /**
     * Parses JMH command-line arguments and adds the GC profiler unless it is already there or
     * {@code gc} is false.
     *
     * @param args JMH command-line arguments
     * @param gc whether to add the GC profiler
     * @return the options to run with
     * @throws CommandLineOptionException if JMH rejects the arguments
     */
    static Options options(String[] args, boolean gc) throws CommandLineOptionException {
        CommandLineOptions parsed = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(parsed);
        boolean hasGc = parsed.getProfilers().stream()
                .anyMatch(p -> p.getKlass().equals(GCProfiler.class.getName()) || p.getKlass().equals("gc"));
        if (gc && !hasGc) {
            builder.addProfiler(GCProfiler.class);
        }
        return builder.build();
    }

    private static boolean isInformational(String arg) {
        switch (arg) {
            case "-h":
            case "-l":
            case "-lp":
            case "-lprof":
            case "-lrf":
                return true;
            default:
                return false;
        }
    }
}
