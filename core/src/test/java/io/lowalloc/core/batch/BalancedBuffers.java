package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.Release;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: builds buffers for a test and, after it, closes each one (close is idempotent)
 * and checks that the accounting invariant holds with nothing pending, so every test that builds
 * a buffer through it also checks the invariant. Before it closes them it opens its
 * {@link #release()}, so that no close waits on an exporter the test left blocked on it. After
 * they close it waits for their exporter threads to end: a call the test abandoned (timed out)
 * returns once released, on its own thread, after close has returned, and its late signal is
 * logged on the shared {@code BatchBuffer} logger; left running, it could land in the next test's
 * {@code LogCapture}.
 */
final class BalancedBuffers implements AfterEachCallback {

    private final List<BatchBuffer<?>> built = new ArrayList<>();
    private final Release release = new Release();

    /** The gate a test's exporter may block on; opened after each test, before the buffers close. */
    Release release() {
        return release;
    }

    <T> BatchBuffer<T> build(BatchBuffer.Builder<T> builder) {
        BatchBuffer<T> buffer = builder.build();
        built.add(buffer);
        return buffer;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        release.open();
        try {
            for (BatchBuffer<?> buffer : built) {
                buffer.close();
                BatchStats stats = buffer.stats();
                assertThat(buffer.workerThread().isAlive()).as("worker stopped").isFalse();
                assertThat(stats.pending()).as("pending after close: %s", stats).isZero();
                assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
            }
            for (BatchBuffer<?> buffer : built) {
                Await.until(() -> liveExporterThreads(buffer) == 0,
                        () -> liveExporterThreads(buffer) + " exporter threads still running after close");
            }
        } finally {
            built.clear();
        }
    }

    private static long liveExporterThreads(BatchBuffer<?> buffer) {
        return Thread.getAllStackTraces().keySet().stream().filter(buffer::isExporterThread).count();
    }
}
