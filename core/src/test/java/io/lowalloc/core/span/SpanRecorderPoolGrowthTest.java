package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.testing.CountingExporter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The span pool starts empty, grows to the most spans the workload has open at once and keeps
 * them; more spans open than the pool holds are counted as misses in the recorder's stats.
 */
class SpanRecorderPoolGrowthTest {

    private static final int OPEN = 1_000;

    @Test
    void poolGrowsToThousandOpenSpansAndServesTheNextRoundsFromThePool() {
        CountingExporter exporter = new CountingExporter();
        try (SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false).build(exporter)) {
            assertThat(recorder.stats().pool().created()).as("nothing made up front").isZero();

            round(recorder);
            PoolStats first = recorder.stats().pool();
            assertThat(first.misses()).as("the first round finds the pool empty: %s", first).isEqualTo(OPEN);
            assertThat(first.pooled()).as("every span kept: %s", first).isEqualTo(OPEN);

            // The export worker's magazine keeps a few released spans for itself, so one more
            // round may create up to that many; from then on every round is served by the pool.
            round(recorder);
            round(recorder);
            PoolStats warm = recorder.stats().pool();
            round(recorder);
            PoolStats last = recorder.stats().pool();

            assertThat(last.misses()).as("misses once warm: %s then %s", warm, last).isEqualTo(warm.misses());
            assertThat(last.created()).as("spans made: %s", last)
                    .isLessThanOrEqualTo(OPEN + ObjectPool.MAX_MAGAZINE_ROOM);
            assertThat(last.discarded()).isZero();
            assertThat(last.pooled()).isEqualTo(last.created());
            assertThat(recorder.stats().isBalanced()).as("%s", recorder.stats()).isTrue();
        }
    }

    @Test
    void moreSpansOpenThanThePoolHoldsAreCountedAsMissesAndTheExcessIsDiscarded() {
        int capacity = OPEN / 2;
        CountingExporter exporter = new CountingExporter();
        try (SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false).setPoolCapacity(capacity)
                .build(exporter)) {
            round(recorder);
            round(recorder);

            RecorderStats stats = recorder.stats();
            PoolStats pool = stats.pool();
            assertThat(pool.misses()).as("%s", pool).isGreaterThanOrEqualTo(OPEN + (OPEN - capacity));
            assertThat(pool.pooled()).as("%s", pool).isEqualTo(capacity);
            assertThat(pool.discarded()).as("%s", pool).isEqualTo(pool.created() - capacity);
            assertThat(stats.batch().exported()).isEqualTo(2L * OPEN);
            assertThat(stats.isBalanced()).as("%s", stats).isTrue();
        }
    }

    /** Opens {@link #OPEN} spans at once, ends them all, and waits until all are exported. */
    private static void round(SpanRecorder recorder) {
        SpanData[] open = new SpanData[OPEN];
        for (int i = 0; i < OPEN; i++) {
            open[i] = recorder.startSpan("open-" + i, SpanKind.INTERNAL);
        }
        for (SpanData span : open) {
            assertThat(recorder.end(span)).isTrue();
        }
        assertThat(recorder.flush(10, TimeUnit.SECONDS)).as("%s", recorder.stats()).isTrue();
    }
}
