package io.lowalloc.otel.internal.view;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeStore;
import io.lowalloc.otel.SpanExporterAdapter;
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
 * <p>Keys come from the shared {@link AttributeKeyCache}. Values: strings as stored; numbers and
 * booleans boxed, as the API demands, with the box remembered per index (see {@link Boxes});
 * arrays as a reusable {@link ArrayValueList} per index over the stored array. {@link #forEach}
 * and {@link #get} therefore allocate nothing in steady state for recurring values; a new numeric
 * value costs one box. {@link #asMap()}, {@link #toBuilder()} and {@link #toString()} allocate
 * and copy.
 *
 * <p>Values handed out (lists in particular) are valid while the view stays bound; an exporter
 * that keeps them beyond its export must copy them (see copy mode in
 * {@link SpanExporterAdapter}). Equality is identity.
 */
final class AttributesView implements Attributes {

    private static final AttributeReader EMPTY = AttributeStore.create(1, 1);
    private static final Object[] NO_BOXES = new Object[0];
    private static final ArrayValueList[] NO_LISTS = new ArrayValueList[0];

    private final AttributeKeyCache keys;
    private AttributeReader reader = EMPTY;
    private Object[] boxes = NO_BOXES;
    private ArrayValueList[] lists = NO_LISTS;

    AttributesView(AttributeKeyCache keys) {
        this.keys = keys;
    }

    /** Shows {@code reader}'s attributes from now on. */
    void bind(AttributeReader reader) {
        this.reader = reader;
        int size = reader.size();
        if (boxes.length < size) {
            boxes = Arrays.copyOf(boxes, size);
            lists = Arrays.copyOf(lists, size);
        }
    }

    /** Shows no attributes; lets go of the reader. */
    void unbind() {
        this.reader = EMPTY;
    }

    /** The reader this view shows. */
    AttributeReader reader() {
        return reader;
    }

    @Override
    @SuppressWarnings("unchecked") // the key's type was checked against the stored type
    public <T> T get(AttributeKey<T> key) {
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
        AttributeReader r = reader;
        int size = r.size();
        for (int i = 0; i < size; i++) {
            consumer.accept(keys.get(r.key(i), r.type(i)), value(r, i));
        }
    }

    @Override
    public int size() {
        return reader.size();
    }

    @Override
    public boolean isEmpty() {
        return reader.size() == 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns an unmodifiable copy in insertion order, independent of this view. Allocates.
     */
    @Override
    public Map<AttributeKey<?>, Object> asMap() {
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
    public AttributesBuilder toBuilder() {
        return copyInto(reader, keys, Attributes.builder());
    }

    /** An immutable copy of {@code reader}'s attributes. Allocates. */
    static Attributes copyOf(AttributeReader reader, AttributeKeyCache keys) {
        return reader.size() == 0 ? Attributes.empty() : copyInto(reader, keys, Attributes.builder()).build();
    }

    @SuppressWarnings("unchecked") // each key's type matches the copied value's type
    private static AttributesBuilder copyInto(AttributeReader reader, AttributeKeyCache keys, AttributesBuilder b) {
        for (int i = 0; i < reader.size(); i++) {
            b.put((AttributeKey<Object>) keys.get(reader.key(i), reader.type(i)), copyValue(reader, i));
        }
        return b;
    }

    /** {@return a new {@code {key=value, ...}} of the current content} */
    @Override
    public String toString() {
        return asMap().toString();
    }

    private Object value(AttributeReader r, int i) {
        switch (r.type(i)) {
            case STRING:
                return r.stringValue(i);
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
        if (i >= l.length) {
            // Read outside bind()'s sizing (only if the reader grew while bound): no reuse.
            ArrayValueList fresh = new ArrayValueList();
            fresh.bind(r.type(i), r.arrayValue(i));
            return fresh;
        }
        ArrayValueList list = l[i];
        if (list == null) {
            list = new ArrayValueList();
            l[i] = list;
        }
        list.bind(r.type(i), r.arrayValue(i));
        return list;
    }

    private static Object copyValue(AttributeReader r, int i) {
        switch (r.type(i)) {
            case STRING:
                return r.stringValue(i);
            case BOOLEAN:
                return r.booleanValue(i);
            case LONG:
                return r.longValue(i);
            case DOUBLE:
                return r.doubleValue(i);
            default:
                return ArrayValueList.copyOf(r.type(i), r.arrayValue(i));
        }
    }
}
