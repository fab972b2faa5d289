package io.lowalloc.core.testing;

/**
 * Spans pushed through a pipeline by {@link EpsilonMain} in a JVM with the Epsilon collector,
 * which never frees memory: any steady allocation per span runs the small heap out.
 *
 * <p>An implementation is a public class with a public constructor taking one {@code boolean}:
 * whether to allocate once per span on purpose ({@value ForkedJvm#INJECT_ALLOCATION}), to show
 * that the run can fail. The main calls, on its one thread and in this order: {@link #warmUp},
 * {@link #flush}, reads the heap, {@link #warmedUp}, {@link #run} once per chunk of the measured
 * spans, {@link #endRun}, reads the heap again, {@link #finish}. Everything from the first heap
 * reading to the second is charged to the measured spans, so those methods must not allocate
 * apart from the injected allocation.
 */
public interface EpsilonWorkload {

    /**
     * Records and ends the warm-up spans, so that the JIT has compiled the span path before the
     * heap is read.
     *
     * @param spans how many spans
     */
    void warmUp(long spans);

    /** Waits until every span ended so far is exported. */
    void flush();

    /**
     * Called once the heap has been read after the warm-up and the flush, before the measured
     * spans: the place to print a line that the run must reach even if the measured spans later
     * run the heap out.
     *
     * @param heapUsed the heap used, in bytes, as {@link EpsilonMain#heapUsed()} reads it
     */
    void warmedUp(long heapUsed);

    /**
     * Records and ends one chunk of the measured spans.
     *
     * @param spans how many spans, at most {@value EpsilonMain#CHUNK_SPANS}
     */
    void run(long spans);

    /** Ends the measured run, before the heap is read the second time. */
    void endRun();

    /**
     * Closes the workload's pipeline, checks its accounting and prints the result lines.
     *
     * @param run the main's readings
     * @return the exit code: 0 if the run passed its checks
     */
    int finish(EpsilonRun run);
}
