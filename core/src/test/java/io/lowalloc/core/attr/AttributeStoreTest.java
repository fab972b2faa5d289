package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.AllTypes;
import io.lowalloc.core.testing.RecordingVisitor;
import org.junit.jupiter.api.Test;

class AttributeStoreTest extends AttributeSinkContract {

    @Override
    protected AttributeSink newSink() {
        return AttributeStore.create(2, 16);
    }

    @Override
    protected AttributeReader readerOf(AttributeSink sink) {
        return (AttributeStore) sink;
    }

    @Test
    void readOnlyViewReadsTheStoreLiveAndCannotBeCastToASink() {
        AttributeStore store = AttributeStore.create(2, 16);
        AttributeReader view = store.readOnlyView();

        store.put("k", 1L);
        store.put("s", "v");

        assertThat(view).isNotInstanceOf(AttributeSink.class).isSameAs(store.readOnlyView());
        assertThat(view.size()).isEqualTo(2);
        assertThat(view.indexOf("s")).isEqualTo(1);
        assertThat(view.longValue(0)).isEqualTo(1L);
        assertThat(view.stringValue(1)).isEqualTo("v");
        assertThat(view).hasToString(store.toString());
    }

    @Test
    void createRejectsNegativeInitialCapacity() {
        assertThatThrownBy(() -> AttributeStore.create(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialCapacity must be >= 0, was: -1");
    }

    @Test
    void createRejectsLimitBelowOne() {
        assertThatThrownBy(() -> AttributeStore.create(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be >= 1, was: 0");
    }

    @Test
    void createRejectsInitialCapacityAboveLimit() {
        assertThatThrownBy(() -> AttributeStore.create(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialCapacity must be <= limit (4), was: 5");
    }

    @Test
    void createPreallocatesTheInitialCapacity() {
        AttributeStore store = AttributeStore.create(3, 8);

        assertThat(store.capacity()).isEqualTo(3);
        assertThat(store.limit()).isEqualTo(8);
        assertThat(store.size()).isZero();
        assertThat(store.droppedCount()).isZero();
    }

    @Test
    void growsByDoublingCappedAtTheLimit() {
        AttributeStore store = AttributeStore.create(2, 5);

        putLongs(store, 2);
        assertThat(store.capacity()).isEqualTo(2);
        putLongs(store, 3);
        assertThat(store.capacity()).isEqualTo(4);
        putLongs(store, 5);
        assertThat(store.capacity()).isEqualTo(5);
        assertThat(store.size()).isEqualTo(5);
        assertThat(store.droppedCount()).isZero();
    }

    @Test
    void growsFromZeroInitialCapacity() {
        AttributeStore store = AttributeStore.create(0, 100);
        assertThat(store.capacity()).isZero();

        store.put("k", 1L);

        assertThat(store.capacity()).isEqualTo(4);
        assertThat(store.longValue(0)).isEqualTo(1L);
        putLongs(store, 5);
        assertThat(store.capacity()).isEqualTo(8);
    }

    @Test
    void growthKeepsEveryValueAndType() {
        AttributeStore store = AttributeStore.create(1, 8);

        AllTypes.putAll(store);

        RecordingVisitor visitor = new RecordingVisitor();
        store.forEach(visitor);
        assertThat(visitor.visits).containsExactly(AllTypes.VISITS);
        assertThat(store.capacity()).isEqualTo(8);
    }

    @Test
    void newKeyBeyondLimitIsDroppedAndCounted() {
        AttributeStore store = AttributeStore.create(1, 3);
        putLongs(store, 3);

        store.put("x", "dropped");
        store.put("y", 1.0);
        store.put("z", AllTypes.LONGS);

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.capacity()).isEqualTo(3);
        assertThat(store.droppedCount()).isEqualTo(3);
        assertThat(store.indexOf("x")).isEqualTo(-1);
    }

    @Test
    void existingKeyIsStillReplacedAtTheLimit() {
        AttributeStore store = AttributeStore.create(2, 2);
        putLongs(store, 2);

        store.put("k1", "replaced");

        assertThat(store.droppedCount()).isZero();
        assertThat(store.stringValue(1)).isEqualTo("replaced");
    }

    @Test
    void clearKeepsGrownCapacityAndResetsSizeAndDroppedCount() {
        AttributeStore store = AttributeStore.create(1, 4);
        putLongs(store, 6);
        assertThat(store.capacity()).isEqualTo(4);
        assertThat(store.droppedCount()).isEqualTo(2);

        store.clear();

        assertThat(store.size()).isZero();
        assertThat(store.droppedCount()).isZero();
        assertThat(store.capacity()).isEqualTo(4);
        assertThat(store.indexOf("k0")).isEqualTo(-1);
        store.put("again", true);
        assertThat(store.key(0)).isEqualTo("again");
        assertThat(store.booleanValue(0)).isTrue();
    }

    @Test
    void clearLetsGoOfValuesAndKeysOfClearedSlotsAreUnreadable() {
        AttributeStore store = AttributeStore.create(4, 4);
        store.put("s", "text");
        store.put("a", AllTypes.LONGS);

        store.clear();

        for (int slot = 0; slot < store.capacity(); slot++) {
            assertThat(store.referenceSlot(slot)).isNull();
        }
        assertThat(store.indexOf("s")).isEqualTo(-1);
        assertThat(store.indexOf("a")).isEqualTo(-1);
        assertThatThrownBy(() -> store.key(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refillAfterClearWithOtherKeysInTheSameSlotsReadsTheNewKeys() {
        AttributeStore store = AttributeStore.create(2, 2);
        store.put("first", 1L);
        store.put("second", 2L);
        store.clear();

        store.put("second", 3L);
        store.put(new String("first"), 4L);

        assertThat(store.key(0)).isEqualTo("second");
        assertThat(store.indexOf("second")).isZero();
        assertThat(store.indexOf("first")).isEqualTo(1);
        assertThat(store.longValue(1)).isEqualTo(4L);
    }

    @Test
    void primitiveReplacingReferenceLetsGoOfTheReference() {
        AttributeStore store = AttributeStore.create(1, 1);
        store.put("k", "text");

        store.put("k", 3L);

        assertThat(store.referenceSlot(0)).isNull();
        assertThat(store.longValue(0)).isEqualTo(3L);
    }

    @Test
    void putAllCopiesEveryAttributeReplacingExistingKeys() {
        AttributeStore source = AttributeStore.create(8, 8);
        AllTypes.putAll(source);
        AttributeStore target = AttributeStore.create(0, 16);
        target.put("l", "will be replaced");
        target.put("own", 1L);

        target.putAll(source);

        RecordingVisitor visitor = new RecordingVisitor();
        target.forEach(visitor);
        assertThat(visitor.visits).containsExactly(
                "LONG l=42", "LONG own=1", "STRING s=text", "DOUBLE d=2.5", "BOOLEAN b=true",
                "STRING_ARRAY sa=[a, b]", "LONG_ARRAY la=[1, 2]", "DOUBLE_ARRAY da=[0.5, 1.5]",
                "BOOLEAN_ARRAY ba=[true, false]");
        assertThat(source.size()).isEqualTo(8);
    }

    @Test
    void putAllRespectsTheLimitAndCountsDropsHereOnly() {
        AttributeStore source = AttributeStore.create(2, 2);
        putLongs(source, 3);
        assertThat(source.droppedCount()).isEqualTo(1);
        AttributeStore target = AttributeStore.create(1, 1);

        target.putAll(source);

        assertThat(target.size()).isEqualTo(1);
        assertThat(target.key(0)).isEqualTo("k0");
        assertThat(target.droppedCount()).isEqualTo(1);
    }

    @Test
    void putAllOfItselfChangesNothing() {
        AttributeStore store = AttributeStore.create(8, 8);
        AllTypes.putAll(store);

        store.putAll(store);

        RecordingVisitor visitor = new RecordingVisitor();
        store.forEach(visitor);
        assertThat(visitor.visits).containsExactly(AllTypes.VISITS);
    }

    @Test
    void putAllRejectsNull() {
        AttributeStore store = AttributeStore.create(1, 1);
        assertThatThrownBy(() -> store.putAll(null))
                .isInstanceOf(NullPointerException.class).hasMessage("source");
    }

    @Test
    void copyToWritesEveryAttributeIntoTheTarget() {
        AttributeStore store = AttributeStore.create(8, 8);
        AllTypes.putAll(store);
        FixedAttributeBuilder target = FixedAttributeBuilder.create();

        store.copyTo(target);

        RecordingVisitor visitor = new RecordingVisitor();
        target.forEach(visitor);
        assertThat(visitor.visits).containsExactly(AllTypes.VISITS);
        assertThatThrownBy(() -> store.copyTo(null))
                .isInstanceOf(NullPointerException.class).hasMessage("target");
    }

    @Test
    void toStringShowsAttributesCapacityLimitAndDrops() {
        AttributeStore store = AttributeStore.create(2, 2);
        store.put("http.method", "GET");
        store.put("ids", AllTypes.LONGS);
        store.put("dropped", true);

        assertThat(store).hasToString("{http.method=GET, ids=[1, 2]} (capacity=2, limit=2, dropped=1)");
        store.clear();
        store.put("d", 1.5);
        store.put("b", false);
        assertThat(store).hasToString("{d=1.5, b=false} (capacity=2, limit=2, dropped=0)");
    }

    @Test
    void toStringShowsEveryArrayType() {
        AttributeStore store = AttributeStore.create(8, 8);
        AllTypes.putAll(store);

        assertThat(store.toString()).isEqualTo("{s=text, l=42, d=2.5, b=true, sa=[a, b], la=[1, 2],"
                + " da=[0.5, 1.5], ba=[true, false]} (capacity=8, limit=8, dropped=0)");
    }

    private static void putLongs(AttributeStore store, int count) {
        for (int i = 0; i < count; i++) {
            store.put("k" + i, (long) i);
        }
    }
}
