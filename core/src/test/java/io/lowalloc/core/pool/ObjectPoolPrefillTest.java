package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.pool.PoolSlot.State;
import io.lowalloc.core.testing.TestItem;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObjectPoolPrefillTest {

    private final AtomicInteger made = new AtomicInteger();
    private final ObjectPool<TestItem> pool = ObjectPool.create(() -> {
        made.incrementAndGet();
        return new TestItem();
    }, 5);

    @Test
    void prefillCreatesPooledObjects() {
        int created = pool.prefill(3);

        assertThat(created).isEqualTo(3);
        assertThat(made).hasValue(3);
        assertThat(pool.stats()).isEqualTo(new PoolStats(3, 0, 0, 0, 0, 3));
    }

    @Test
    void prefilledObjectsAreHandedOutAsHits() {
        pool.prefill(2);

        TestItem first = pool.acquire();
        TestItem second = pool.acquire();

        assertThat(first).isNotSameAs(second);
        assertThat(first.poolSlot().state()).isEqualTo(State.ACQUIRED);
        assertThat(first.resets).isZero();
        assertThat(pool.stats().hits()).isEqualTo(2);
        assertThat(pool.stats().misses()).isZero();
        assertThat(made).hasValue(2);
    }

    @Test
    void prefillCreatesOnlyTheMissingObjects() {
        pool.prefill(2);
        pool.release(pool.acquire());

        assertThat(pool.prefill(2)).isZero();
        assertThat(pool.prefill(4)).isEqualTo(2);
        assertThat(pool.stats().pooled()).isEqualTo(4);
        assertThat(made).hasValue(4);
    }

    @Test
    void prefillZeroCreatesNothing() {
        assertThat(pool.prefill(0)).isZero();
        assertThat(made).hasValue(0);
    }

    @Test
    void prefillToCapacityFillsThePool() {
        assertThat(pool.prefill(5)).isEqualTo(5);
        assertThat(pool.prefill(5)).isZero();

        TestItem[] held = new TestItem[6];
        for (int i = 0; i < held.length; i++) {
            held[i] = pool.acquire();
        }
        for (TestItem item : held) {
            pool.release(item);
        }

        assertThat(pool.stats()).isEqualTo(new PoolStats(6, 5, 1, 6, 1, 5));
    }

    @Test
    void prefillRejectsNegativeCount() {
        assertThatThrownBy(() -> pool.prefill(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be in [0, 5] (the capacity), was: -1");
        assertThat(made).hasValue(0);
    }

    @Test
    void prefillRejectsCountAboveCapacity() {
        assertThatThrownBy(() -> pool.prefill(6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be in [0, 5] (the capacity), was: 6");
        assertThat(made).hasValue(0);
    }

    @Test
    void prefillFactoryFailureKeepsTheObjectsCreatedSoFar() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("third object failed");
        ObjectPool<TestItem> flaky = ObjectPool.create(() -> {
            if (calls.incrementAndGet() == 3) {
                throw failure;
            }
            return new TestItem();
        }, 5);

        assertThatThrownBy(() -> flaky.prefill(4)).isSameAs(failure);

        assertThat(flaky.stats()).isEqualTo(new PoolStats(2, 0, 0, 0, 0, 2));
        assertThat(flaky.prefill(4)).isEqualTo(2);
        assertThat(flaky.stats().pooled()).isEqualTo(4);
    }
}
