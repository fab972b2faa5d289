package io.lowalloc.otel.testing;

import io.lowalloc.core.batch.ExportCompletion;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records the signals an exporter gives one export. */
public final class RecordingCompletion implements ExportCompletion {

    public final AtomicInteger successes = new AtomicInteger();
    public final AtomicInteger failures = new AtomicInteger();
    public final AtomicReference<Throwable> cause = new AtomicReference<>();

    @Override
    public void success() {
        successes.incrementAndGet();
    }

    @Override
    public void failure(Throwable cause) {
        this.cause.set(cause);
        failures.incrementAndGet();
    }

    public boolean signalled() {
        return successes.get() + failures.get() > 0;
    }
}
