package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchStatsTest {

    private static BatchStats stats(long offered, long exported, long failed, long abandoned, long pending) {
        return new BatchStats(offered, exported, failed, abandoned, pending, 1, 2, 3, 4, 10, 11, 12);
    }

    @Test
    void droppedIsTheSumOfItsBreakdown() {
        BatchStats stats = stats(0, 0, 0, 0, 0);
        assertThat(stats)
                .extracting(BatchStats::droppedQueueFull, BatchStats::droppedBlockTimeout,
                        BatchStats::droppedInterrupted, BatchStats::rejectedAfterClose, BatchStats::dropped)
                .containsExactly(1L, 2L, 3L, 4L, 10L);
    }

    @Test
    void balancedWhenEveryOfferedItemIsAccountedFor() {
        BatchStats stats = stats(10 + 100 + 20 + 30 + 40, 100, 20, 30, 40);
        assertThat(stats.isBalanced()).isTrue();
        assertThat(stats)
                .extracting(BatchStats::offered, BatchStats::exported, BatchStats::failed, BatchStats::abandoned,
                        BatchStats::pending)
                .containsExactly(200L, 100L, 20L, 30L, 40L);
    }

    @Test
    void unbalancedWhenAnItemIsMissingOrCountedTwice() {
        assertThat(stats(199, 100, 20, 30, 40).isBalanced()).isFalse();
        assertThat(stats(201, 100, 20, 30, 40).isBalanced()).isFalse();
    }

    @Test
    void exportCountersAreKeptApart() {
        BatchStats stats = stats(0, 0, 0, 0, 0);
        assertThat(stats)
                .extracting(BatchStats::exportCalls, BatchStats::failedExports, BatchStats::timedOutExports)
                .containsExactly(10L, 11L, 12L);
    }

    @Test
    void toStringNamesEveryCounter() {
        assertThat(stats(200, 100, 20, 30, 40).toString()).isEqualTo("BatchStats{offered=200, exported=100,"
                + " dropped=10 (queueFull=1, blockTimeout=2, interrupted=3, afterClose=4), failed=20, abandoned=30,"
                + " pending=40, exportCalls=10, failedExports=11, timedOutExports=12, balanced=true}");
    }
}
