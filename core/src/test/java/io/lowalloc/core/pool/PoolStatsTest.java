package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolStatsTest {

    // created, hits, misses, released, discarded, pooled
    private final PoolStats stats = new PoolStats(7, 20, 5, 22, 2, 2);

    @Test
    void accessorsReturnCountersAndDerivedValues() {
        assertThat(stats)
                .extracting(PoolStats::created, PoolStats::hits, PoolStats::misses, PoolStats::acquired,
                        PoolStats::released, PoolStats::outstanding, PoolStats::discarded, PoolStats::pooled)
                .containsExactly(7L, 20L, 5L, 25L, 22L, 3L, 2L, 2L);
    }

    @Test
    void toStringListsEveryCounter() {
        assertThat(stats).hasToString("PoolStats[created=7, acquired=25, released=22, hits=20, misses=5, "
                + "discarded=2, outstanding=3, pooled=2]");
    }

    @Test
    void equalSnapshotsAreEqualAndHashAlike() {
        PoolStats same = new PoolStats(7, 20, 5, 22, 2, 2);

        assertThat(stats).isEqualTo(same).isEqualTo(stats);
        assertThat(stats.hashCode()).isEqualTo(same.hashCode());
    }

    @Test
    void snapshotsDifferingInAnyCounterAreNotEqual() {
        assertThat(stats)
                .isNotEqualTo(new PoolStats(8, 20, 5, 22, 2, 2))
                .isNotEqualTo(new PoolStats(7, 21, 5, 22, 2, 2))
                .isNotEqualTo(new PoolStats(7, 20, 6, 22, 2, 2))
                .isNotEqualTo(new PoolStats(7, 20, 5, 23, 2, 2))
                .isNotEqualTo(new PoolStats(7, 20, 5, 22, 3, 2))
                .isNotEqualTo(new PoolStats(7, 20, 5, 22, 2, 3))
                .isNotEqualTo("PoolStats")
                .isNotEqualTo(null);
        assertThat(stats.hashCode()).isNotEqualTo(new PoolStats(7, 20, 5, 22, 2, 3).hashCode());
    }
}
