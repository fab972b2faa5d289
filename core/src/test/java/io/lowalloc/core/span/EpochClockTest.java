package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EpochClockTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long TOLERANCE = 5 * MILLI;

    @Test
    void systemClockIsCloseToCurrentTimeMillis() {
        EpochClock clock = EpochClock.system();
        for (int i = 0; i < 5; i++) {
            long before = System.currentTimeMillis() * MILLI;
            long now = clock.nowEpochNanos();
            long after = (System.currentTimeMillis() + 1) * MILLI;

            assertThat(now).isBetween(before - TOLERANCE, after + TOLERANCE);
        }
    }

    @Test
    void systemClockIsMonotonic() {
        EpochClock clock = EpochClock.system();
        long previous = clock.nowEpochNanos();
        int backwardSteps = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long now = clock.nowEpochNanos();
            backwardSteps += now < previous ? 1 : 0;
            previous = now;
        }

        assertThat(backwardSteps).isZero();
    }

    @Test
    void systemClockAdvancesWithElapsedTime() throws InterruptedException {
        EpochClock clock = EpochClock.system();
        long start = clock.nowEpochNanos();

        Thread.sleep(20);

        assertThat(clock.nowEpochNanos() - start).isGreaterThanOrEqualTo(20 * MILLI);
    }

    @Test
    void systemClockHasSubMicrosecondResolution() {
        EpochClock clock = EpochClock.system();
        boolean sawNanos = false;
        for (int i = 0; i < 1_000 && !sawNanos; i++) {
            sawNanos = clock.nowEpochNanos() % 1_000 != 0;
        }

        assertThat(sawNanos).as("some reading is not a whole microsecond").isTrue();
    }

    @Test
    void eachSystemCallAnchorsANewClock() {
        EpochClock first = EpochClock.system();
        EpochClock second = EpochClock.system();

        assertThat(second).isNotSameAs(first);
        assertThat(Math.abs(second.nowEpochNanos() - first.nowEpochNanos())).isLessThan(TOLERANCE);
    }

    @Test
    void aFixedClockCanBeALambda() {
        EpochClock fixed = () -> 1_700_000_000_123_456_789L;

        assertThat(fixed.nowEpochNanos()).isEqualTo(1_700_000_000_123_456_789L);
    }

    @Test
    void readingTheSystemClockAllocatesNothing() {
        EpochClock clock = EpochClock.system();

        double perOp = AllocationMeter.create().bytesPerOp(1_000_000, 1_000_000, i -> clock.nowEpochNanos());

        assertThat(perOp).isZero();
    }
}
