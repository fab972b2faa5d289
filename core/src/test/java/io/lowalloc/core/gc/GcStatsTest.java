package io.lowalloc.core.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lowalloc.core.testing.FakeBeans;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcStatsTest {

    private static final long MIB = 1024 * 1024;

    private static GcStats fake(long youngCount, long youngMillis, long oldCount, long oldMillis, long used) {
        List<GarbageCollectorMXBean> beans = List.of(
                new FakeBeans.Collector("young", youngCount, youngMillis),
                new FakeBeans.Collector("old", oldCount, oldMillis));
        return GcStats.capture(beans, new FakeBeans.Memory(used, 64 * MIB, 1024 * MIB));
    }

    @Test
    void captureReportsNonNegativeValues() {
        GcStats stats = GcStats.capture();

        assertThat(stats.collectionCount()).isNotNegative();
        assertThat(stats.collectionTimeMillis()).isNotNegative();
        assertThat(stats.heapUsedBytes()).isPositive();
        assertThat(stats.heapCommittedBytes()).isGreaterThanOrEqualTo(stats.heapUsedBytes());
        assertThat(stats.heapMaxBytes()).isGreaterThanOrEqualTo(stats.heapCommittedBytes());
        assertThat(stats.isDelta()).isFalse();
        assertThat(stats.collectors()).extracting(CollectorStats::name)
                .containsExactlyElementsOf(ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).toList());
        assertThat(stats.collectors()).allSatisfy(c -> {
            assertThat(c.collectionCount()).isNotNegative();
            assertThat(c.collectionTimeMillis()).isNotNegative();
        });
    }

    @Test
    void countsNeverDecreaseAndSystemGcAddsACollection() {
        assumeFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC"),
                "System.gc() is disabled");
        GcStats before = GcStats.capture();

        System.gc();
        GcStats after = GcStats.capture();
        GcStats delta = after.minus(before);

        assertThat(after.collectionCount()).isGreaterThan(before.collectionCount());
        assertThat(after.collectionTimeMillis()).isGreaterThanOrEqualTo(before.collectionTimeMillis());
        assertThat(delta.collectionCount()).isEqualTo(after.collectionCount() - before.collectionCount());
        assertThat(delta.collectors()).allSatisfy(c -> assertThat(c.collectionCount()).isNotNegative());
    }

    @Test
    void minusSubtractsCountersAndKeepsLaterHeapGauges() {
        GcStats earlier = fake(10, 100, 1, 50, 30 * MIB);
        GcStats later = fake(15, 130, 2, 90, 20 * MIB);

        GcStats delta = later.minus(earlier);

        assertThat(delta.isDelta()).isTrue();
        assertThat(delta.collectionCount()).isEqualTo(6);
        assertThat(delta.collectionTimeMillis()).isEqualTo(70);
        assertThat(delta.collectors()).extracting(CollectorStats::name, CollectorStats::collectionCount,
                CollectorStats::collectionTimeMillis)
                .containsExactly(tuple("young", 5L, 30L),
                        tuple("old", 1L, 40L));
        assertThat(delta.heapUsedBytes()).isEqualTo(20 * MIB);
        assertThat(delta.heapCommittedBytes()).isEqualTo(64 * MIB);
        assertThat(delta.heapMaxBytes()).isEqualTo(1024 * MIB);
    }

    @Test
    void minusCountsACollectorMissingFromEarlierFromZero() {
        GcStats earlier = GcStats.capture(List.of(new FakeBeans.Collector("young", 3, 9)),
                new FakeBeans.Memory(1, 2, 3));
        GcStats later = fake(4, 10, 2, 7, 1);

        GcStats delta = later.minus(earlier);

        assertThat(delta.collectors().get(1).collectionCount()).isEqualTo(2);
        assertThat(delta.collectors().get(1).collectionTimeMillis()).isEqualTo(7);
        assertThat(delta.collectionCount()).isEqualTo(3);
    }

    @Test
    void totalsAreSumsOverCollectors() {
        GcStats stats = fake(10, 100, 1, 50, 5);

        assertThat(stats.collectionCount()).isEqualTo(11);
        assertThat(stats.collectionTimeMillis()).isEqualTo(150);
    }

    @Test
    void undefinedCollectorFiguresCountAsZero() {
        GcStats stats = GcStats.capture(List.of(new FakeBeans.Collector("odd", -1, -1)),
                new FakeBeans.Memory(1, 2, -1));

        assertThat(stats.collectionCount()).isZero();
        assertThat(stats.collectionTimeMillis()).isZero();
        assertThat(stats.heapMaxBytes()).isEqualTo(-1);
        assertThat(stats.toString()).contains("max undefined");
    }

    @Test
    void minusOfLaterSnapshotThrowsNamingTheCollector() {
        GcStats earlier = fake(10, 100, 1, 50, 5);
        GcStats later = fake(15, 130, 2, 90, 5);

        assertThatThrownBy(() -> earlier.minus(later))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("earlier must have been captured before this snapshot, but young went from "
                        + "young: 15 collections, 130 ms to young: 10 collections, 100 ms");
    }

    @Test
    void minusWithNullThrows() {
        assertThatThrownBy(() -> GcStats.capture().minus(null))
                .isInstanceOf(NullPointerException.class).hasMessage("earlier");
    }

    @Test
    void minusWithDeltaArgumentThrows() {
        GcStats delta = fake(2, 2, 2, 2, 1).minus(fake(1, 1, 1, 1, 1));

        assertThatThrownBy(() -> fake(3, 3, 3, 3, 1).minus(delta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("earlier must be a captured snapshot, not a delta");
    }

    @Test
    void minusOnDeltaThrows() {
        GcStats delta = fake(2, 2, 2, 2, 1).minus(fake(1, 1, 1, 1, 1));

        assertThatThrownBy(() -> delta.minus(fake(1, 1, 1, 1, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("minus must be called on a captured snapshot, not on a delta");
    }

    @Test
    void collectorsListIsUnmodifiable() {
        GcStats stats = fake(1, 1, 1, 1, 1);

        assertThatThrownBy(() -> stats.collectors().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringShowsTotalsHeapInMibAndCollectors() {
        GcStats stats = fake(10, 100, 1, 50, 30 * MIB);

        assertThat(stats.toString()).isEqualTo("GcStats{11 collections, 150 ms, heap used 30.0 MiB / committed "
                + "64.0 MiB / max 1024.0 MiB, [young: 10 collections, 100 ms, old: 1 collections, 50 ms]}");
        assertThat(stats.minus(fake(9, 90, 1, 50, 1)).toString()).startsWith("GcStats{delta, 1 collections, 10 ms");
    }

    @Test
    void collectorStatsRejectsNullName() {
        assertThatThrownBy(() -> new CollectorStats(null, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }
}
