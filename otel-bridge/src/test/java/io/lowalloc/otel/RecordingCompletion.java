package io.lowalloc.otel;

import io.lowalloc.core.batch.ExportCompletion;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records the signals an exporter gives one export. */
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

    boolean signalled() {
        return successes.get() + failures.get() > 0;
    }
}
