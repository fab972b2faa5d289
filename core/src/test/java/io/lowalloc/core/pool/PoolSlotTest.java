package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.pool.PoolSlot.State;
import io.lowalloc.core.testing.TestItem;
import org.junit.jupiter.api.Test;

class PoolSlotTest {

    private final ObjectPool<TestItem> pool = ObjectPool.builder(TestItem::new).name("items").capacity(2).build();
    private final ObjectPool<TestItem> other = ObjectPool.builder(TestItem::new).name("other").capacity(2).build();

    @Test
    void newSlotIsNewUnboundAndNeverLeased() {
        PoolSlot slot = new PoolSlot();

        assertThat(slot.state()).isEqualTo(State.NEW);
        assertThat(slot.leaseCount()).isZero();
        assertThat(slot.owner()).isNull();
        assertThat(slot).hasToString("PoolSlot[state=NEW, leases=0, pool=none]");
    }

    @Test
    void bindSetsTheOwnerOnce() {
        PoolSlot slot = new PoolSlot();

        slot.bind(pool);

        assertThat(slot.owner()).isSameAs(pool);
    }

    @Test
    void bindToAnotherPoolThrowsAndKeepsTheOwner() {
        PoolSlot slot = new PoolSlot();
        slot.bind(pool);

        assertThatThrownBy(() -> slot.bind(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slot is already bound to another pool (ObjectPool[items, capacity=2, pooled=0]), "
                        + "cannot bind it to ObjectPool[other, capacity=2, pooled=0]: "
                        + "an object belongs to the one pool whose factory created it");
        assertThat(slot.owner()).isSameAs(pool);
    }

    @Test
    void bindToTheSamePoolTwiceThrows() {
        PoolSlot slot = new PoolSlot();
        slot.bind(pool);

        assertThatThrownBy(() -> slot.bind(pool))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("the factory must return a new object on every call");
    }

    @Test
    void compareAndSetStateChangesOnlyFromTheExpectedState() {
        PoolSlot slot = new PoolSlot();

        assertThat(slot.compareAndSetState(State.ACQUIRED, State.RELEASING)).isFalse();
        assertThat(slot.state()).isEqualTo(State.NEW);
        assertThat(slot.compareAndSetState(State.NEW, State.POOLED)).isTrue();
        assertThat(slot.state()).isEqualTo(State.POOLED);
    }

    @Test
    void leaseCountCountsEveryAcquire() {
        TestItem item = pool.acquire();
        pool.release(item);
        pool.acquire();
        pool.release(item);

        assertThat(item.poolSlot().leaseCount()).isEqualTo(2);
        assertThat(pool.acquire().poolSlot().leaseCount()).isEqualTo(3);
    }

    @Test
    void prefilledObjectIsFirstLeasedByAcquire() {
        pool.prefill(1);
        TestItem item = pool.acquire();
        pool.release(item);

        assertThat(item.poolSlot().leaseCount()).isEqualTo(1);
        assertThat(item.poolSlot().state()).isEqualTo(State.POOLED);
    }

    @Test
    void toStringShowsStateLeasesAndPool() {
        TestItem item = pool.acquire();

        assertThat(item.poolSlot()).hasToString("PoolSlot[state=ACQUIRED, leases=1, pool=items]");
    }
}
