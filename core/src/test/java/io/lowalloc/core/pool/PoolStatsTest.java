package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolStatsTest {

    // created, hits, misses, released, discarded, pooled
    private final PoolStats stats = new PoolStats(7, 20, 5, 22, 2, 2);

    @Test
    void accessorsReturnCountersAndDerivedValues() {
        assertThat(stats.created()).isEqualTo(7);
        assertThat(stats.hits()).isEqualTo(20);
        assertThat(stats.misses()).isEqualTo(5);
        assertThat(stats.acquired()).isEqualTo(25);
        assertThat(stats.released()).isEqualTo(22);
        assertThat(stats.outstanding()).isEqualTo(3);
        assertThat(stats.discarded()).isEqualTo(2);
        assertThat(stats.pooled()).isEqualTo(2);
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
