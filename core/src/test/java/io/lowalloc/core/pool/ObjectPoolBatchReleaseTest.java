package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.TestItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectPool#releaseAll} from a thread that did not acquire the objects (the export worker's
 * case: one room reservation for the whole batch, then the shared queue). The accounting stays exact whatever the path: every object is pooled, handed out or discarded.
 */
class ObjectPoolBatchReleaseTest {

    private static final int CAPACITY = 64;

    private final ObjectPool<TestItem> pool = ObjectPool.create(TestItem::new, CAPACITY);

    private static List<TestItem> acquire(ObjectPool<TestItem> pool, int count) {
        List<TestItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(pool.acquire());
        }
        return items;
    }

    private static void onAnotherThread(Runnable task) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "batch-releaser");
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        if (failure.get() != null) {
            throw new AssertionError("the other thread failed", failure.get());
        }
    }

    @Test
    void aBatchReleasedByAnotherThreadIsPooledWhole() throws Exception {
        List<TestItem> items = acquire(pool, 20);

        onAnotherThread(() -> pool.releaseAll(items));

        PoolStats stats = pool.stats();
        assertThat(stats.pooled()).isEqualTo(20);
        assertThat(stats.released()).isEqualTo(20);
        assertThat(stats.discarded()).isZero();
        assertThat(items).allSatisfy(item -> {
            assertThat(item.poolSlot().state()).isEqualTo(PoolSlot.State.POOLED);
            assertThat(item.resets).isEqualTo(1);
        });
    }

    @Test
    void aBatchBeyondTheFreeRoomKeepsWhatFitsAndDiscardsTheRest() throws Exception {
        ObjectPool<TestItem> small = ObjectPool.create(TestItem::new, 8);
        List<TestItem> items = acquire(small, 8);
        small.prefill(8); // 8 more objects fill the pool while the first 8 are out
        List<TestItem> extra = acquire(small, 3); // hits: room for 3 again

        onAnotherThread(() -> small.releaseAll(items));

        PoolStats stats = small.stats();
        assertThat(stats.pooled()).isEqualTo(8);
        assertThat(stats.discarded()).isEqualTo(5);
        // In order: the first 3 take the room, the 5 after them are discarded.
        assertThat(items.subList(0, 3)).allSatisfy(
                item -> assertThat(item.poolSlot().state()).isEqualTo(PoolSlot.State.POOLED));
        assertThat(items.subList(3, 8)).allSatisfy(
                item -> assertThat(item.poolSlot().state()).isEqualTo(PoolSlot.State.DISCARDED));
        small.releaseAll(extra);
    }

    @Test
    void aDoubleReleaseInTheBatchThrowsAndTheObjectsBeforeItArePooled() throws Exception {
        List<TestItem> items = acquire(pool, 6);
        List<TestItem> batch = new ArrayList<>(items.subList(0, 4));
        batch.add(items.get(1)); // the second entry of the same object
        batch.add(items.get(4));
        AtomicReference<Throwable> thrown = new AtomicReference<>();

        onAnotherThread(() -> {
            try {
                pool.releaseAll(batch);
            } catch (IllegalStateException e) {
                thrown.set(e);
            }
        });

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("already released");
        assertThat(items.subList(0, 4)).allSatisfy(
                item -> assertThat(item.poolSlot().state()).isEqualTo(PoolSlot.State.POOLED));
        assertThat(items.get(4).poolSlot().state()).isEqualTo(PoolSlot.State.ACQUIRED);
        assertThat(pool.stats().pooled()).isEqualTo(4);
    }

    @Test
    void aThrowingResetInTheBatchDiscardsThatObjectAndCompletesTheOnesBefore() throws Exception {
        List<TestItem> items = acquire(pool, 4);
        items.get(2).resetFailure = new IllegalStateException("reset failed");
        AtomicReference<Throwable> thrown = new AtomicReference<>();

        onAnotherThread(() -> {
            try {
                pool.releaseAll(items);
            } catch (IllegalStateException e) {
                thrown.set(e);
            }
        });

        assertThat(thrown.get()).hasMessage("reset failed");
        assertThat(items.get(0).poolSlot().state()).isEqualTo(PoolSlot.State.POOLED);
        assertThat(items.get(1).poolSlot().state()).isEqualTo(PoolSlot.State.POOLED);
        assertThat(items.get(2).poolSlot().state()).isEqualTo(PoolSlot.State.DISCARDED);
        assertThat(items.get(3).poolSlot().state()).isEqualTo(PoolSlot.State.ACQUIRED);
        assertThat(pool.stats().pooled()).isEqualTo(2);
        assertThat(pool.stats().discarded()).isEqualTo(1);
    }

    @Test
    void aForeignObjectInTheBatchIsRefused() throws Exception {
        ObjectPool<TestItem> other = ObjectPool.create(TestItem::new, CAPACITY);
        List<TestItem> batch = new ArrayList<>(acquire(pool, 2));
        batch.add(other.acquire());

        assertThatThrownBy(() -> pool.releaseAll(batch)).isInstanceOf(IllegalArgumentException.class);
        assertThat(batch.get(0).poolSlot().state()).isEqualTo(PoolSlot.State.POOLED);
        assertThat(batch.get(2).poolSlot().state()).isEqualTo(PoolSlot.State.ACQUIRED);
    }
}
