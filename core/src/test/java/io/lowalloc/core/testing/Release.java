package io.lowalloc.core.testing;

import java.util.concurrent.CountDownLatch;

/**
 * A gate a test's exporter blocks on until the test opens it: open it after each test, before the
 * test's buffers or pipelines close, so that no exporter thread stays blocked after its test.
 * Opens once; thread-safe.
 */
public final class Release {

    private final CountDownLatch latch = new CountDownLatch(1);

    /** Opens the gate: every {@link #await()} returns, now and later. Idempotent. */
    public void open() {
        latch.countDown();
    }

    /**
     * Blocks until {@link #open()}; an interrupt ends the wait early and stays set on the thread,
     * as it would for an exporter's blocking I/O.
     */
    public void await() {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
