package io.lowalloc.otel.internal.view;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * demands, with the box remembered per index and reused while the value recurs (see
 * {@link Boxes}; small longs from a shared table); arrays as a reusable
 * {@link ArrayValueList} per index over the stored array. The first {@link #forEach} or
 * {@link #get} of a binding resolves every key and value once into two arrays; later reads of
 * that binding (an OTLP marshaler's write pass after its size pass) walk the arrays, so a value
 * is boxed at most once per binding. {@link #forEach} and {@link #get} therefore allocate nothing
 * in steady state for recurring values; a new numeric value costs one box, a new over-limit
 * string one cut. {@link #asMap()}, {@link #toBuilder()} and {@link #toString()} allocate and
 * copy.
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
    private static final AttributeKey<?>[] NO_KEYS = new AttributeKey<?>[0];
    private static final VarHandle RESOLVED_BINDING;

    static {
        try {
            RESOLVED_BINDING = MethodHandles.lookup().findVarHandle(AttributesView.class, "resolvedBinding", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AttributeKeyCache keys;
    private AttributeReader reader = EMPTY;
    private int maxLength = ValueLimit.UNLIMITED;
    // Per index: the remembered box of a number, or the remembered cut of an over-limit string.
    private Object[] boxes = NO_BOXES;
    private ArrayValueList[] lists = NO_LISTS;
    // Per index, for the binding named by resolvedBinding: the key and the value handed out. The
    // keys stay as a memo for the next binding (same name object and type: same key).
    private AttributeKey<?>[] shownKeys = NO_KEYS;
    private Object[] shownValues = NO_BOXES;
    // Counts binds; written by the binding thread only, read by exporter threads ordered after
    // the bind by the export call (see Generation).
    private int binding;
    // The binding whose shownKeys/shownValues are complete. Released after the arrays are filled
    // and acquired before they are read, so a reader on another exporter thread that sees the
    // mark sees the filled arrays. Two threads resolving the same binding at once write equal
    // keys and values (boxes are immutable), so either's writes are correct.
    @SuppressWarnings("unused") // accessed through RESOLVED_BINDING
    private int resolvedBinding;

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
            shownKeys = Arrays.copyOf(shownKeys, size);
            shownValues = Arrays.copyOf(shownValues, size);
        }
        // Nothing is resolved here: an exporter that never reads the attributes pays nothing.
        int b = binding + 1;
        binding = b;
        // Any mark but b, so that no wrap-around of the count can match a stale resolution.
        RESOLVED_BINDING.set(this, b - 1);
    }

    /**
     * Makes sure {@link #shownKeys} and {@link #shownValues} hold this binding's keys and values
     * for indexes below {@code size}; returns false (nothing resolved) if the reader outgrew the
     * arrays, which only a reader changing while bound can do.
     */
    private boolean resolve(AttributeReader r, int size) {
        int b = binding;
        if ((int) RESOLVED_BINDING.getAcquire(this) == b) {
            return true;
        }
        AttributeKey<?>[] k = shownKeys;
        Object[] v = shownValues;
        if (size > k.length || size > v.length) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            // Store only what changed: a reference store into this long-lived array costs a GC
            // write barrier (with G1 a fence and a card to refine), and keys and string values
            // mostly recur span after span.
            AttributeKey<?> key = key(k[i], r, i);
            if (k[i] != key) {
                k[i] = key;
            }
            Object shown = v[i];
            Object value = resolvedValue(r, i, shown);
            if (shown != value) {
                v[i] = value;
            }
        }
        RESOLVED_BINDING.setRelease(this, b);
        return true;
    }

    /** {@return {@code memo} when it is the key of index {@code i}, else the cached key} */
    private AttributeKey<?> key(AttributeKey<?> memo, AttributeReader r, int i) {
        String name = r.key(i);
        io.lowalloc.core.attr.AttributeType type = r.type(i);
        // Identity first: the same string constant names the same attribute span after span.
        if (memo != null && memo.getKey() == name && memo.getType() == AttributeKeyCache.otelType(type)) {
            return memo;
        }
        return keys.get(name, type);
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
        return (T) (resolve(r, r.size()) ? shownValues[i] : value(r, i));
    }

    @Override
    public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        check(WHAT);
        AttributeReader r = reader;
        int size = r.size();
        if (resolve(r, size)) {
            AttributeKey<?>[] k = shownKeys;
            Object[] v = shownValues;
            for (int i = 0; i < size; i++) {
                consumer.accept(k[i], v[i]);
            }
        } else {
            for (int i = 0; i < size; i++) {
                consumer.accept(keys.get(r.key(i), r.type(i)), value(r, i));
            }
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

    /**
     * The value of index {@code i} for {@link #resolve}: a number reuses {@code shown}, the box the
     * previous binding showed there, when the value recurs, and is otherwise boxed without a
     * memo in {@link #boxes}, since {@link #shownValues} keeps it (one store of the box, not two).
     */
    private Object resolvedValue(AttributeReader r, int i, Object shown) {
        switch (r.type(i)) {
            case LONG:
                return Boxes.reuseLong(shown, r.longValue(i));
            case DOUBLE:
                return Boxes.reuseDouble(shown, r.doubleValue(i));
            default:
                return value(r, i);
        }
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
