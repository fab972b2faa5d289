package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ConcurrentRun;
import io.lowalloc.core.testing.TestItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many threads on one pool. Every holder claims the object ({@link TestItem#enter()}), checks that
 * it arrives reset, writes its own marker, and verifies the marker before giving it back: a pool
 * that handed one object to two holders at once, or made it visible before reset, fails here.
 */
class ObjectPoolConcurrencyTest {

    private static final int THREADS = 4;
    private static final int CYCLES_PER_THREAD = 200_000;

    private final AtomicInteger made = new AtomicInteger();
    private final AtomicLong violations = new AtomicLong();
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private ObjectPool<TestItem> newPool(int capacity) {
        return ObjectPool.create(() -> {
            made.incrementAndGet();
            return new TestItem();
        }, capacity);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {2, 64})
    void acquireAndReleaseOnManyThreadsNeverShareAnObject(int capacity) throws Exception {
        ObjectPool<TestItem> pool = newPool(capacity);
        AtomicLong operations = new AtomicLong();

        ConcurrentRun.run("pool-test-", THREADS, errors, thread -> {
            TestItem[] held = new TestItem[3];
            long acquired = 0;
            for (int i = 0; i < CYCLES_PER_THREAD; i++) {
                int count = 1 + i % held.length;   // hold 1..3 objects at once
                for (int k = 0; k < count; k++) {
                    held[k] = takeAndMark(pool, token(thread, i, k));
                }
                for (int k = count - 1; k >= 0; k--) {
                    checkAndGiveBack(pool, held[k], token(thread, i, k));
                }
                acquired += count;
            }
            operations.addAndGet(acquired);
        });

        assertThat(errors).isEmpty();
        assertThat(violations).hasValue(0);
        assertThat(operations).hasValue(4L * (66_667 + 2 * 66_667 + 3 * 66_666));
        assertCountersAddUp(pool, operations.get(), capacity);
    }

    @Test
    void acquireOnRequestThreadsAndReleaseOnExporterThreadNeverShareAnObject() throws Exception {
        int producers = 2;
        ObjectPool<TestItem> pool = newPool(64);
        BlockingQueue<Handoff> handoff = new ArrayBlockingQueue<>(256);
        long total = (long) producers * CYCLES_PER_THREAD;

        ConcurrentRun.run("pool-test-", producers + 1, errors, thread -> {
            if (thread == producers) {                  // the exporter: releases what others acquired
                for (long n = 0; n < total; n++) {
                    Handoff h = handoff.take();
                    checkAndGiveBack(pool, h.item(), h.token());
                }
                return;
            }
            for (int i = 0; i < CYCLES_PER_THREAD; i++) {
                long token = token(thread, i, 0);
                handoff.put(new Handoff(takeAndMark(pool, token), token));
            }
        });

        assertThat(errors).isEmpty();
        assertThat(violations).hasValue(0);
        assertCountersAddUp(pool, total, 64);
    }

    @Test
    void racingReleasesOfOneObjectLetExactlyOneWin() throws Exception {
        int rounds = 20_000;
        ObjectPool<TestItem> pool = newPool(4);
        AtomicInteger arrivals = new AtomicInteger();
        TestItem[] current = new TestItem[1];
        AtomicLong wins = new AtomicLong();
        AtomicLong rejections = new AtomicLong();

        ConcurrentRun.run("pool-test-", 2, errors, thread -> {
            for (int r = 0; r < rounds; r++) {
                if (thread == 0) {
                    current[0] = pool.acquire();
                }
                meet(arrivals, 2 * r + 1);              // publishes current[0]; both release at once
                try {
                    pool.release(current[0]);
                    wins.incrementAndGet();
                } catch (IllegalStateException expected) {
                    rejections.incrementAndGet();
                }
                meet(arrivals, 2 * r + 2);
            }
        });

        assertThat(errors).isEmpty();
        assertThat(wins).hasValue(rounds);
        assertThat(rejections).hasValue(rounds);
        // Only the winner resets: as many resets as leases.
        assertThat(current[0].resets).isEqualTo(current[0].poolSlot().leaseCount());
        assertCountersAddUp(pool, rounds, 4);
    }

    /**
     * Two-party barrier that spins rather than parks, so that both threads leave it within
     * nanoseconds of each other (a parking barrier wakes them microseconds apart, too far apart
     * to race). Yields now and then so a descheduled partner can run on a busy machine; gives up
     * as soon as the partner has failed.
     */
    private void meet(AtomicInteger arrivals, int meeting) {
        arrivals.incrementAndGet();
        for (int spins = 1; arrivals.get() < 2 * meeting; spins++) {
            if (!errors.isEmpty()) {
                throw new IllegalStateException("partner thread failed");
            }
            if ((spins & 0xFFF) == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private TestItem takeAndMark(ObjectPool<TestItem> pool, long token) {
        TestItem item = pool.acquire();
        if (!item.enter()) {
            violations.incrementAndGet();               // someone else holds it right now
        }
        if (item.marker != 0) {
            violations.incrementAndGet();               // handed out before it was reset
        }
        item.marker = token;
        return item;
    }

    private void checkAndGiveBack(ObjectPool<TestItem> pool, TestItem item, long token) {
        if (item.marker != token) {
            violations.incrementAndGet();               // another holder wrote into it
        }
        if (!item.leave()) {
            violations.incrementAndGet();
        }
        pool.release(item);
    }

    private void assertCountersAddUp(ObjectPool<TestItem> pool, long operations, int capacity) {
        PoolStats stats = pool.stats();
        assertThat(stats.acquired()).isEqualTo(operations);
        assertThat(stats.hits() + stats.misses()).isEqualTo(operations);
        assertThat(stats.released()).isEqualTo(operations);
        assertThat(stats.outstanding()).isZero();
        assertThat(stats.created()).isEqualTo(made.get());
        assertThat(stats.misses()).isEqualTo(made.get());
        assertThat(stats.created()).isEqualTo(stats.pooled() + stats.discarded());
        assertThat(stats.pooled()).isBetween(1L, (long) capacity);
        assertThat(pool.prefill(capacity)).isEqualTo(capacity - (int) stats.pooled());
        // Drain: exactly `capacity` distinct objects come out as hits, then a miss.
        List<TestItem> drained = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            drained.add(pool.acquire());
        }
        assertThat(drained).doesNotHaveDuplicates();
        assertThat(pool.stats().hits()).isEqualTo(stats.hits() + capacity);
        assertThat(pool.stats().pooled()).isZero();
    }

    private static long token(int thread, int cycle, int slot) {
        return ((long) (thread + 1) << 40) | ((long) cycle << 2) | slot;
    }

    private record Handoff(TestItem item, long token) {
    }
}
