package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanData;
import org.junit.jupiter.api.Test;

class PoolMisuseTest {

    private final ObjectPool<SpanData> pool = SpanData.newPool(4, SpanPoolDemo.LIMITS);

    @Test
    void nextHolderOfAReleasedSpanFindsItReset() {
        PoolMisuse.Reuse reuse = PoolMisuse.reuseAfterRelease(pool);

        assertThat(reuse.sameInstance()).isTrue();
        assertThat(reuse.nameSeen()).isEmpty();
        assertThat(reuse.attributesSeen()).isZero();
    }

    @Test
    void writeAfterReleaseRaisesTheLibrarysException() {
        assertThatThrownBy(() -> PoolMisuse.modifyAfterRelease(pool))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("span is free (released to its pool)");
    }

    @Test
    void releaseTwiceRaisesTheLibrarysExceptionAndKeepsThePoolIntact() {
        assertThatThrownBy(() -> PoolMisuse.releaseTwice(pool))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("object already released");

        assertThat(pool.stats().pooled()).isEqualTo(1);
        assertThat(pool.stats().outstanding()).isZero();
    }

    @Test
    void customPoolableIsResetOnRelease() {
        ObjectPool<AttributeBuffer> buffers = AttributeBuffer.newPool(1, 8);
        AttributeBuffer buffer = buffers.acquire();
        buffer.attributes().put("k", 1L);
        buffers.release(buffer);

        AttributeBuffer again = buffers.acquire();

        assertThat(again).isSameAs(buffer);
        assertThat(again.attributes().size()).isZero();
        assertThat(again.attributes().capacity()).isEqualTo(8);
    }
}
