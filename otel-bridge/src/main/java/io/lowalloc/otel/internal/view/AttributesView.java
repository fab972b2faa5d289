package io.lowalloc.otel.internal.view;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A reusable OpenTelemetry {@link Attributes} over a core {@link AttributeReader} (span, event or
 * link attributes), bound to one reader at a time.
 *
 * <p>Keys come from the shared {@link AttributeKeyCache}. Values: strings as stored, or cut to the
 * attribute value length limit (see {@link ValueLimit}); numbers and booleans boxed, as the API
 * demands, with the box remembered per index (see {@link Boxes}); arrays as a reusable
 * {@link ArrayValueList} per index over the stored array. {@link #forEach} and {@link #get}
 * therefore allocate nothing in steady state for recurring values; a new numeric value costs one
 * box, a new over-limit string one cut. {@link #asMap()}, {@link #toBuilder()} and
 * {@link #toString()} allocate and copy.
 *
 * <p>Valid, with the values it handed out (lists in particular), while the owning span view stays
 * bound and this view was taken from it under that binding; every read after that throws
 * {@link IllegalStateException} naming copy mode (see
 * {@link io.lowalloc.otel.SpanExporterAdapter}). Equality is identity.
 */
final class AttributesView extends OwnedView implements Attributes {

    private static final String WHAT = "Attributes view read after its export completed";
    private static final AttributeReader EMPTY = AttributeStore.create(1, 1).readOnlyView();
    private static final Object[] NO_BOXES = new Object[0];
    private static final ArrayValueList[] NO_LISTS = new ArrayValueList[0];

    private final AttributeKeyCache keys;
    private AttributeReader reader = EMPTY;
    private int maxLength = ValueLimit.UNLIMITED;
    // Per index: the remembered box of a number, or the remembered cut of an over-limit string.
    private Object[] boxes = NO_BOXES;
    private ArrayValueList[] lists = NO_LISTS;

    AttributesView(AttributeKeyCache keys, Generation owner) {
        super(owner);
        this.keys = keys;
    }

    /** Shows {@code reader}'s attributes from now on, strings cut to {@code maxLength}. */
    void bind(AttributeReader reader, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
        int size = reader.size();
        if (boxes.length < size) {
            boxes = Arrays.copyOf(boxes, size);
            lists = Arrays.copyOf(lists, size);
        }
    }

    /** The reader this view shows, unchecked: for its owners' totals. */
    AttributeReader reader() {
        return reader;
    }

    /** {@return recorded plus dropped attributes, unchecked: what {@code getTotalAttributeCount} reports} */
    int totalCount() {
        return reader.size() + reader.droppedCount();
    }

    @Override
    @SuppressWarnings("unchecked") // the key's type was checked against the stored type
    public <T> T get(AttributeKey<T> key) {
        check(WHAT);
        if (key == null) {
            return null;
        }
        AttributeReader r = reader;
        int i = r.indexOf(key.getKey());
        if (i < 0 || AttributeKeyCache.otelType(r.type(i)) != key.getType()) {
            return null;
        }
        return (T) value(r, i);
    }

    @Override
    public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        check(WHAT);
        AttributeReader r = reader;
        int size = r.size();
        for (int i = 0; i < size; i++) {
            consumer.accept(keys.get(r.key(i), r.type(i)), value(r, i));
        }
    }

    @Override
    public int size() {
        check(WHAT);
        return reader.size();
    }

    @Override
    public boolean isEmpty() {
        check(WHAT);
        return reader.size() == 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns an unmodifiable copy in insertion order, independent of this view. Allocates.
     */
    @Override
    public Map<AttributeKey<?>, Object> asMap() {
        check(WHAT);
        return copyMap();
    }

    private Map<AttributeKey<?>, Object> copyMap() {
        AttributeReader r = reader;
        Map<AttributeKey<?>, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            map.put(keys.get(r.key(i), r.type(i)), copyValue(r, i));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The builder holds copies of the values, independent of this view. Allocates.
     */
    @Override
    @SuppressWarnings("unchecked") // each key's type matches the copied value's type
    public AttributesBuilder toBuilder() {
        check(WHAT);
        AttributeReader r = reader;
        AttributesBuilder b = Attributes.builder();
        for (int i = 0; i < r.size(); i++) {
            b.put((AttributeKey<Object>) keys.get(r.key(i), r.type(i)), copyValue(r, i));
        }
        return b;
    }

    /** An immutable copy of {@code reader}'s attributes, strings cut to {@code maxLength}. Allocates. */
    @SuppressWarnings("unchecked") // each key's type matches the copied value's type
    static Attributes copyOf(AttributeReader reader, AttributeKeyCache keys, int maxLength) {
        if (reader.size() == 0) {
            return Attributes.empty();
        }
        AttributesBuilder b = Attributes.builder();
        for (int i = 0; i < reader.size(); i++) {
            b.put((AttributeKey<Object>) keys.get(reader.key(i), reader.type(i)), copyValue(reader, i, maxLength));
        }
        return b.build();
    }

    /** {@return a new {@code {key=value, ...}} of the current content, or {@code Attributes{unbound}} when stale} */
    @Override
    public String toString() {
        return isLive() ? describe() : "Attributes{unbound}";
    }

    /** {@return a new {@code {key=value, ...}} of the current content, unchecked: for the owners' descriptions} */
    String describe() {
        return copyMap().toString();
    }

    private Object value(AttributeReader r, int i) {
        switch (r.type(i)) {
            case STRING:
                return ValueLimit.apply(boxes, i, r.stringValue(i), maxLength);
            case BOOLEAN:
                return r.booleanValue(i);
            case LONG:
                return Boxes.boxLong(boxes, i, r.longValue(i));
            case DOUBLE:
                return Boxes.boxDouble(boxes, i, r.doubleValue(i));
            default:
                return list(i, r);
        }
    }

    private Object list(int i, AttributeReader r) {
        ArrayValueList[] l = lists;
        ArrayValueList list;
        if (i >= l.length) {
            // Read outside bind()'s sizing (only if the reader grew while bound): no reuse.
            list = new ArrayValueList(owner());
        } else {
            list = l[i];
            if (list == null) {
                list = new ArrayValueList(owner());
                l[i] = list;
            }
        }
        list.bind(r.type(i), r.arrayValue(i), maxLength);
        list.handOut();
        return list;
    }

    /** A value for a copy: a string as shown (its remembered cut, if any), an array copied. */
    private Object copyValue(AttributeReader r, int i) {
        return r.type(i) == io.lowalloc.core.attr.AttributeType.STRING
                ? ValueLimit.apply(boxes, i, r.stringValue(i), maxLength)
                : copyValue(r, i, maxLength);
    }

    private static Object copyValue(AttributeReader r, int i, int maxLength) {
        switch (r.type(i)) {
            case STRING:
                return ValueLimit.apply(r.stringValue(i), maxLength);
            case BOOLEAN:
                return r.booleanValue(i);
            case LONG:
                return r.longValue(i);
            case DOUBLE:
                return r.doubleValue(i);
            default:
                return ArrayValueList.copyOf(r.type(i), r.arrayValue(i), maxLength);
        }
    }
}
