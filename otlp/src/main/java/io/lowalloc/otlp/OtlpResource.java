package io.lowalloc.otlp;

import io.lowalloc.core.attr.AttributeStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The OTLP resource of an exporter: the attributes that describe the process its spans come from
 * ({@code service.name} and the like). Immutable. It is encoded to protobuf once, when built, and
 * every request reuses those bytes.
 *
 * <p>Attributes are kept in key order, as OpenTelemetry's {@code Attributes} keep them, so a
 * resource built with the same attributes encodes to the same bytes as OpenTelemetry's. A key put
 * again replaces its value.
 *
 * <p>Thread-safe (immutable). Building, {@link #toBuilder()}, {@link #equals(Object)},
 * {@link #hashCode()} and {@link #toString()} allocate; requests reuse the encoded bytes, so
 * exporting with a resource allocates nothing.
 */
public final class OtlpResource {

    /** The key {@link Builder#serviceName(String)} sets: {@value}. */
    public static final String SERVICE_NAME_KEY = "service.name";

    private static final OtlpResource EMPTY = new OtlpResource(new TreeMap<>());

    private final Map<String, Object> attributes;
    private final byte[] encoded;

    private OtlpResource(TreeMap<String, Object> attributes) {
        this.attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        this.encoded = encode(attributes);
    }

    /** {@return the resource without attributes} */
    public static OtlpResource empty() {
        return EMPTY;
    }

    /** {@return a builder with no attributes} */
    public static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    /** {@return a builder that starts from this resource's attributes} */
    public Builder toBuilder() {
        return new Builder(new TreeMap<>(attributes));
    }

    /**
     * {@return the attributes in key order, unmodifiable: each value a {@code String}, {@code Long},
     * {@code Double} or {@code Boolean}}
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** {@return the {@value #SERVICE_NAME_KEY} attribute if it is a string; nullable: {@code null} when absent} */
    public String serviceName() {
        return attributes.get(SERVICE_NAME_KEY) instanceof String s ? s : null;
    }

    /**
     * {@return the encoded {@code opentelemetry.proto.resource.v1.Resource} message, without a tag;
     * not a copy: never modify it}
     */
    byte[] encoded() {
        return encoded;
    }

    /**
     * {@return whether {@code o} is an {@code OtlpResource} with equal attributes}
     *
     * @param o the other object
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof OtlpResource other && attributes.equals(other.attributes);
    }

    /** {@return a hash of the attributes} */
    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    /** {@return a readable form such as {@code OtlpResource{service.name=checkout}}} */
    @Override
    public String toString() {
        return "OtlpResource" + attributes;
    }

    private static byte[] encode(TreeMap<String, Object> attributes) {
        if (attributes.isEmpty()) {
            return new byte[0];
        }
        AttributeStore store = AttributeStore.create(attributes.size(), attributes.size());
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                store.put(e.getKey(), s);
            } else if (v instanceof Long l) {
                store.put(e.getKey(), l.longValue());
            } else if (v instanceof Double d) {
                store.put(e.getKey(), d.doubleValue());
            } else {
                store.put(e.getKey(), ((Boolean) v).booleanValue());
            }
        }
        SizeQueue sizes = new SizeQueue(4 * attributes.size());
        int size = AttributeEncoder.size(ResourceFields.ATTRIBUTES, store, Integer.MAX_VALUE, sizes);
        ProtoBuffer out = new ProtoBuffer(size);
        sizes.rewind();
        AttributeEncoder.write(ResourceFields.ATTRIBUTES, store, Integer.MAX_VALUE, sizes, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    /** Field numbers of {@code opentelemetry.proto.resource.v1.Resource}. */
    private static final class ResourceFields {
        static final int ATTRIBUTES = 1;

        private ResourceFields() {
        }
    }

    /**
     * Collects the attributes of a resource. Not thread-safe; each {@link #build()} makes an
     * independent resource.
     */
    public static final class Builder {

        private final TreeMap<String, Object> attributes;

        private Builder(TreeMap<String, Object> attributes) {
            this.attributes = attributes;
        }

        /**
         * Sets a string attribute.
         *
         * @param key the key, not empty
         * @param value the value
         * @return this builder
         * @throws NullPointerException if {@code key} or {@code value} is {@code null}
         * @throws IllegalArgumentException if {@code key} is empty
         */
        public Builder put(String key, String value) {
            return putObject(key, Objects.requireNonNull(value, "value"));
        }

        /**
         * Sets a long attribute.
         *
         * @param key the key, not empty
         * @param value the value
         * @return this builder
         * @throws NullPointerException if {@code key} is {@code null}
         * @throws IllegalArgumentException if {@code key} is empty
         */
        public Builder put(String key, long value) {
            return putObject(key, value);
        }

        /**
         * Sets a double attribute.
         *
         * @param key the key, not empty
         * @param value the value
         * @return this builder
         * @throws NullPointerException if {@code key} is {@code null}
         * @throws IllegalArgumentException if {@code key} is empty
         */
        public Builder put(String key, double value) {
            return putObject(key, value);
        }

        /**
         * Sets a boolean attribute.
         *
         * @param key the key, not empty
         * @param value the value
         * @return this builder
         * @throws NullPointerException if {@code key} is {@code null}
         * @throws IllegalArgumentException if {@code key} is empty
         */
        public Builder put(String key, boolean value) {
            return putObject(key, value);
        }

        /**
         * Sets the {@value #SERVICE_NAME_KEY} attribute.
         *
         * @param serviceName the logical name of the service
         * @return this builder
         * @throws NullPointerException if {@code serviceName} is {@code null}
         */
        public Builder serviceName(String serviceName) {
            return put(SERVICE_NAME_KEY, Objects.requireNonNull(serviceName, "serviceName"));
        }

        /**
         * Removes an attribute, if present.
         *
         * @param key the key
         * @return this builder
         * @throws NullPointerException if {@code key} is {@code null}
         */
        public Builder remove(String key) {
            attributes.remove(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** {@return a new resource with the attributes set so far, encoded once} */
        public OtlpResource build() {
            return attributes.isEmpty() ? EMPTY : new OtlpResource(attributes);
        }

        private Builder putObject(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("key must not be empty");
            }
            attributes.put(key, value);
            return this;
        }
    }
}
