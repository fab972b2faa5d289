package io.lowalloc.otel.internal.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import org.junit.jupiter.api.Test;

class AttributeKeyCacheTest {

    private final AttributeKeyCache cache = new AttributeKeyCache(AttributeKeyCache.DEFAULT_CAPACITY);

    @Test
    void sameNameAndTypeGiveTheSameKey() {
        AttributeKey<?> key = cache.get("http.method", AttributeType.STRING);

        assertThat(cache.get("http.method", AttributeType.STRING)).isSameAs(key);
        assertThat(key).isEqualTo(AttributeKey.stringKey("http.method"));
        assertThat(cache.uncached()).isZero();
    }

    @Test
    void equalStringsBuiltAtRunTimeHit() {
        AttributeKey<?> key = cache.get("db.system", AttributeType.STRING);
        String built = new StringBuilder("db.").append("system").toString();

        assertThat(cache.get(built, AttributeType.STRING)).isSameAs(key);
    }

    @Test
    void typeIsPartOfTheKey() {
        AttributeKey<?> asLong = cache.get("n", AttributeType.LONG);
        AttributeKey<?> asDouble = cache.get("n", AttributeType.DOUBLE);

        assertThat(asLong).isEqualTo(AttributeKey.longKey("n"));
        assertThat(asDouble).isEqualTo(AttributeKey.doubleKey("n"));
        assertThat(cache.get("n", AttributeType.LONG)).isSameAs(asLong);
    }

    @Test
    void everyCoreTypeMapsToTheOpenTelemetryTypeOfTheSameName() {
        for (io.lowalloc.core.attr.AttributeType core : io.lowalloc.core.attr.AttributeType.values()) {
            AttributeKey<?> key = cache.get("k", core);

            assertThat(key.getType().name()).isEqualTo(core.name());
            assertThat(key.getKey()).isEqualTo("k");
        }
    }

    @Test
    void fullCacheHandsOutUncachedKeysAndStaysBounded() {
        AttributeKeyCache small = new AttributeKeyCache(AttributeKeyCache.MAX_PROBES);
        for (int i = 0; i < AttributeKeyCache.MAX_PROBES; i++) {
            small.get("k" + i, AttributeType.STRING);
        }
        assertThat(small.uncached()).isZero();

        AttributeKey<?> overflow = small.get("one too many", AttributeType.STRING);

        assertThat(overflow).isEqualTo(AttributeKey.stringKey("one too many"));
        assertThat(small.get("one too many", AttributeType.STRING)).isNotSameAs(overflow);
        assertThat(small.uncached()).isEqualTo(2);
        assertThat(small.get("k3", AttributeType.STRING)).isSameAs(small.get("k3", AttributeType.STRING));
        assertThat(small.capacity()).isEqualTo(AttributeKeyCache.MAX_PROBES);
    }

    @Test
    void valueTypeIsRejected() {
        assertThatThrownBy(() -> cache.get("v", AttributeType.VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unsupported attribute type: VALUE");
    }

    @Test
    void capacityMustBeAPowerOfTwoOfAtLeastTheProbeCount() {
        assertThatThrownBy(() -> new AttributeKeyCache(12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be a power of two >= 8, was: 12");
        assertThatThrownBy(() -> new AttributeKeyCache(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be a power of two >= 8, was: 4");
    }
}
