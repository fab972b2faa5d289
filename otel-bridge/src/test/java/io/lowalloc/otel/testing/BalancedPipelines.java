package io.lowalloc.otel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.testing.Release;
import io.lowalloc.otel.PooledSpanPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: tracks the pipelines a test builds and, after it (after the test class's own
 * {@code @AfterEach} methods), closes each one (close is idempotent) and checks that its
 * accounting is balanced with nothing pending, so every test that tracks a pipeline also checks
 * the invariant. Before it closes them it opens its {@link #release()}, so that no close waits on
 * an exporter the test left blocked on it. Not thread-safe: track pipelines from the test thread.
 */
public final class BalancedPipelines implements AfterEachCallback {

    private final List<PooledSpanPipeline> tracked = new ArrayList<>();
    private final Release release = new Release();

    /**
     * Returns the gate a test's exporter may block on; opened after each test, before the
     * pipelines close.
     *
     * @return this extension's release, the same for every call
     */
    public Release release() {
        return release;
    }

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
        release.open();
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
