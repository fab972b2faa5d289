package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: builds buffers for a test and, after it, closes each one (close is idempotent)
 * and checks that the accounting invariant holds with nothing pending, so every test that builds
 * a buffer through it also checks the invariant.
 */
final class BalancedBuffers implements AfterEachCallback {

    private final List<BatchBuffer<?>> built = new ArrayList<>();

    <T> BatchBuffer<T> build(BatchBuffer.Builder<T> builder) {
        BatchBuffer<T> buffer = builder.build();
        built.add(buffer);
        return buffer;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            for (BatchBuffer<?> buffer : built) {
                buffer.close();
                BatchStats stats = buffer.stats();
                assertThat(buffer.workerThread().isAlive()).as("worker stopped").isFalse();
                assertThat(stats.pending()).as("pending after close: %s", stats).isZero();
                assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
            }
        } finally {
            built.clear();
        }
    }
}
