package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.testing.AllTypes;
import io.lowalloc.core.testing.RecordingVisitor;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AttributeSink} + {@link AttributeReader} of this library shares,
 * run against each implementation by subclassing (one contract, many implementations).
 */
public abstract class AttributeSinkContract {

    /**
     * Returns a new, writable sink with room for at least 8 attributes.
     *
     * @return the sink under test
     */
    protected abstract AttributeSink newSink();

    /**
     * Returns the reader showing what was written into {@code sink}.
     *
     * @param sink a sink from {@link #newSink()}
     * @return its reader
     */
    protected abstract AttributeReader readerOf(AttributeSink sink);

    @Test
    public void storesEveryTypeAndReadsItBackByIndex() {
        AttributeSink sink = newSink();
        AllTypes.putAll(sink);
        AttributeReader r = readerOf(sink);

        assertThat(r.size()).isEqualTo(8);
        assertThat(r.droppedCount()).isZero();
        assertThat(r.key(0)).isEqualTo("s");
        assertThat(r.type(0)).isEqualTo(AttributeType.STRING);
        assertThat(r.stringValue(0)).isEqualTo("text");
        assertThat(r.type(1)).isEqualTo(AttributeType.LONG);
        assertThat(r.longValue(1)).isEqualTo(42L);
        assertThat(r.type(2)).isEqualTo(AttributeType.DOUBLE);
        assertThat(r.doubleValue(2)).isEqualTo(2.5);
        assertThat(r.type(3)).isEqualTo(AttributeType.BOOLEAN);
        assertThat(r.booleanValue(3)).isTrue();
        assertThat(r.type(4)).isEqualTo(AttributeType.STRING_ARRAY);
        assertThat(r.arrayValue(4)).isSameAs(AllTypes.STRINGS);
        assertThat(r.type(5)).isEqualTo(AttributeType.LONG_ARRAY);
        assertThat(r.arrayValue(5)).isSameAs(AllTypes.LONGS);
        assertThat(r.type(6)).isEqualTo(AttributeType.DOUBLE_ARRAY);
        assertThat(r.arrayValue(6)).isSameAs(AllTypes.DOUBLES);
        assertThat(r.type(7)).isEqualTo(AttributeType.BOOLEAN_ARRAY);
        assertThat(r.arrayValue(7)).isSameAs(AllTypes.BOOLEANS);
    }

