package io.lowalloc.otel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.otel.PooledSpanPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: tracks the pipelines a test builds and, after it (after the test class's own
 * {@code @AfterEach} methods), closes each one (close is idempotent) and checks that its
 * accounting is balanced with nothing pending, so every test that tracks a pipeline also checks
 * the invariant. Not thread-safe: track pipelines from the test thread.
 */
public final class BalancedPipelines implements AfterEachCallback {

    private final List<PooledSpanPipeline> tracked = new ArrayList<>();

    /**
     * Tracks {@code pipeline} for the check after the test.
     *
     * @param pipeline a pipeline the test built
     * @return {@code pipeline}
     */
    public PooledSpanPipeline track(PooledSpanPipeline pipeline) {
        tracked.add(pipeline);
        return pipeline;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            for (PooledSpanPipeline pipeline : tracked) {
                pipeline.close();
                RecorderStats stats = pipeline.stats();
                assertThat(stats.isBalanced()).as("%s", stats).isTrue();
                assertThat(stats.batch().pending()).isZero();
            }
        } finally {
            tracked.clear();
        }
    }
}
