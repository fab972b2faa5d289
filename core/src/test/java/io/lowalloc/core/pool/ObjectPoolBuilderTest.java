package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.TestItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectPoolBuilderTest {

    @Test
    void builderRejectsNullFactory() {
        assertThatThrownBy(() -> ObjectPool.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("factory");
    }

    @Test
    void createRejectsNullFactory() {
        assertThatThrownBy(() -> ObjectPool.create(null, 4))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("factory");
    }

    @Test
    void capacityDefaultsToDefaultCapacity() {
        ObjectPool<TestItem> pool = ObjectPool.builder(TestItem::new).build();

        assertThat(pool.capacity()).isEqualTo(ObjectPool.DEFAULT_CAPACITY).isEqualTo(1024);
    }

    @Test
    void createUsesGivenCapacity() {
        assertThat(ObjectPool.create(TestItem::new, 5).capacity()).isEqualTo(5);
    }

    @Test
    void capacityRejectsZero() {
        assertThatThrownBy(() -> ObjectPool.builder(TestItem::new).capacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be in [1, 1073741824], was: 0");
    }

    @Test
    void capacityRejectsNegative() {
        assertThatThrownBy(() -> ObjectPool.create(TestItem::new, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be in [1, 1073741824], was: -1");
    }

    @Test
    void capacityRejectsMoreThanMaxCapacity() {
        assertThatThrownBy(() -> ObjectPool.builder(TestItem::new).capacity(ObjectPool.MAX_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be in [1, 1073741824], was: 1073741825");
    }

    @Test
    void capacityAcceptsMaxCapacity() {
        ObjectPool.Builder<TestItem> builder = ObjectPool.builder(TestItem::new);

        // Not built: a queue of 2^30 slots would need gigabytes.
        assertThat(builder.capacity(ObjectPool.MAX_CAPACITY)).isSameAs(builder);
    }

    @Test
    void builderSettersReturnTheSameBuilder() {
        ObjectPool.Builder<TestItem> builder = ObjectPool.builder(TestItem::new);

        assertThat(builder.capacity(3)).isSameAs(builder);
        assertThat(builder.name("items")).isSameAs(builder);
    }

    @Test
    void capacityIsExactNotRoundedToPowerOfTwo() {
        ObjectPool<TestItem> pool = ObjectPool.create(TestItem::new, 3);
        List<TestItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(pool.acquire());
        }

        for (TestItem item : items) {
            pool.release(item);
        }

        assertThat(pool.stats().pooled()).isEqualTo(3);
        assertThat(pool.stats().discarded()).isEqualTo(2);
    }

    @Test
    void nameRejectsNull() {
        assertThatThrownBy(() -> ObjectPool.builder(TestItem::new).name(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void nameRejectsEmpty() {
        assertThatThrownBy(() -> ObjectPool.builder(TestItem::new).name(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be empty");
    }

    @Test
    void nameIsReportedAndShownInToString() {
        ObjectPool<TestItem> pool = ObjectPool.builder(TestItem::new).name("spans").capacity(8).build();

        assertThat(pool.name()).isEqualTo("spans");
        assertThat(pool).hasToString("ObjectPool[spans, capacity=8, pooled=0]");
    }

    @Test
    void defaultNameIsUniquePerPool() {
        ObjectPool<TestItem> first = ObjectPool.create(TestItem::new, 2);
        ObjectPool<TestItem> second = ObjectPool.create(TestItem::new, 2);

        assertThat(first.name()).isEqualTo("ObjectPool@" + Integer.toHexString(System.identityHashCode(first)));
        assertThat(first.name()).isNotEqualTo(second.name());
    }

    @Test
    void buildReturnsIndependentEmptyPools() {
        ObjectPool.Builder<TestItem> builder = ObjectPool.builder(TestItem::new).name("items").capacity(4);
        ObjectPool<TestItem> first = builder.build();
        ObjectPool<TestItem> second = builder.build();

        first.prefill(2);

        assertThat(second).isNotSameAs(first);
        assertThat(second.stats().pooled()).isZero();
        assertThat(second.capacity()).isEqualTo(4);
        assertThat(second.name()).isEqualTo("items");
    }
}
