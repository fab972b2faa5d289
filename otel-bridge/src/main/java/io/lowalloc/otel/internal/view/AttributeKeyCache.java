package io.lowalloc.otel.internal.view;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, thread-safe cache of {@link AttributeKey}s by (name, type), so that the views hand
 * out one key object per attribute name instead of allocating one per read:
 * {@code AttributeKey.stringKey(name)} creates a new key (and the OTLP exporter re-encodes its
 * UTF-8 form) on every call.
 *
 * <p>An open-addressed table of {@code capacity} slots (a power of two) with at most
 * {@value #MAX_PROBES} probes per lookup; slots are filled once by compare-and-set and never
 * replaced, so a hit is one or a few volatile reads and a reference comparison (the usual key is
 * the same string constant every time; equal strings built at run time match too). When the
 * probed slots all hold other keys, the lookup returns a new, uncached key and counts it in
 * {@link #uncached()}: the cache never grows beyond its capacity.
 */
public final class AttributeKeyCache {

    /** Default number of slots: {@value}. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** Slots looked at per lookup before giving up on caching: {@value}. */
    static final int MAX_PROBES = 8;

    /** The OpenTelemetry type of each core type, by core ordinal. */
    private static final AttributeType[] OTEL_TYPES = otelTypes();

    // Volatile slots written once by CAS: a reader sees either null or a fully built key.
    private final AtomicReferenceArray<AttributeKey<?>> table;
    private final int mask;
    private final AtomicLong uncached = new AtomicLong();

    /**
     * Creates an empty cache.
     *
     * @param capacity the number of slots, a power of two of at least the probe length
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public AttributeKeyCache(int capacity) {
        if (capacity < MAX_PROBES || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(
                    "capacity must be a power of two >= " + MAX_PROBES + ", was: " + capacity);
        }
        this.table = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /**
     * Returns the key for {@code name} and the OpenTelemetry type matching the core
     * {@code coreType}: cached, or made now and cached if a probed slot is free, or made now and
     * not cached if the probed slots are taken.
     */
    AttributeKey<?> get(String name, io.lowalloc.core.attr.AttributeType coreType) {
        return get(name, OTEL_TYPES[coreType.ordinal()]);
    }

    /** As {@link #get(String, io.lowalloc.core.attr.AttributeType)} with an OpenTelemetry type. */
    AttributeKey<?> get(String name, AttributeType type) {
        int h = name.hashCode() * 31 + type.ordinal();
        h ^= h >>> 16; // spread: names sharing a prefix differ mostly in the high bits
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            int i = (h + probe) & mask;
            AttributeKey<?> key = table.get(i);
            if (key == null) {
                AttributeKey<?> made = create(name, type);
                if (table.compareAndSet(i, null, made)) {
                    return made;
                }
                key = table.get(i);
            }
            if (key.getType() == type && matches(key.getKey(), name)) {
                return key;
            }
        }
        uncached.incrementAndGet();
        return create(name, type);
    }

    /** Number of lookups that found no room and returned an uncached key. */
    long uncached() {
        return uncached.get();
    }

    /** Number of slots, the most keys ever cached. */
    int capacity() {
        return mask + 1;
    }

    private static boolean matches(String cached, String name) {
        return cached == name || cached.equals(name);
    }

    static AttributeKey<?> create(String name, AttributeType type) {
        switch (type) {
            case STRING:
                return AttributeKey.stringKey(name);
            case BOOLEAN:
                return AttributeKey.booleanKey(name);
            case LONG:
                return AttributeKey.longKey(name);
            case DOUBLE:
                return AttributeKey.doubleKey(name);
            case STRING_ARRAY:
                return AttributeKey.stringArrayKey(name);
            case BOOLEAN_ARRAY:
                return AttributeKey.booleanArrayKey(name);
            case LONG_ARRAY:
                return AttributeKey.longArrayKey(name);
            case DOUBLE_ARRAY:
                return AttributeKey.doubleArrayKey(name);
            default:
                throw new IllegalArgumentException("unsupported attribute type: " + type);
        }
    }

    /** The OpenTelemetry attribute type of a core attribute type. */
    static AttributeType otelType(io.lowalloc.core.attr.AttributeType coreType) {
        return OTEL_TYPES[coreType.ordinal()];
    }

    private static AttributeType[] otelTypes() {
        io.lowalloc.core.attr.AttributeType[] core = io.lowalloc.core.attr.AttributeType.values();
        AttributeType[] otel = new AttributeType[core.length];
        for (io.lowalloc.core.attr.AttributeType t : core) {
            // Same names, different order (OpenTelemetry puts BOOLEAN second and adds VALUE).
            otel[t.ordinal()] = AttributeType.valueOf(t.name());
        }
        return otel;
    }
}
