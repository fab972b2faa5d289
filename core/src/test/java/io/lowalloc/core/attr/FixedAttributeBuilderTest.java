package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.AllTypes;
import io.lowalloc.core.testing.RecordingVisitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedAttributeBuilderTest extends AttributeSinkContract {

    @Override
    protected AttributeSink newSink() {
        return FixedAttributeBuilder.create(8);
    }

    @Override
    protected AttributeReader readerOf(AttributeSink sink) {
        return (FixedAttributeBuilder) sink;
    }

    @Test
    void createUsesTheDefaultCapacity() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();

        assertThat(FixedAttributeBuilder.DEFAULT_CAPACITY).isEqualTo(16);
        assertThat(builder.capacity()).isEqualTo(FixedAttributeBuilder.DEFAULT_CAPACITY);
        assertThat(builder.size()).isZero();
        assertThat(builder.droppedCount()).isZero();
    }

    @Test
    void createWithCapacity() {
        assertThat(FixedAttributeBuilder.create(3).capacity()).isEqualTo(3);
        assertThat(FixedAttributeBuilder.create(1).capacity()).isEqualTo(1);
    }

    @Test
    void createRejectsCapacityBelowOne() {
        assertThatThrownBy(() -> FixedAttributeBuilder.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be > 0, was: 0");
        assertThatThrownBy(() -> FixedAttributeBuilder.create(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be > 0, was: -5");
    }

    @Test
    void addIsFluentAndStoresEachPrimitiveType() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();

        FixedAttributeBuilder returned = builder
                .add("s", "text")
                .add("l", 42L)
                .add("d", 2.5)
                .add("b", true);

        assertThat(returned).isSameAs(builder);
        assertThat(builder.size()).isEqualTo(4);
        assertThat(builder.stringValue(0)).isEqualTo("text");
        assertThat(builder.longValue(1)).isEqualTo(42L);
        assertThat(builder.doubleValue(2)).isEqualTo(2.5);
        assertThat(builder.booleanValue(3)).isTrue();
    }

    @Test
    void addWithADuplicateKeyReplacesInsteadOfTakingASlot() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(2);

        builder.add("a", 1L).add("b", 2L).add("a", "now a string");

        assertThat(builder.size()).isEqualTo(2);
        assertThat(builder.droppedCount()).isZero();
        assertThat(builder.type(0)).isEqualTo(AttributeType.STRING);
        assertThat(builder.stringValue(0)).isEqualTo("now a string");
    }

    @Test
    void addValidatesLikePut() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        assertThatThrownBy(() -> builder.add(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> builder.add(null, 1L)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> builder.add(null, 1.0)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> builder.add(null, true)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> builder.add("k", (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> builder.add("", 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
    }

    @Test
    void overflowIsDroppedAndCountedNeverThrown() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        for (int i = 0; i < 20; i++) {
            builder.add("k" + i, (long) i);
        }

        assertThat(builder.size()).isEqualTo(16);
        assertThat(builder.droppedCount()).isEqualTo(4);
        assertThat(builder.key(15)).isEqualTo("k15");
        assertThat(builder.indexOf("k16")).isEqualTo(-1);
    }

    @Test
    void fullBuilderStillReplacesExistingKeys() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(1).add("a", 1L);

        builder.add("a", 2L).add("b", 3L);

        assertThat(builder.longValue(0)).isEqualTo(2L);
        assertThat(builder.droppedCount()).isEqualTo(1);
    }

    @Test
    void clearEmptiesAndResetsDroppedCountKeepingCapacity() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(2).add("a", 1L).add("b", 2L).add("c", 3L);

        builder.clear();

        assertThat(builder.size()).isZero();
        assertThat(builder.droppedCount()).isZero();
        assertThat(builder.capacity()).isEqualTo(2);
        builder.add("x", 9L).add("y", 8L);
        assertThat(builder.size()).isEqualTo(2);
        assertThat(builder.droppedCount()).isZero();
    }

    @Test
    void copyToStoreWritesEveryAttributeAndLeavesTheBuilderUnchanged() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        AllTypes.putAll(builder);
        AttributeStore store = AttributeStore.create(0, 32);
        store.put("own", 1L);

        builder.copyTo(store);

        RecordingVisitor visitor = new RecordingVisitor();
        store.forEach(visitor);
        assertThat(visitor.visits).hasSize(9).startsWith("LONG own=1").endsWith(AllTypes.VISITS);
        assertThat(builder.size()).isEqualTo(8);
    }

    @Test
    void copyToAnyOtherSinkUsesItsPutMethods() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        AllTypes.putAll(builder);
        List<String> calls = new ArrayList<>();
        AttributeSink sink = new AttributeSink() {
            @Override
            public void put(String key, String value) {
                calls.add(key + ":String");
            }

            @Override
            public void put(String key, long value) {
                calls.add(key + ":long");
            }

            @Override
            public void put(String key, double value) {
                calls.add(key + ":double");
            }

            @Override
            public void put(String key, boolean value) {
                calls.add(key + ":boolean");
            }

            @Override
            public void put(String key, String[] value) {
                calls.add(key + ":String[]");
            }

            @Override
            public void put(String key, long[] value) {
                calls.add(key + ":long[]");
            }

            @Override
            public void put(String key, double[] value) {
                calls.add(key + ":double[]");
            }

            @Override
            public void put(String key, boolean[] value) {
                calls.add(key + ":boolean[]");
            }
        };

        builder.copyTo(sink);

        assertThat(calls).containsExactly("s:String", "l:long", "d:double", "b:boolean",
                "sa:String[]", "la:long[]", "da:double[]", "ba:boolean[]");
    }

    @Test
    void copyToSmallerTargetLetsTheTargetDropAndCount() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        AllTypes.putAll(builder);
        FixedAttributeBuilder small = FixedAttributeBuilder.create(3);

        builder.copyTo(small);

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.droppedCount()).isEqualTo(5);
    }

    @Test
    void copyToRejectsNull() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        assertThatThrownBy(() -> builder.copyTo(null))
                .isInstanceOf(NullPointerException.class).hasMessage("target");
    }

    @Test
    void toStringShowsAttributesCapacityAndDrops() {
        FixedAttributeBuilder builder = FixedAttributeBuilder.create(2).add("a", "x").add("b", 2L).add("c", 3.0);

        assertThat(builder).hasToString("FixedAttributeBuilder{a=x, b=2} (capacity=2, dropped=1)");
    }
}
