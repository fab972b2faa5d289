package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hash index that {@link AttributeArrays} uses past {@link AttributeArrays#INDEX_THRESHOLD}
 * keys: same answers as the scan (replace in place, drop at the limit, insertion order), emptied
 * by {@link AttributeArrays#clear()} without clearing it, correct when keys share a hash.
 */
class AttributeIndexTest {

    private static final int MANY = 100;

    private static String[] keys(int n) {
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            // Same length, same prefix: the shape that made the old scan quadratic.
            keys[i] = "attribute.key." + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26);
        }
        return keys;
    }

    @Test
    void indexIsUsedOnlyPastTheThreshold() {
        AttributeStore store = AttributeStore.create(0, MANY);
        String[] keys = keys(AttributeArrays.INDEX_THRESHOLD + 1);
        for (int i = 0; i < AttributeArrays.INDEX_THRESHOLD; i++) {
            store.put(keys[i], i);
        }
        assertThat(store.indexed()).isFalse();

        store.put(keys[AttributeArrays.INDEX_THRESHOLD], 0L);

        assertThat(store.indexed()).isTrue();
    }

    @Test
    void manyKeysAreFoundReplacedInPlaceAndKeepInsertionOrder() {
        AttributeStore store = AttributeStore.create(0, MANY);
        String[] keys = keys(MANY);
        for (int i = 0; i < MANY; i++) {
            store.put(keys[i], i);
        }
        for (int i = 0; i < MANY; i++) {
            // Equal but not identical keys must find the same slot.
            store.put(new String(keys[i]), "v" + i);
        }

        assertThat(store.size()).isEqualTo(MANY);
        for (int i = 0; i < MANY; i++) {
            assertThat(store.key(i)).isSameAs(keys[i]);
            assertThat(store.indexOf(keys[i])).isEqualTo(i);
            assertThat(store.stringValue(i)).isEqualTo("v" + i);
        }
        assertThat(store.indexOf("attribute.key.zz")).isEqualTo(-1);
    }

    @Test
    void newKeysPastTheLimitAreDroppedAndCountedWithTheIndex() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(20);
        String[] keys = keys(30);
        for (String key : keys) {
            builder.add(key, 1L);
        }
        builder.add(keys[5], 2L);

        assertThat(builder.size()).isEqualTo(20);
        assertThat(builder.droppedCount()).isEqualTo(10);
        assertThat(builder.longValue(5)).isEqualTo(2L);
        assertThat(builder.indexOf(keys[25])).isEqualTo(-1);
    }

    @Test
    void clearEmptiesTheIndexSoOldKeysAreNotFound() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(MANY);
        String[] keys = keys(MANY);
        for (String key : keys) {
            builder.add(key, true);
        }

        builder.clear();
        builder.add(keys[MANY - 1], false);
        for (int i = 0; i < AttributeArrays.INDEX_THRESHOLD + 1; i++) {
            builder.add("other." + i, 1L);
        }

        assertThat(builder.indexed()).isTrue();
        assertThat(builder.indexOf(keys[MANY - 1])).isZero();
        assertThat(builder.indexOf(keys[0])).isEqualTo(-1);
        assertThat(builder.indexOf(keys[1])).isEqualTo(-1);
        assertThat(builder.size()).isEqualTo(AttributeArrays.INDEX_THRESHOLD + 2);
    }

    @Test
    void generationWrapAroundZeroesTheIndexInsteadOfReusingStaleEntries() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(32);
        String[] keys = keys(32);
        // Building the index bumps -2 to -1 (stamp 0xFFFFFFFF); clear() then wraps it to 0, which
        // is reserved for "empty" (a zeroed table): the table is zeroed and counting restarts at 1.
        builder.generation(-2);
        for (String key : keys) {
            builder.add(key, 1L);
        }
        assertThat(builder.indexOf(keys[31])).isEqualTo(31);

        builder.clear();
        for (int i = 0; i < 16; i++) {
            builder.add(keys[31 - i], 2L);
        }

        assertThat(builder.size()).isEqualTo(16);
        assertThat(builder.indexOf(keys[0])).isEqualTo(-1);
        assertThat(builder.indexOf(keys[31])).isZero();
    }

    @Test
    void keysWithEqualHashesAreKeptApart() {
        // "Aa" and "BB" share a String hash code, so every combination of them does too.
        String[] colliding = new String[16];
        for (int i = 0; i < colliding.length; i++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 3; bit >= 0; bit--) {
                b.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            colliding[i] = b.toString();
        }
        assertThat(colliding[0].hashCode()).isEqualTo(colliding[15].hashCode());
        AttributeStore store = AttributeStore.create(0, 32);

        for (int i = 0; i < colliding.length; i++) {
            store.put(colliding[i], i);
        }
        store.put(colliding[3], 33L);

        assertThat(store.size()).isEqualTo(16);
        assertThat(store.indexed()).isTrue();
        for (int i = 0; i < colliding.length; i++) {
            assertThat(store.indexOf(colliding[i])).isEqualTo(i);
        }
        assertThat(store.longValue(3)).isEqualTo(33L);
    }

    @Test
    void growthPastTheIndexKeepsEveryKeyFindable() {
        AttributeStore store = AttributeStore.create(9, 1000);
        String[] keys = keys(600);
        for (String key : keys) {
            store.put(key, 1L);
        }

        assertThat(store.capacity()).isGreaterThanOrEqualTo(600);
        for (int i = 0; i < keys.length; i++) {
            assertThat(store.indexOf(keys[i])).isEqualTo(i);
        }
    }

    @Test
    void refillWithTheSameKeysInOrderStillFindsALaterDuplicate() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(MANY);
        String[] keys = keys(20);
        for (String key : keys) {
            builder.add(key, 1L);
        }
        builder.clear();

        for (String key : keys) {
            builder.add(key, 2L);
        }
        builder.add(keys[3], "again");
        builder.add(new String(keys[19]), 3L);

        assertThat(builder.size()).isEqualTo(20);
        assertThat(builder.indexed()).isTrue();
        assertThat(builder.stringValue(3)).isEqualTo("again");
        assertThat(builder.longValue(19)).isEqualTo(3L);
        for (int i = 0; i < keys.length; i++) {
            assertThat(builder.indexOf(keys[i])).isEqualTo(i);
        }
    }

    @Test
    void refillThatLeavesThePreviousOrderLooksKeysUpAgain() {
        AttributeStore store = AttributeStore.create(4, 8);
        store.put("a", 1L);
        store.put("b", 2L);
        store.put("c", 3L);
        store.clear();

        store.put("a", 4L);
        store.put("x", 5L);
        store.put("c", 6L);
        store.put("b", 7L);
        store.put("a", 8L);
        store.put(new String("x"), 9L);

        assertThat(store.size()).isEqualTo(4);
        assertThat(store.key(0)).isEqualTo("a");
        assertThat(store.key(1)).isEqualTo("x");
        assertThat(store.key(2)).isEqualTo("c");
        assertThat(store.key(3)).isEqualTo("b");
        assertThat(store.longValue(0)).isEqualTo(8L);
        assertThat(store.longValue(1)).isEqualTo(9L);
    }

    @Test
    void replayedNullValueOrEmptyKeyIsRejectedWithoutAChange() {
        AttributeStore store = AttributeStore.create(2, 2);
        store.put("k", "v");
        store.clear();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.put("k", (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.put(null, (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");

        assertThat(store.size()).isZero();
        store.put("k", "w");
        assertThat(store.stringValue(0)).isEqualTo("w");
    }

    @Test
    void replayOfManyKeysDefersTheIndexAndLookupsStayExact() {
        AttributeStore store = AttributeStore.create(0, MANY);
        String[] keys = keys(MANY);
        for (String key : keys) {
            store.put(key, 1L);
        }
        store.clear();
        for (String key : keys) {
            store.put(key, 2L);
        }

        assertThat(store.indexed()).isFalse();
        assertThat(store.indexOf(keys[MANY - 1])).isEqualTo(MANY - 1);

        store.put(keys[0], 3L);

        assertThat(store.indexed()).isTrue();
        assertThat(store.size()).isEqualTo(MANY);
        assertThat(store.longValue(0)).isEqualTo(3L);
        assertThat(store.indexOf(keys[MANY - 1])).isEqualTo(MANY - 1);
    }
}
