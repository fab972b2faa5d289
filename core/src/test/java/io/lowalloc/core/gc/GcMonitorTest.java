package io.lowalloc.core.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.FakeBeans;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GcMonitorTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String MINOR = "end of minor GC";
    private static final String MAJOR = "end of major GC";

    private final AtomicLong clock = new AtomicLong(1_000);

    private GcMonitor injected(int windowSize) {
        return new GcMonitor(List.of(), windowSize, clock::get);
    }

    /** Records {@code count} minor pauses of {@code millis} each on the collector {@code young}. */
    private static void youngPauses(GcMonitor monitor, int count, long millis) {
        for (int i = 0; i < count; i++) {
            monitor.record("young", MINOR, millis);
        }
    }

    private static void assumeExplicitGcEnabled() {
        assumeFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC"),
                "System.gc() is disabled");
    }

    /** Notifications arrive asynchronously on the JVM's notification thread. */
    private static GcPauseStats awaitPauses(GcMonitor monitor, long atLeast) {
        Await.until(() -> monitor.snapshot().pauseCount() >= atLeast,
                () -> atLeast + " pause notifications, got " + monitor.snapshot().pauseCount());
        return monitor.snapshot();
    }

    @Test
    void seesAPauseAfterSystemGc() {
        assumeExplicitGcEnabled();
        try (GcMonitor monitor = GcMonitor.create().start()) {
            System.gc();

            GcPauseStats stats = awaitPauses(monitor, 1);

            assertThat(stats.pauseCount()).isGreaterThanOrEqualTo(1);
            assertThat(stats.maxPauseMillis()).isGreaterThanOrEqualTo(stats.p99PauseMillis());
            assertThat(stats.totalPauseMillis()).isGreaterThanOrEqualTo(stats.maxPauseMillis());
            assertThat(stats.pausesPerSecond()).isPositive();
            assertThat(stats.intervalNanos()).isPositive();
            assertThat(stats.countsByCollector().keySet()).containsExactlyElementsOf(monitor.collectorNames());
            if (monitor.collectorNames().contains("G1 Old Generation") && !ManagementFactory.getRuntimeMXBean()
                    .getInputArguments().contains("-XX:+ExplicitGCInvokesConcurrent")) {
                // Default G1: System.gc() is one full stop-the-world collection on the old-generation bean.
                assertThat(stats.countsByCollector().get("G1 Old Generation")).isGreaterThanOrEqualTo(1L);
            }
        }
    }

    @Test
    void listensToEveryCollectorOfThisJvm() {
        try (GcMonitor monitor = GcMonitor.create()) {
            assertThat(monitor.collectorNames()).containsExactlyElementsOf(ManagementFactory
                    .getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        }
    }

    @Test
    void closedMonitorRecordsNothingMore() {
        assumeExplicitGcEnabled();
        GcMonitor closed = GcMonitor.create().start();
        closed.close();
        closed.reset(); // forget a collection that might have slipped in between start and close
        try (GcMonitor witness = GcMonitor.create().start()) {

            System.gc();
            // Both listeners sit on the same emitters and are called in turn by one notification thread:
            // once the witness has the collection, a still-registered listener would have it too.
            assertThat(awaitPauses(witness, 1).pauseCount()).isGreaterThanOrEqualTo(1);

            assertThat(closed.isRunning()).isFalse();
            assertThat(closed.snapshot().pauseCount()).isZero();
        }
    }

    @Test
    void statisticsOfInjectedDurations() {
        GcMonitor monitor = injected(1000);
        for (long ms = 100; ms >= 1; ms--) {
            monitor.record("G1 Young Generation", MINOR, ms);
        }

        GcPauseStats stats = monitor.snapshot();

        assertThat(stats)
                .extracting(GcPauseStats::pauseCount, GcPauseStats::totalPauseMillis,
                        GcPauseStats::averagePauseMillis, GcPauseStats::p99PauseMillis, GcPauseStats::maxPauseMillis,
                        GcPauseStats::percentileSampleSize)
                .containsExactly(100L, 5050L, 50.5, 99L, 100L, 100);
        assertThat(stats.countsByCollector()).containsExactly(Map.entry("G1 Young Generation", 100L));
    }

    @Test
    void p99UsesNearestRank() {
        GcMonitor monitor = injected(1000);
        youngPauses(monitor, 198, 1);
        monitor.record("old", MAJOR, 50);
        monitor.record("old", MAJOR, 50);

        // 200 samples: rank ceil(0.99 * 200) = 198 is still a 1 ms pause.
        assertThat(monitor.snapshot().p99PauseMillis()).isEqualTo(1);

        monitor.record("old", MAJOR, 50);
        // 201 samples: rank ceil(198.99) = 199 is the first 50 ms pause.
        assertThat(monitor.snapshot().p99PauseMillis()).isEqualTo(50);
    }

    @Test
    void p99OfOneSampleIsThatSample() {
        GcMonitor monitor = injected(10);
        monitor.record("young", MINOR, 7);

        assertThat(monitor.snapshot().p99PauseMillis()).isEqualTo(7);
    }

    @Test
    void emptyMonitorReportsZeros() {
        GcPauseStats stats = injected(10).snapshot();

        assertThat(stats)
                .extracting(GcPauseStats::pauseCount, GcPauseStats::averagePauseMillis, GcPauseStats::p99PauseMillis,
                        GcPauseStats::maxPauseMillis, GcPauseStats::percentileSampleSize, GcPauseStats::pausesPerSecond)
                .containsExactly(0L, 0.0, 0L, 0L, 0, 0.0);
    }

    @Test
    void percentileCoversOnlyTheWindowWhileCountersStayExact() {
        GcMonitor monitor = injected(10);
        monitor.record("old", MAJOR, 1000);
        youngPauses(monitor, 25, 2);

        GcPauseStats stats = monitor.snapshot();

        assertThat(stats)
                .extracting(GcPauseStats::p99PauseMillis, GcPauseStats::percentileSampleSize,
                        GcPauseStats::maxPauseMillis, GcPauseStats::pauseCount, GcPauseStats::totalPauseMillis)
                .containsExactly(2L, 10, 1000L, 26L, 1050L);
    }

    @Test
    void concurrentCyclesAreCountedApartFromPauses() {
        GcMonitor monitor = injected(10);
        monitor.record("ZGC Cycles", "end of GC cycle", 30);
        monitor.record("Shenandoah Cycles", "end of GC cycle", 20);
        monitor.record("ZGC Major Cycles", "end of GC cycle", 5);

        GcPauseStats stats = monitor.snapshot();

        assertThat(stats.pauseCount()).isZero();
        assertThat(stats.concurrentCycleCount()).isEqualTo(3);
        assertThat(stats.concurrentCycleMillis()).isEqualTo(55);
        assertThat(stats.countsByCollector()).containsEntry("ZGC Cycles", 1L).containsEntry("Shenandoah Cycles", 1L);
    }

    @Test
    void g1RemarkCleanupZgcAndShenandoahPhasesArePauses() {
        GcMonitor monitor = injected(10);
        monitor.record("G1 Concurrent GC", "end of concurrent GC pause", 3);
        monitor.record("ZGC Pauses", "end of GC pause", 1);
        monitor.record("Shenandoah Pauses", "Init Mark", 2);
        monitor.record("G1 Old Generation", MAJOR, 4);

        GcPauseStats stats = monitor.snapshot();

        assertThat(stats.pauseCount()).isEqualTo(4);
        assertThat(stats.totalPauseMillis()).isEqualTo(10);
        assertThat(stats.concurrentCycleCount()).isZero();
    }

    @Test
    void pausesPerSecondUsesTheMonitoredInterval() {
        GcMonitor monitor = injected(10);
        monitor.reset();
        youngPauses(monitor, 4, 1);
        clock.addAndGet(2 * SECOND);

        GcPauseStats stats = monitor.snapshot();

        assertThat(stats.intervalNanos()).isEqualTo(2 * SECOND);
        assertThat(stats.pausesPerSecond()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void resetClearsFiguresAndRestartsTheInterval() {
        GcMonitor monitor = injected(10);
        monitor.record("young", MINOR, 5);
        monitor.record("ZGC Cycles", "end of GC cycle", 5);
        clock.addAndGet(SECOND);

        monitor.reset();
        clock.addAndGet(SECOND / 2);
        monitor.record("young", MINOR, 3);
        GcPauseStats stats = monitor.snapshot();

        assertThat(stats.pauseCount()).isEqualTo(1);
        assertThat(stats.maxPauseMillis()).isEqualTo(3);
        assertThat(stats.p99PauseMillis()).isEqualTo(3);
        assertThat(stats.concurrentCycleCount()).isZero();
        assertThat(stats.concurrentCycleMillis()).isZero();
        assertThat(stats.countsByCollector()).containsEntry("young", 1L).containsEntry("ZGC Cycles", 0L);
        assertThat(stats.intervalNanos()).isEqualTo(SECOND / 2);
    }

    @Test
    void closeFreezesTheInterval() {
        GcMonitor monitor = injected(10);
        monitor.start();
        clock.addAndGet(SECOND);
        monitor.close();
        clock.addAndGet(5 * SECOND);

        assertThat(monitor.snapshot().intervalNanos()).isEqualTo(SECOND);
    }

    @Test
    void startAndCloseAreIdempotentAndManageListeners() {
        FakeBeans.Collector young = new FakeBeans.Collector("young", 0, 0);
        FakeBeans.Collector old = new FakeBeans.Collector("old", 0, 0);
        GcMonitor monitor = new GcMonitor(List.of(young, old), 10, clock::get);
        assertThat(monitor.isRunning()).isFalse();

        assertThat(monitor.start()).isSameAs(monitor);
        monitor.start();
        assertThat(monitor.isRunning()).isTrue();
        assertThat(young.listeners()).hasSize(1);
        assertThat(old.listeners()).hasSize(1);

        monitor.close();
        monitor.close();
        assertThat(monitor.isRunning()).isFalse();
        assertThat(young.addCalls()).isEqualTo(1);
        assertThat(young.removeCalls()).isEqualTo(1);
        assertThat(young.listeners()).isEmpty();
        assertThat(old.listeners()).isEmpty();
    }

    @Test
    void closeWithoutStartRemovesNothing() {
        FakeBeans.Collector young = new FakeBeans.Collector("young", 0, 0);
        GcMonitor monitor = new GcMonitor(List.of(young), 10, clock::get);

        monitor.close();

        assertThat(young.removeCalls()).isZero();
    }

    @Test
    void startAfterCloseThrows() {
        GcMonitor monitor = injected(10);
        monitor.close();

        assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("GcMonitor is closed and cannot be restarted; create a new one");
    }

    @Test
    void knownCollectorsAreListedBeforeAnyEvent() {
        GcMonitor monitor = new GcMonitor(List.of(new FakeBeans.Collector("young", 0, 0),
                new FakeBeans.Collector("old", 0, 0)), 10, clock::get);

        assertThat(monitor.collectorNames()).containsExactly("young", "old");
        assertThat(monitor.snapshot().countsByCollector()).containsExactly(
                Map.entry("young", 0L), Map.entry("old", 0L));
    }

    @Test
    void distinctCollectorNamesAreBounded() {
        GcMonitor monitor = injected(10);
        for (int i = 0; i < PauseRecorder.MAX_COLLECTORS + 5; i++) {
            monitor.record("collector-" + i, MINOR, 1);
        }

        GcPauseStats stats = monitor.snapshot();

        assertThat(stats.countsByCollector()).hasSize(PauseRecorder.MAX_COLLECTORS + 1)
                .containsEntry(PauseRecorder.OTHER, 5L);
        assertThat(stats.pauseCount()).isEqualTo(PauseRecorder.MAX_COLLECTORS + 5);
    }

    @Test
    void windowSizeOutOfRangeThrows() {
        assertThatThrownBy(() -> GcMonitor.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowSize must be in [1, 1048576], was: 0");
        assertThatThrownBy(() -> GcMonitor.create(GcMonitor.MAX_WINDOW_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowSize must be in [1, 1048576], was: 1048577");
    }

    @Test
    void negativeDurationThrows() {
        GcMonitor monitor = injected(10);

        assertThatThrownBy(() -> monitor.record("young", MINOR, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("durationMillis must be >= 0, was: -1");
    }

    @Test
    void snapshotsAreImmutable() {
        GcMonitor monitor = injected(10);
        monitor.record("young", MINOR, 1);
        GcPauseStats stats = monitor.snapshot();

        monitor.record("young", MINOR, 9);

        assertThat(stats.pauseCount()).isEqualTo(1);
        assertThat(stats.countsByCollector()).containsEntry("young", 1L);
        assertThatThrownBy(() -> stats.countsByCollector().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringShowsEveryFigureWithUnits() {
        GcMonitor monitor = injected(10);
        monitor.reset();
        monitor.record("young", MINOR, 2);
        monitor.record("young", MINOR, 4);
        monitor.record("ZGC Cycles", "end of GC cycle", 8);
        clock.addAndGet(SECOND);

        assertThat(monitor.snapshot().toString()).isEqualTo("GcPauseStats{pauses=2, total=6 ms, avg=3.000 ms, "
                + "p99=4 ms (of last 2), max=4 ms, rate=2.000/s over 1.000 s, concurrentCycles=1 (8 ms), "
                + "byCollector={young=2, ZGC Cycles=1}}");
    }
}
