package io.lowalloc.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs every scenario of the Go "Memory Optimization with OTLP" example in order and prints its
 * output format — a banner, one section per scenario with 📊 measurement and 🚀 improvement lines,
 * and a closing line — with every figure measured at run time. See {@link DemoOptions} for the
 * command-line options and {@code examples/README.md} for what each section shows.
 */
public final class MemoryOptimizationDemo {

    /** The banner printed first. */
    public static final String BANNER = "🚀 Memory Optimization with OTLP Demo";

    /** The line printed last when every scenario ran. */
    public static final String DONE = "✅ All demos completed successfully";

    /** Exit status for invalid command-line options: {@value}. */
    public static final int EXIT_USAGE = 2;

    private static final String RULE = "=".repeat(80);

    private MemoryOptimizationDemo() {
    }

    /**
     * The figures every scenario measured.
     *
     * @param spanPool scenario 1
     * @param preallocation scenario 2
     * @param zeroAllocation scenario 3
     * @param batch scenario 4
     * @param gcTuning scenario 5
     * @param pitfalls the README's pitfalls
     * @param nanos how long the whole demo took, in nanoseconds
     */
    public record Results(SpanPoolDemo.Result spanPool, PreallocationDemo.Result preallocation,
            ZeroAllocationDemo.Result zeroAllocation, BatchProcessingDemo.Result batch, GcTuningDemo.Result gcTuning,
            PitfallsDemo.Result pitfalls, long nanos) {
    }

    /**
     * Parses the options and runs the demo, printing to standard output in UTF-8. Invalid options
     * print the reason and the usage to standard error and exit with {@value #EXIT_USAGE}.
     *
     * @param args the command-line options, see {@link DemoOptions#USAGE}
     */
    public static void main(String[] args) {
        // The emoji need UTF-8 whatever the platform's default encoding is.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = execute(args, out, err);
        out.flush();
        err.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Does what {@link #main} does without exiting: parses {@code args}; prints the usage to
     * {@code out} for {@code --help}, or the reason and the usage to {@code err} for invalid options;
     * otherwise runs the demo.
     *
     * @param args the command-line options, see {@link DemoOptions#USAGE}
     * @param out where the demo or the usage is printed
     * @param err where an invalid option is reported
     * @return the exit status: 0, or {@value #EXIT_USAGE} for invalid options
     * @throws NullPointerException if an argument is null
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(DemoOptions.USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        run(options, out);
        return 0;
    }

    /**
     * Runs every scenario with {@code options} and prints the demo to {@code out}.
     *
     * @param options the options; {@link DemoOptions#help()} is ignored
     * @param out where the demo is printed
     * @return every scenario's figures
     * @throws NullPointerException if an argument is null
     */
    public static Results run(DemoOptions options, PrintStream out) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        long start = System.nanoTime();
        out.println();
        out.println(RULE);
        out.println(BANNER);
        out.println(RULE);
        SpanPoolDemo.Result spanPool = SpanPoolDemo.run(options.spans(), out);
        PreallocationDemo.Result preallocation = PreallocationDemo.run(options.quick(), out);
        ZeroAllocationDemo.Result zeroAllocation = ZeroAllocationDemo.run(options.spans(), out);
        BatchProcessingDemo.Result batch = BatchProcessingDemo.run(options.otlpEndpoint(), out);
        GcTuningDemo.Result gcTuning = GcTuningDemo.run(options.spans(), options.quick(), out);
        PitfallsDemo.Result pitfalls = PitfallsDemo.run(out);
        long nanos = System.nanoTime() - start;
        out.println();
        out.println(RULE);
        out.printf(Locale.ROOT, "%s (in %s)%n", DONE, Figures.duration(nanos));
        out.println(RULE);
        return new Results(spanPool, preallocation, zeroAllocation, batch, gcTuning, pitfalls, nanos);
    }
}
