package io.lowalloc.core.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that another thread makes true, by polling it every millisecond for up
 * to {@value #TIMEOUT_SECONDS} s, and fails the test with a description of what it waited for
 * if the condition stays false. Allocates (test only).
 */
public final class Await {

    /** How long {@link #until} waits before it fails, in seconds. */
    public static final long TIMEOUT_SECONDS = 10;

    private Await() {
    }

    /**
     * Returns once {@code condition} is true.
     *
     * @param condition polled on the calling thread
     * @param what what is awaited, for the failure message
     * @throws AssertionError on timeout or interrupt (the interrupt status is restored)
     */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, () -> what);
    }

    /**
     * Returns once {@code condition} is true.
     *
     * @param condition polled on the calling thread
     * @param what what is awaited, for the failure message; called only on failure, so it may
     *     show the state at that moment
     * @throws AssertionError on timeout or interrupt (the interrupt status is restored)
     */
    public static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what.get());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what.get(), e);
            }
        }
    }
}
