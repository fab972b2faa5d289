package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.AllTypes;
import org.junit.jupiter.api.Test;

/**
 * The same-order refill fast path of {@link AttributeArrays} ({@code replaySlot}): it hits when a
 * refill after {@link AttributeArrays#clear()} writes the very same key objects in the same order,
 * and must not hit (and then still give the scan's answers) for a key at another position, an
 * equal key that is another object, or a replay cut short. A replayed key may change its value
 * type, and no value reference survives in a slot that now holds a primitive.
 */
class AttributeReplayTest {

    private static final String[] WORDS = {"id", "name", "route", "status", "user_agent", "peer", "size",
        "retry_count", "region", "cache_hit", "method", "db.statement", "thread"};

    /** The keys of AttributesBenchmark: built at run time, so each is its own object. */
    private static String[] benchmarkKeys(int count, boolean sameLength) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = sameLength ? "attribute.key." + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26)
                    : "app." + WORDS[i % WORDS.length] + "." + i;
        }
        return keys;
    }

    /** Writes the benchmark's mix: a quarter each string, long, double and boolean. */
    private static void fill(AttributeSink sink, String[] keys, long v) {
        for (int i = 0; i < keys.length; i++) {
            switch (i & 3) {
                case 0 -> sink.put(keys[i], "value-" + i);
                case 1 -> sink.put(keys[i], v + i);
                case 2 -> sink.put(keys[i], (double) (v + i));
                default -> sink.put(keys[i], (i & 4) == 0);
            }
        }
    }

    @Test
    void benchmarkKeysReplayOnTheBuilderAndOnASpanShapedStore() {
        for (int count : new int[] {8, 100}) {
            for (boolean sameLength : new boolean[] {false, true}) {
                String[] keys = benchmarkKeys(count, sameLength);
                FixedAttributeBuilder builder = FixedAttributeBuilder.create(count);
                // The store of a SpanData with default limits: starts empty, limit 128.
                AttributeStore store = AttributeStore.create(0, 128);
                for (AttributeArrays a : new AttributeArrays[] {builder, store}) {
                    fill(a, keys, 1L);
                    assertThat(a.replaying()).as("first fill cannot replay").isFalse();
                    for (long round = 2; round <= 3; round++) {
                        a.clear();
                        fill(a, keys, round);
                        assertThat(a.replaying()).as("refill of %d keys, sameLength=%s", count, sameLength)
                                .isTrue();
                        assertThat(a.size()).isEqualTo(count);
                        assertThat(a.longValue(1)).isEqualTo(round + 1);
                        assertThat(a.indexOf(keys[count - 1])).isEqualTo(count - 1);
                    }
                }
            }
        }
    }

    @Test
    void sameKeyAtAnotherPositionDoesNotReplay() {
        AttributeStore store = AttributeStore.create(4, 4);
        store.put("a", 1L);
        store.put("b", 2L);
        store.clear();

        store.put("b", 3L);

        assertThat(store.replaying()).isFalse();
        // Slot 1 still holds the old "b" and slot 0 now holds "b" too: this put must find slot 0.
        store.put("b", 4L);
        assertThat(store.size()).isEqualTo(1);
        store.put("a", 4L);
        store.put("b", 5L);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.key(0)).isEqualTo("b");
        assertThat(store.longValue(0)).isEqualTo(5L);
        assertThat(store.key(1)).isEqualTo("a");
        assertThat(store.longValue(1)).isEqualTo(4L);
    }

    @Test
    void equalKeyThatIsAnotherObjectDoesNotReplayButIsStillFound() {
        String a = new String("http.method");
        String b = new String("http.route");
        AttributeStore store = AttributeStore.create(4, 4);
        store.put(a, "GET");
        store.put(b, "/users");
        store.clear();

        store.put(new String("http.method"), "POST");

        assertThat(store.replaying()).isFalse();
        // b is identical to the key left in slot 1, but the replay ended: b is looked up, then appended.
        store.put(b, "/items");
        store.put(new String("http.route"), "/orders");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.stringValue(0)).isEqualTo("POST");
        assertThat(store.stringValue(1)).isEqualTo("/orders");
    }

    @Test
    void keyRepeatedWithinAReplayIsReplacedNotAppended() {
        String a = "a";
        String b = "b";
        AttributeStore store = AttributeStore.create(4, 4);
        store.put(a, 1L);
        store.put(b, 2L);
        store.clear();

        store.put(a, 3L);
        store.put(a, 4L);

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.longValue(0)).isEqualTo(4L);
        store.put(b, 5L);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.indexOf(b)).isEqualTo(1);
    }

    @Test
    void replayedKeyWithAnotherValueTypeTakesTheNewTypeAndKeepsNoOldReference() {
        AttributeStore store = AttributeStore.create(3, 3);
        store.put("s", "text");
        store.put("n", 7L);
        store.put("arr", AllTypes.LONGS);
        store.clear();

        store.put("s", 1L);
        store.put("n", "now a string");
        store.put("arr", true);

        assertThat(store.replaying()).isTrue();
        assertThat(store.type(0)).isEqualTo(AttributeType.LONG);
        assertThat(store.longValue(0)).isEqualTo(1L);
        assertThat(store.referenceSlot(0)).isNull();
        assertThatThrownBy(() -> store.stringValue(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is LONG, not STRING");
        assertThat(store.stringValue(1)).isEqualTo("now a string");
        assertThat(store.booleanValue(2)).isTrue();
        assertThat(store.referenceSlot(2)).isNull();
    }

    @Test
    void slotsAtOrPastTheSizeNeverHoldAReference() {
        AttributeStore store = AttributeStore.create(0, 8);
        store.put("a", "1");
        store.put("b", "2");
        store.put("c", AllTypes.STRINGS);
        store.clear();
        // A replay cut short, then a clear: only the prefix written again may hold values.
        store.put("a", 1L);
        store.put("b", "two");
        store.clear();
        store.put("x", 1L);
        store.put("y", 2.0);

        for (int slot = store.size(); slot < store.capacity(); slot++) {
            assertThat(store.referenceSlot(slot)).as("slot %d", slot).isNull();
        }
        // A primitive for a new key (not replayed) lands in a slot that held a value before.
        assertThat(store.referenceSlot(0)).isNull();
        assertThat(store.referenceSlot(1)).isNull();
    }
}
