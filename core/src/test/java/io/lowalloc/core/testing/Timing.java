package io.lowalloc.core.testing;

import java.util.concurrent.TimeUnit;

/**
 * Elapsed time and sleeping for tests that bound how long a call takes or make an exporter slow.
 * Thread-safe (stateless).
 */
public final class Timing {

    private Timing() {
    }

    /**
     * Returns the whole milliseconds since a {@link System#nanoTime()} reading.
     *
     * @param startNanos an earlier {@code System.nanoTime()} value
     * @return the elapsed time in milliseconds, rounded down
     */
    public static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * Sleeps for {@code millis}; an interrupt ends the sleep early and stays set on the thread, so
     * that a test's exporter thread, interrupted by the code under test, returns as it would.
     *
     * @param millis how long to sleep, in milliseconds, at least 0
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
