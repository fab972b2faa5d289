package io.lowalloc.core.testing;

/**
 * Runs an {@link EpsilonWorkload} in a JVM of its own, meant to be started by {@link ForkedJvm}
 * with {@link ForkedJvm#epsilonGc(int)}: under Epsilon every allocated byte stays allocated, so
 * the heap used after the measured spans minus the heap used before them is everything those
 * spans allocated (counted in whole TLABs), and a steady allocation per span runs the heap out.
 *
 * <p>Arguments, as {@link #arguments} makes them: the workload's class name, the number of
 * measured spans, and optionally {@value ForkedJvm#INJECT_ALLOCATION}. The main makes the workload,
 * warms it up with {@value #WARM_UP_SPANS} spans, flushes, reads the heap, runs the measured
 * spans in chunks of at most {@value #CHUNK_SPANS}, ends the run, reads the heap again and lets
 * the workload print its result; the call order is in {@link EpsilonWorkload}. It exits with the
 * code {@link EpsilonWorkload#finish} returns, or with the JVM's code for an
 * {@code OutOfMemoryError} if the heap runs out first.
 */
public final class EpsilonMain {

    /** Spans before the heap is first read: the JIT has compiled the span path by then. */
    public static final long WARM_UP_SPANS = 200_000;

    /** The most measured spans the main passes to one {@link EpsilonWorkload#run} call. */
    public static final long CHUNK_SPANS = 100_000;

    private EpsilonMain() {
    }

    /**
     * Returns the arguments of a run of {@code workload}.
     *
     * @param workload the workload class; public, with a public {@code (boolean)} constructor
     * @param measuredSpans the spans between the two heap readings, {@code >= 0}
     * @param injectAllocation whether the workload allocates once per span on purpose
     * @return the arguments for {@link ForkedJvm#run}
     */
    public static String[] arguments(Class<? extends EpsilonWorkload> workload, long measuredSpans,
            boolean injectAllocation) {
        String spans = Long.toString(measuredSpans);
        return injectAllocation
                ? new String[] {workload.getName(), spans, ForkedJvm.INJECT_ALLOCATION}
                : new String[] {workload.getName(), spans};
    }

    /**
     * Runs the workload; see the class comment.
     *
     * @param args {@code <workload class> <measured spans> [--inject-allocation]}
     * @throws ReflectiveOperationException if the workload cannot be made
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        long startNanos = System.nanoTime();
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("arguments: <workload class> <measured spans> ["
                    + ForkedJvm.INJECT_ALLOCATION + "], got " + args.length);
        }
        long spans = Long.parseLong(args[1]);
        if (spans < 0) {
            throw new IllegalArgumentException("measured spans must be >= 0, got " + spans);
        }
        boolean inject = args.length == 3 && ForkedJvm.INJECT_ALLOCATION.equals(args[2]);
        EpsilonWorkload workload = create(args[0], inject);

        workload.warmUp(WARM_UP_SPANS);
        workload.flush();
        long usedAfterWarmUp = heapUsed();
        workload.warmedUp(usedAfterWarmUp);

        long measuredStart = System.nanoTime();
        for (long done = 0; done < spans; done += CHUNK_SPANS) {
            workload.run(Math.min(CHUNK_SPANS, spans - done));
        }
        workload.endRun();
        long measuredNanos = System.nanoTime() - measuredStart;
        long usedAfterRun = heapUsed();

        int exitCode = workload.finish(
                new EpsilonRun(startNanos, WARM_UP_SPANS, spans, usedAfterWarmUp, usedAfterRun, measuredNanos));
        // A passed run returns normally: finish has closed the pipeline, and its threads are daemons.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Returns the heap used, in bytes: total minus free. Under Epsilon that is every byte handed
     * out since the JVM started, with each thread-local allocation buffer counted whole once it
     * is handed out.
     *
     * @return the heap used, in bytes
     */
    public static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static EpsilonWorkload create(String className, boolean inject) throws ReflectiveOperationException {
        return Class.forName(className).asSubclass(EpsilonWorkload.class)
                .getConstructor(boolean.class).newInstance(inject);
    }
}
