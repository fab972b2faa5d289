package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.pool.PoolSlot.State;
import io.lowalloc.core.testing.TestItem;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ObjectPoolTest {

    private static final PoolStats NOTHING_COUNTED = new PoolStats(0, 0, 0, 0, 0, 0);

    private final AtomicInteger made = new AtomicInteger();
    private final Supplier<TestItem> countingFactory = () -> {
        made.incrementAndGet();
        return new TestItem();
    };
    private final ObjectPool<TestItem> pool = ObjectPool.builder(countingFactory).name("items").capacity(4).build();

    @Test
    void acquireOnEmptyPoolCreatesObject() {
        TestItem item = pool.acquire();

        assertThat(item).isNotNull();
        assertThat(made).hasValue(1);
        assertThat(item.poolSlot().state()).isEqualTo(State.ACQUIRED);
        assertThat(item.poolSlot().leaseCount()).isEqualTo(1);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 1, 0, 0, 0));
    }

    @Test
    void acquireAfterReleaseReusesTheSameObject() {
        TestItem item = pool.acquire();
        pool.release(item);

        TestItem again = pool.acquire();

        assertThat(again).isSameAs(item);
        assertThat(made).hasValue(1);
        assertThat(again.poolSlot().state()).isEqualTo(State.ACQUIRED);
        assertThat(again.poolSlot().leaseCount()).isEqualTo(2);
        PoolStats stats = pool.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.acquired()).isEqualTo(2);
        assertThat(stats.outstanding()).isEqualTo(1);
    }

    @Test
    void acquireCallsOnAcquireOnceTheObjectIsAcquired() {
        TestItem item = pool.acquire();
        pool.release(item);
        pool.acquire();

        assertThat(item.acquires).isEqualTo(2);
        assertThat(item.stateSeenByOnAcquire).isEqualTo(State.ACQUIRED);
    }

    @Test
    void releaseCallsResetOnceWhileTheObjectIsReleasing() {
        TestItem item = pool.acquire();
        item.marker = 42;

        pool.release(item);

        assertThat(item.resets).isEqualTo(1);
        assertThat(item.marker).isZero();
        assertThat(item.stateSeenByReset).isEqualTo(State.RELEASING);
        assertThat(item.poolSlot().state()).isEqualTo(State.POOLED);
    }

    @Test
    void releaseResetsBeforeTheObjectIsPooled() {
        TestItem item = pool.acquire();
        long[] pooledDuringReset = {-1};
        TestItem[] acquiredDuringReset = {null};
        item.onReset = () -> {
            pooledDuringReset[0] = pool.stats().pooled();
            acquiredDuringReset[0] = pool.acquire();
        };

        pool.release(item);

        assertThat(pooledDuringReset[0]).isZero();
        assertThat(acquiredDuringReset[0]).isNotSameAs(item);
        assertThat(pool.stats().pooled()).isEqualTo(1);
    }

    @Test
    void releaseNullThrows() {
        assertThatThrownBy(() -> pool.release(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("object");
        assertThat(pool.stats()).isEqualTo(NOTHING_COUNTED);
    }

    @Test
    void releaseTwiceThrowsAndLeavesPoolUnchanged() {
        TestItem item = pool.acquire();
        pool.release(item);
        PoolStats before = pool.stats();

        assertThatThrownBy(() -> pool.release(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("object already released (its state is POOLED) to ObjectPool[items, capacity=4, pooled=1]");

        assertThat(pool.stats()).isEqualTo(before);
        assertThat(item.resets).isEqualTo(1);
        assertThat(item.poolSlot().state()).isEqualTo(State.POOLED);
        assertThat(pool.acquire()).isSameAs(item);
        assertThat(pool.acquire()).isNotSameAs(item);
    }

    @Test
    void releaseOfAHandedOffObjectIsVetoedAndChangesNothing() {
        TestItem item = pool.acquire();
        item.marker = 7;
        item.handedOff = true;
        PoolStats before = pool.stats();

        assertThatThrownBy(() -> pool.release(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("test item is handed off");

        assertThat(pool.stats()).isEqualTo(before);
        assertThat(item.resets).isZero();
        assertThat(item.marker).isEqualTo(7);
        assertThat(item.poolSlot().state()).isEqualTo(State.ACQUIRED);
        assertThat(pool.acquire()).as("not pooled").isNotSameAs(item);
    }

    @Test
    void theHandOffReleaserReleasesAHandedOffObjectWithoutAskingIt() {
        HandOffReleaser<TestItem> releaser = pool.claimHandOffReleaser();
        TestItem item = pool.acquire();
        item.handedOff = true;

        releaser.release(item);

        assertThat(item.releasableChecks).isZero();
        assertThat(item.resets).isEqualTo(1);
        assertThat(item.poolSlot().state()).isEqualTo(State.POOLED);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 1, 1, 0, 1));
        assertThat(releaser.pool()).isSameAs(pool);
        assertThat(releaser).hasToString("HandOffReleaser[ObjectPool[items, capacity=4, pooled=1]]");
        assertThat(pool.acquire()).isSameAs(item);
    }

    @Test
    void aPlainReleaseAsksTheObjectOnlyAfterCheckingItsPool() {
        ObjectPool<TestItem> other = ObjectPool.builder(TestItem::new).name("other").capacity(2).build();
        TestItem foreign = other.acquire();
        foreign.handedOff = true;

        assertThatThrownBy(() -> pool.release(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("object was not created by this pool");
        assertThat(foreign.releasableChecks).isZero();

        TestItem item = pool.acquire();
        pool.release(item);
        assertThat(item.releasableChecks).isEqualTo(1);
    }

    @Test
    void theHandOffReleaserKeepsEveryOtherCheckOfRelease() {
        HandOffReleaser<TestItem> releaser = pool.claimHandOffReleaser();
        TestItem item = pool.acquire();
        releaser.release(item);
        PoolStats before = pool.stats();
        ObjectPool<TestItem> other = ObjectPool.builder(TestItem::new).name("other").capacity(2).build();
        TestItem foreign = other.acquire();

        assertThatThrownBy(() -> releaser.release(item)).isInstanceOf(IllegalStateException.class)
                .hasMessage("object already released (its state is POOLED) to ObjectPool[items, capacity=4, pooled=1]");
        assertThatThrownBy(() -> releaser.release(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("object was not created by this pool");
        assertThatThrownBy(() -> releaser.release(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("object");

        assertThat(pool.stats()).isEqualTo(before);
        assertThat(foreign.poolSlot().state()).isEqualTo(State.ACQUIRED);
    }

    @Test
    void theHandOffReleaserCanBeClaimedOnlyOnce() {
        pool.claimHandOffReleaser();

        assertThatThrownBy(pool::claimHandOffReleaser).isInstanceOf(IllegalStateException.class)
                .hasMessage("the hand-off releaser of ObjectPool[items, capacity=4, pooled=0] was already claimed:"
                        + " only the component that hands this pool's objects off may hold it");
    }

    @Test
    void releaseOfObjectFromAnotherPoolThrows() {
        ObjectPool<TestItem> other = ObjectPool.builder(TestItem::new).name("other").capacity(2).build();
        TestItem foreign = other.acquire();

        assertThatThrownBy(() -> pool.release(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("object was not created by this pool (ObjectPool[items, capacity=4, pooled=0]); "
                        + "it belongs to ObjectPool[other, capacity=2, pooled=0]");

        assertThat(pool.stats()).isEqualTo(NOTHING_COUNTED);
        assertThat(foreign.resets).isZero();
        assertThat(foreign.poolSlot().state()).isEqualTo(State.ACQUIRED);
        other.release(foreign);
        assertThat(other.stats().pooled()).isEqualTo(1);
    }

    @Test
    void ownsTellsThisPoolsObjectsFromOthersInEveryState() {
        ObjectPool<TestItem> other = ObjectPool.builder(TestItem::new).name("other").capacity(2).build();
        TestItem mine = pool.acquire();
        TestItem foreign = other.acquire();

        assertThat(pool.owns(mine)).isTrue();
        assertThat(pool.owns(foreign)).isFalse();
        assertThat(pool.owns(new TestItem())).as("never handed out").isFalse();
        pool.release(mine);
        assertThat(pool.owns(mine)).as("pooled").isTrue();
        assertThat(pool.stats().acquired()).as("no counter moved").isEqualTo(1);
        assertThatThrownBy(() -> pool.owns(null)).isInstanceOf(NullPointerException.class).hasMessage("object");
        other.release(foreign);
    }

    @Test
    void releaseOfObjectNeverPooledThrows() {
        TestItem stranger = new TestItem();

        assertThatThrownBy(() -> pool.release(stranger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("object was not created by this pool (ObjectPool[items, capacity=4, pooled=0]); "
                        + "it was never handed out by any pool");

        assertThat(pool.stats()).isEqualTo(NOTHING_COUNTED);
        assertThat(stranger.resets).isZero();
        assertThat(stranger.poolSlot().state()).isEqualTo(State.NEW);
    }

    @Test
    void releaseOfObjectWithoutSlotThrows() {
        Poolable slotless = slotless();
        ObjectPool<Poolable> anyPool = ObjectPool.create(TestItem::new, 2);

        assertThatThrownBy(() -> anyPool.release(slotless))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("object was not created by this pool");
    }

    /** A pool of capacity 1 into which two acquired objects were released: one kept, one discarded. */
    private record PoolOfOne(ObjectPool<TestItem> pool, TestItem kept, TestItem discarded) {

        static PoolOfOne afterTwoReleases() {
            ObjectPool<TestItem> small = ObjectPool.create(TestItem::new, 1);
            TestItem kept = small.acquire();
            TestItem extra = small.acquire();
            small.release(kept);
            small.release(extra);
            return new PoolOfOne(small, kept, extra);
        }
    }

    @Test
    void releaseWhenFullDiscardsTheObject() {
        PoolOfOne small = PoolOfOne.afterTwoReleases();

        assertThat(small.pool().capacity()).isEqualTo(1);
        assertThat(small.discarded().resets).isEqualTo(1);
        assertThat(small.discarded().poolSlot().state()).isEqualTo(State.DISCARDED);
        assertThat(small.kept().poolSlot().state()).isEqualTo(State.POOLED);
        assertThat(small.pool().stats()).isEqualTo(new PoolStats(2, 0, 2, 2, 1, 1));
        assertThat(small.pool().acquire()).as("the object kept").isSameAs(small.kept());
    }

    @Test
    void releaseAfterDiscardThrows() {
        PoolOfOne small = PoolOfOne.afterTwoReleases();
        PoolStats before = small.pool().stats();

        assertThatThrownBy(() -> small.pool().release(small.discarded()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("object already released (its state is DISCARDED)");

        assertThat(small.pool().stats()).isEqualTo(before);
        assertThat(small.pool().acquire()).isSameAs(small.kept());
    }

    @Test
    void resetFailureDiscardsTheObjectAndPropagates() {
        TestItem item = pool.acquire();
        RuntimeException failure = new RuntimeException("reset failed");
        item.resetFailure = failure;

        assertThatThrownBy(() -> pool.release(item)).isSameAs(failure);

        assertThat(item.poolSlot().state()).isEqualTo(State.DISCARDED);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 1, 1, 1, 0));
        assertThatThrownBy(() -> pool.release(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("object already released (its state is DISCARDED)");
        assertThat(pool.acquire()).isNotSameAs(item);
    }

    @Test
    void onAcquireFailureDiscardsTheObjectAndPropagates() {
        RuntimeException failure = new RuntimeException("onAcquire failed");
        TestItem[] failing = {null};
        ObjectPool<TestItem> failingPool = ObjectPool.create(() -> {
            failing[0] = new TestItem();
            failing[0].acquireFailure = failure;
            return failing[0];
        }, 2);

        assertThatThrownBy(failingPool::acquire).isSameAs(failure);

        PoolStats stats = failingPool.stats();
        assertThat(stats).isEqualTo(new PoolStats(1, 0, 1, 1, 1, 0));
        assertThat(stats.outstanding()).isZero();
        assertThat(failing[0].poolSlot().state()).isEqualTo(State.DISCARDED);
    }

    @Test
    void factoryReturningNullThrows() {
        ObjectPool<TestItem> broken = ObjectPool.builder(() -> (TestItem) null).name("broken").capacity(2).build();

        assertThatThrownBy(broken::acquire)
                .isInstanceOf(NullPointerException.class)
                .hasMessage("factory returned null for ObjectPool[broken, capacity=2, pooled=0]");
        assertThat(broken.stats()).isEqualTo(NOTHING_COUNTED);
    }

    @Test
    void factoryReturningObjectWithoutSlotThrows() {
        Poolable slotless = slotless();
        ObjectPool<Poolable> broken = ObjectPool.builder(() -> slotless).name("broken").capacity(2).build();

        assertThatThrownBy(broken::acquire)
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("poolSlot() returned null for an object of ")
                .hasMessageEndingWith(" made by the factory of ObjectPool[broken, capacity=2, pooled=0]");
    }

    @Test
    void factoryReturningObjectOfAnotherPoolThrows() {
        ObjectPool<TestItem> other = ObjectPool.builder(TestItem::new).name("other").capacity(2).build();
        TestItem foreign = other.acquire();
        ObjectPool<TestItem> thief = ObjectPool.builder(() -> foreign).name("thief").capacity(2).build();

        assertThatThrownBy(thief::acquire)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slot is already bound to another pool (ObjectPool[other, capacity=2, pooled=0]), "
                        + "cannot bind it to ObjectPool[thief, capacity=2, pooled=0]: "
                        + "an object belongs to the one pool whose factory created it");

        assertThat(thief.stats()).isEqualTo(NOTHING_COUNTED);
        assertThat(foreign.poolSlot().state()).isEqualTo(State.ACQUIRED);
    }

    @Test
    void factoryReturningTheSameObjectTwiceThrows() {
        TestItem single = new TestItem();
        ObjectPool<TestItem> broken = ObjectPool.builder(() -> single).name("singleton").capacity(2).build();
        TestItem first = broken.acquire();

        assertThatThrownBy(broken::acquire)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("slot is already bound to this pool (ObjectPool[singleton, capacity=2, pooled=0]): "
                        + "the factory must return a new object on every call");

        assertThat(first.poolSlot().state()).isEqualTo(State.ACQUIRED);
        assertThat(first.poolSlot().leaseCount()).isEqualTo(1);
        assertThat(broken.stats()).isEqualTo(new PoolStats(1, 0, 1, 0, 0, 0));
    }

    @Test
    void factoryFailureOnAcquirePropagatesAndCountsNothing() {
        IllegalStateException failure = new IllegalStateException("no memory today");
        ObjectPool<TestItem> failing = ObjectPool.create(() -> {
            throw failure;
        }, 2);

        assertThatThrownBy(failing::acquire).isSameAs(failure);
        assertThat(failing.stats()).isEqualTo(NOTHING_COUNTED);
    }

    @Test
    void acquireOfCorruptedPooledObjectThrows() {
        pool.prefill(1);
        TestItem probe = pool.acquire();
        pool.release(probe);
        probe.poolSlot().setState(State.DISCARDED); // simulate a pool bug: only the pool can do this

        assertThatThrownBy(pool::acquire)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("pool corrupted: a pooled object was DISCARDED instead of POOLED");
    }

    @Test
    void statsCountEveryOperationExactly() {
        TestItem a = pool.acquire();          // miss
        TestItem b = pool.acquire();          // miss
        pool.release(a);
        TestItem c = pool.acquire();          // hit (a)
        pool.release(b);
        pool.release(c);
        pool.prefill(4);                      // 2 pooled -> creates 2
        TestItem[] held = new TestItem[6];
        for (int i = 0; i < held.length; i++) {
            held[i] = pool.acquire();         // 4 hits, 2 misses
        }
        for (TestItem item : held) {
            pool.release(item);               // 4 pooled, 2 discarded
        }

        PoolStats stats = pool.stats();
        assertThat(stats)
                .extracting(PoolStats::created, PoolStats::hits, PoolStats::misses, PoolStats::acquired,
                        PoolStats::released, PoolStats::outstanding, PoolStats::discarded, PoolStats::pooled)
                .containsExactly(6L, 5L, 4L, 9L, 9L, 0L, 2L, 4L);
        assertThat(stats.created()).isEqualTo(stats.pooled() + stats.outstanding() + stats.discarded());
        assertThat(made).hasValue(6);
    }

    @Test
    void statsIsASnapshot() {
        PoolStats before = pool.stats();
        pool.release(pool.acquire());

        assertThat(before).isEqualTo(NOTHING_COUNTED);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 1, 1, 0, 1));
    }

    @Test
    void toStringShowsNameCapacityAndPooledCount() {
        pool.prefill(3);

        assertThat(pool).hasToString("ObjectPool[items, capacity=4, pooled=3]");
    }

    /** A broken poolable whose {@code poolSlot()} returns null. */
    private static Poolable slotless() {
        return new Poolable() {
            @Override
            public PoolSlot poolSlot() {
                return null;
            }

            @Override
            public void reset() {
            }
        };
    }
}
