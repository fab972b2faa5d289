package io.lowalloc.otel;

import io.lowalloc.core.batch.ExportCompletion;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link ExportCompletion} that counts the success and failure signals it receives and keeps
 * the last failure's cause, so a test can check what an exporter signalled for one export.
 * Thread-safe (the signal may come from an exporter's own thread).
 */
final class RecordingCompletion implements ExportCompletion {

    final AtomicInteger successes = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicReference<Throwable> cause = new AtomicReference<>();

    @Override
    public void success() {
        successes.incrementAndGet();
    }

    @Override
    public void failure(Throwable cause) {
        this.cause.set(cause);
        failures.incrementAndGet();
    }

    /** Whether any signal arrived. */
    boolean signalled() {
        return successes.get() + failures.get() > 0;
    }
}