    @Test
    public void falseAndSpecialDoublesRoundTrip() {
        AttributeSink sink = newSink();
        sink.put("f", false);
        sink.put("nan", Double.NaN);
        sink.put("neg0", -0.0);
        sink.put("min", Long.MIN_VALUE);
        AttributeReader r = readerOf(sink);

        assertThat(r.booleanValue(0)).isFalse();
        assertThat(r.doubleValue(1)).isNaN();
        assertThat(Double.doubleToRawLongBits(r.doubleValue(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(r.longValue(3)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    public void putExistingKeyReplacesValueInPlace() {
        AttributeSink sink = newSink();
        sink.put("a", "first");
        sink.put("b", 1L);
        sink.put("a", "second");
        AttributeReader r = readerOf(sink);

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.key(0)).isEqualTo("a");
        assertThat(r.stringValue(0)).isEqualTo("second");
        assertThat(r.longValue(1)).isEqualTo(1L);
    }

    @Test
    public void putExistingKeyWithAnotherTypeReplacesTypeAndValue() {
        AttributeSink sink = newSink();
        sink.put("a", "text");
        sink.put("a", 7L);
        sink.put("b", 1.0);
        sink.put("b", AllTypes.LONGS);
        AttributeReader r = readerOf(sink);

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.type(0)).isEqualTo(AttributeType.LONG);
        assertThat(r.longValue(0)).isEqualTo(7L);
        assertThat(r.type(1)).isEqualTo(AttributeType.LONG_ARRAY);
        assertThat(r.arrayValue(1)).isSameAs(AllTypes.LONGS);
    }

    @Test
    public void keyIsComparedByEqualsNotIdentity() {
        AttributeSink sink = newSink();
        sink.put("key", 1L);
        sink.put(new String("key"), 2L);

        assertThat(readerOf(sink).size()).isEqualTo(1);
        assertThat(readerOf(sink).longValue(0)).isEqualTo(2L);
    }

    @Test
    public void nullKeyThrowsNpeNamingKey() {
        AttributeSink sink = newSink();
        assertThatThrownBy(() -> sink.put(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, 1L)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, 1.0)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, true)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, AllTypes.STRINGS))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, AllTypes.LONGS))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, AllTypes.DOUBLES))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> sink.put(null, AllTypes.BOOLEANS))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThat(readerOf(sink).size()).isZero();
    }

    @Test
    public void nullValueThrowsNpeNamingValue() {
        AttributeSink sink = newSink();
        assertThatThrownBy(() -> sink.put("k", (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> sink.put("k", (String[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> sink.put("k", (long[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> sink.put("k", (double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> sink.put("k", (boolean[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThat(readerOf(sink).size()).isZero();
    }

    @Test
    public void emptyKeyThrowsIae() {
        AttributeSink sink = newSink();
        assertThatThrownBy(() -> sink.put("", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
        assertThatThrownBy(() -> sink.put("", 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
        assertThatThrownBy(() -> sink.put("", 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
        assertThatThrownBy(() -> sink.put("", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
        assertThatThrownBy(() -> sink.put("", AllTypes.STRINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
        assertThat(readerOf(sink).size()).isZero();
    }

    @Test
    public void typedAccessorOnAnotherTypeThrowsNamingTheActualType() {
        AttributeSink sink = newSink();
        sink.put("n", 5L);
        sink.put("s", "text");
        AttributeReader r = readerOf(sink);

        assertThatThrownBy(() -> r.stringValue(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("attribute 'n' at index 0 is LONG, not STRING");
        assertThatThrownBy(() -> r.doubleValue(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("attribute 'n' at index 0 is LONG, not DOUBLE");
        assertThatThrownBy(() -> r.booleanValue(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("attribute 'n' at index 0 is LONG, not BOOLEAN");
        assertThatThrownBy(() -> r.arrayValue(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("attribute 'n' at index 0 is LONG, not an array");
        assertThatThrownBy(() -> r.longValue(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("attribute 's' at index 1 is STRING, not LONG");
    }

    @Test
    public void accessorsOutsideTheSizeThrowIndexOutOfBounds() {
        AttributeSink sink = newSink();
        sink.put("n", 5L);
        AttributeReader r = readerOf(sink);

        assertThatThrownBy(() -> r.key(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.key(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.type(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.stringValue(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.longValue(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.doubleValue(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.booleanValue(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.arrayValue(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    public void indexOfFindsKeysAndReturnsMinusOneForAbsentOnes() {
        AttributeSink sink = newSink();
        sink.put("a", 1L);
        sink.put("b", 2L);
        AttributeReader r = readerOf(sink);

        assertThat(r.indexOf("a")).isZero();
        assertThat(r.indexOf("b")).isEqualTo(1);
        assertThat(r.indexOf("c")).isEqualTo(-1);
        assertThatThrownBy(() -> r.indexOf(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
    }

    @Test
    public void forEachVisitsEveryAttributeTypedInIndexOrder() {
        AttributeSink sink = newSink();
        AllTypes.putAll(sink);
        RecordingVisitor visitor = new RecordingVisitor();

        readerOf(sink).forEach(visitor);

        assertThat(visitor.visits).containsExactly(AllTypes.VISITS);
        assertThatThrownBy(() -> readerOf(sink).forEach(null))
                .isInstanceOf(NullPointerException.class).hasMessage("visitor");
    }

    @Test
    public void emptySinkVisitsNothing() {
        RecordingVisitor visitor = new RecordingVisitor();
        AttributeReader r = readerOf(newSink());

        r.forEach(visitor);

        assertThat(r.size()).isZero();
        assertThat(visitor.visits).isEmpty();
    }
}
