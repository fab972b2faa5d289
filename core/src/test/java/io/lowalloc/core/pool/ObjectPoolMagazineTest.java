package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.TestItem;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which platform threads a magazine serves. A thread with a magazine gets back the object it just
 * released (the magazine is a stack); a thread without one goes through the shared queue, which
 * is first in, first out, so with the pool prefilled it gets another object. A thread looks first
 * at the magazine its id indexes and, if another live thread owns that one, must still get a
 * magazine of its own.
 */
class ObjectPoolMagazineTest {

    // A multiple of every possible number of home magazines (a power of two, at most 2 * 64).
    private static final int HOME_PERIOD = 128;
    private static final int CAPACITY = 64;

    private final ObjectPool<TestItem> pool = ObjectPool.create(TestItem::new, CAPACITY);

    /** Acquires and releases one object, then acquires again; true if that returned the same object. */
    private boolean getsBackWhatItReleased() {
        TestItem first = pool.acquire();
        pool.release(first);
        TestItem again = pool.acquire();
        pool.release(again);
        return again == first;
    }

    @Test
    void theQueueAloneHandsOutAnotherObjectAfterARelease() {
        // The control for the tests below: a pool too small for magazines uses only the queue.
        ObjectPool<TestItem> noMagazines = ObjectPool.create(TestItem::new, 7);
        noMagazines.prefill(7);

        TestItem first = noMagazines.acquire();
        noMagazines.release(first);

        assertThat(noMagazines.acquire()).isNotSameAs(first);
    }

    @Test
    void aThreadWithAMagazineGetsBackWhatItReleased() {
        pool.prefill(CAPACITY);

        assertThat(getsBackWhatItReleased()).isTrue();
        assertThat(getsBackWhatItReleased()).isTrue();
    }

    @Test
    void aThreadWhoseHomeMagazineAnotherLiveThreadOwnsGetsAnotherMagazine() throws Exception {
        pool.prefill(CAPACITY);
        CountDownLatch homeClaimed = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicReference<Boolean> firstServed = new AtomicReference<>();
        AtomicReference<Boolean> firstServedAfterwards = new AtomicReference<>();
        AtomicReference<Boolean> secondServed = new AtomicReference<>();
        Thread first = new Thread(() -> {
            firstServed.set(getsBackWhatItReleased());
            homeClaimed.countDown();
            try {
                // Alive, so that its magazine cannot be taken over as a terminated thread's.
                secondDone.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            firstServedAfterwards.set(getsBackWhatItReleased());
        }, "home-owner");
        Thread second = sameHomeAs(first, () -> secondServed.set(getsBackWhatItReleased()));

        first.start();
        assertThat(homeClaimed.await(10, TimeUnit.SECONDS)).isTrue();
        second.start();
        second.join(10_000);
        secondDone.countDown();
        first.join(10_000);

        assertThat(firstServed.get()).as("the home owner has its magazine").isTrue();
        assertThat(secondServed.get()).as("the second thread has a magazine of its own").isTrue();
        assertThat(firstServedAfterwards.get()).as("the home owner still has its magazine").isTrue();
        PoolStats stats = pool.stats();
        assertThat(stats.acquired()).isEqualTo(6);
        assertThat(stats.released()).isEqualTo(6);
        assertThat(stats.misses()).isZero();
        assertThat(stats.pooled()).isEqualTo(CAPACITY);
    }

    // An unstarted thread whose id is congruent to other's modulo HOME_PERIOD, hence to its index
    // into the home magazines, whatever their number; the pigeonhole bounds the search.
    private static Thread sameHomeAs(Thread other, Runnable task) {
        for (int i = 0; i <= 100 * HOME_PERIOD; i++) {
            Thread candidate = new Thread(task, "same-home");
            if ((candidate.getId() - other.getId()) % HOME_PERIOD == 0) {
                return candidate;
            }
        }
        throw new AssertionError("no thread id congruent to " + other.getId() + " mod " + HOME_PERIOD);
    }
}
