package io.lowalloc.core.span;

/**
 * How much a {@link SpanData} holds and how much of it is preallocated. Immutable and
 * thread-safe; build one with {@link #builder()} or take {@link #defaults()}.
 *
 * <p>Each kind of content has a <em>limit</em> (the most ever held: more is dropped and
 * counted, never thrown) and an <em>initial capacity</em> or preallocated count (what is
 * allocated when the span is created). Between the two, storage grows while a pooled span warms
 * up and is kept across {@link SpanData#reset()}, so a warm pool allocates nothing.
 *
 * <p><b>Sized by the workload.</b> By default nothing is preallocated: each span's attribute
 * arrays, events and links are made the first time that span needs them, grow (doubling, capped
 * at the limit) to the most that span has held, and keep that capacity across resets. A pooled
 * span so retains what the workload reaches, not what the limits allow, and stops allocating once
 * every pooled span has carried the workload's largest span. Raise the preallocation knobs to pay
 * that growth up front instead (at creation or {@code ObjectPool.prefill}), at the cost of memory
 * for every pooled span. The retained heap per pooled default-limits span after a typical use
 * (8 attributes, no events or links) is measured and bounded by {@code SpanFootprintTest} in this
 * project's tests, which prints the figure.
 *
 * <p>The limits default to the OpenTelemetry SDK's defaults (128 attributes, events, links,
 * attributes per event and per link, no attribute value length limit).
 *
 * <p>The attribute value length limit ({@link #maxAttributeValueLength()}) is not applied when a
 * value is written: values are stored by reference, so recording costs nothing for it. It is
 * applied where spans are exported — the OpenTelemetry views and copies truncate longer string
 * values, and each longer element of a string array, when the exporter reads them.
 *
 * <p><b>Bounds on preallocation.</b> A limit only caps growth, so it may be as large as
 * {@link Integer#MAX_VALUE}. What is preallocated is allocated for every span the pool creates,
 * before any is recorded, so it is bounded: each preallocation knob to
 * {@value #MAX_PREALLOCATION} (eight times OpenTelemetry's default limit of 128), and the
 * attribute slots preallocated per span — {@code attributeInitialCapacity + preallocatedEvents *
 * eventAttributeInitialCapacity + preallocatedLinks * linkAttributeInitialCapacity} — to
 * {@value #MAX_PREALLOCATED_ATTRIBUTES_PER_SPAN} (twice what preallocating OpenTelemetry's default
 * limits in full takes: 128 + 128 * 128 + 128 * 128 = 32,896). A slot is five array elements
 * (key and value references, the key's hash, a type byte and a {@code long}), plus a key-index
 * entry past a few attributes; each preallocated event or link adds one
 * object and its attribute store. Beyond the bounds the setter or {@link Builder#build()} throws
 * {@link IllegalArgumentException} naming the argument and the allowed range, instead of the
 * first span failing with {@link OutOfMemoryError}.
 */
public final class SpanLimits {

    /**
     * Default span attributes preallocated: {@value}; the storage is made at the first attribute
     * and grows to what the workload reaches (see the class documentation).
     */
    public static final int DEFAULT_ATTRIBUTE_INITIAL_CAPACITY = 0;
    /** Default most attributes per span: {@value}, OpenTelemetry's default. */
    public static final int DEFAULT_ATTRIBUTE_LIMIT = 128;
    /** Default most events per span: {@value}, OpenTelemetry's default. */
    public static final int DEFAULT_EVENT_LIMIT = 128;
    /** Default events preallocated per span: {@value}; most spans have none, events are made at first need. */
    public static final int DEFAULT_PREALLOCATED_EVENTS = 0;
    /** Default attributes preallocated per event: {@value}; made at the event's first attribute. */
    public static final int DEFAULT_EVENT_ATTRIBUTE_INITIAL_CAPACITY = 0;
    /** Default most attributes per event: {@value}, OpenTelemetry's default. */
    public static final int DEFAULT_EVENT_ATTRIBUTE_LIMIT = 128;
    /** Default most links per span: {@value}, OpenTelemetry's default. */
    public static final int DEFAULT_LINK_LIMIT = 128;
    /** Default links preallocated per span: {@value}; links are rare outside batch consumers. */
    public static final int DEFAULT_PREALLOCATED_LINKS = 0;
    /** Default attributes preallocated per link: {@value}; made at the link's first attribute. */
    public static final int DEFAULT_LINK_ATTRIBUTE_INITIAL_CAPACITY = 0;
    /** Default most attributes per link: {@value}, OpenTelemetry's default. */
    public static final int DEFAULT_LINK_ATTRIBUTE_LIMIT = 128;
    /** Default attribute value length limit: {@value} ({@code Integer.MAX_VALUE}, unlimited), OpenTelemetry's default. */
    public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = Integer.MAX_VALUE;

    /**
     * The largest value of each preallocation knob ({@code attributeInitialCapacity},
     * {@code preallocatedEvents}, {@code eventAttributeInitialCapacity}, {@code preallocatedLinks},
     * {@code linkAttributeInitialCapacity}): {@value}.
     */
    public static final int MAX_PREALLOCATION = 1024;
    /**
     * The most attribute slots one span may preallocate, over its own attributes and those of its
     * preallocated events and links: {@value}.
     */
    public static final int MAX_PREALLOCATED_ATTRIBUTES_PER_SPAN = 65_536;

    private static final SpanLimits DEFAULTS = builder().build();

    private final int attributeInitialCapacity;
    private final int attributeLimit;
    private final int eventLimit;
    private final int preallocatedEvents;
    private final int eventAttributeInitialCapacity;
    private final int eventAttributeLimit;
    private final int linkLimit;
    private final int preallocatedLinks;
    private final int linkAttributeInitialCapacity;
    private final int linkAttributeLimit;
    private final int maxAttributeValueLength;

    private SpanLimits(Builder b) {
        this.attributeInitialCapacity = b.attributeInitialCapacity;
        this.attributeLimit = b.attributeLimit;
        this.eventLimit = b.eventLimit;
        this.preallocatedEvents = b.preallocatedEvents;
        this.eventAttributeInitialCapacity = b.eventAttributeInitialCapacity;
        this.eventAttributeLimit = b.eventAttributeLimit;
        this.linkLimit = b.linkLimit;
        this.preallocatedLinks = b.preallocatedLinks;
        this.linkAttributeInitialCapacity = b.linkAttributeInitialCapacity;
        this.linkAttributeLimit = b.linkAttributeLimit;
        this.maxAttributeValueLength = b.maxAttributeValueLength;
    }

    /** {@return the limits with every value at its {@code DEFAULT_*} constant, always the same instance} */
    public static SpanLimits defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder with every value at its {@code DEFAULT_*} constant.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return how many span attributes are preallocated, in {@code [0, attributeLimit()]}} */
    public int attributeInitialCapacity() {
        return attributeInitialCapacity;
    }

    /** {@return the most attributes a span holds, {@code >= 1}; more are dropped and counted} */
    public int attributeLimit() {
        return attributeLimit;
    }

    /** {@return the most events a span holds, {@code >= 0}; more are dropped and counted} */
    public int eventLimit() {
        return eventLimit;
    }

    /** {@return how many events are preallocated per span, in {@code [0, eventLimit()]}} */
    public int preallocatedEvents() {
        return preallocatedEvents;
    }

    /** {@return how many attributes are preallocated per event, in {@code [0, eventAttributeLimit()]}} */
    public int eventAttributeInitialCapacity() {
        return eventAttributeInitialCapacity;
    }

    /** {@return the most attributes an event holds, {@code >= 1}; more are dropped and counted} */
    public int eventAttributeLimit() {
        return eventAttributeLimit;
    }

    /** {@return the most links a span holds, {@code >= 0}; more are dropped and counted} */
    public int linkLimit() {
        return linkLimit;
    }

    /** {@return how many links are preallocated per span, in {@code [0, linkLimit()]}} */
    public int preallocatedLinks() {
        return preallocatedLinks;
    }

    /** {@return how many attributes are preallocated per link, in {@code [0, linkAttributeLimit()]}} */
    public int linkAttributeInitialCapacity() {
        return linkAttributeInitialCapacity;
    }

    /** {@return the most attributes a link holds, {@code >= 1}; more are dropped and counted} */
    public int linkAttributeLimit() {
        return linkAttributeLimit;
    }

    /**
     * {@return the attribute value length limit, {@code >= 0}: the most {@code char}s an exporter
     * is shown of a string attribute value, or of each element of a string-array value, of the
     * span, its events and its links; {@link Integer#MAX_VALUE} for no limit} Values are stored
     * whole and cut where they are exported (see the class documentation); other types are never
     * cut. OpenTelemetry's name for it is the attribute value length limit
     * ({@code SpanLimits.getMaxAttributeValueLength()}).
     */
    public int maxAttributeValueLength() {
        return maxAttributeValueLength;
    }

    /**
     * Compares every value.
     *
     * @param o the other object
     * @return whether {@code o} is a {@code SpanLimits} with the same values
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SpanLimits)) {
            return false;
        }
        SpanLimits that = (SpanLimits) o;
        return attributeInitialCapacity == that.attributeInitialCapacity
                && attributeLimit == that.attributeLimit
                && eventLimit == that.eventLimit
                && preallocatedEvents == that.preallocatedEvents
                && eventAttributeInitialCapacity == that.eventAttributeInitialCapacity
                && eventAttributeLimit == that.eventAttributeLimit
                && linkLimit == that.linkLimit
                && preallocatedLinks == that.preallocatedLinks
                && linkAttributeInitialCapacity == that.linkAttributeInitialCapacity
                && linkAttributeLimit == that.linkAttributeLimit
                && maxAttributeValueLength == that.maxAttributeValueLength;
    }

    /** {@return a hash of every value, consistent with {@link #equals(Object)}} */
    @Override
    public int hashCode() {
        int h = attributeInitialCapacity;
        h = 31 * h + attributeLimit;
        h = 31 * h + eventLimit;
        h = 31 * h + preallocatedEvents;
        h = 31 * h + eventAttributeInitialCapacity;
        h = 31 * h + eventAttributeLimit;
        h = 31 * h + linkLimit;
        h = 31 * h + preallocatedLinks;
        h = 31 * h + linkAttributeInitialCapacity;
        h = 31 * h + linkAttributeLimit;
        h = 31 * h + maxAttributeValueLength;
        return h;
    }

    /**
     * {@return every value, as {@code initial/limit} pairs, then the attribute value length limit
     * when there is one}
     */
    @Override
    public String toString() {
        return "SpanLimits{attributes=" + attributeInitialCapacity + "/" + attributeLimit
                + ", events=" + preallocatedEvents + "/" + eventLimit
                + ", eventAttributes=" + eventAttributeInitialCapacity + "/" + eventAttributeLimit
                + ", links=" + preallocatedLinks + "/" + linkLimit
                + ", linkAttributes=" + linkAttributeInitialCapacity + "/" + linkAttributeLimit
                + (maxAttributeValueLength == DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH ? ""
                        : ", maxAttributeValueLength=" + maxAttributeValueLength)
                + "}";
    }

    /**
     * Builds {@link SpanLimits}. Each setter checks its own range at once;
     * {@link #build()} checks that every initial capacity or preallocated count is within its
     * limit (so setters can be called in any order). Not thread-safe.
     */
    public static final class Builder {
        private int attributeInitialCapacity = DEFAULT_ATTRIBUTE_INITIAL_CAPACITY;
        private int attributeLimit = DEFAULT_ATTRIBUTE_LIMIT;
        private int eventLimit = DEFAULT_EVENT_LIMIT;
        private int preallocatedEvents = DEFAULT_PREALLOCATED_EVENTS;
        private int eventAttributeInitialCapacity = DEFAULT_EVENT_ATTRIBUTE_INITIAL_CAPACITY;
        private int eventAttributeLimit = DEFAULT_EVENT_ATTRIBUTE_LIMIT;
        private int linkLimit = DEFAULT_LINK_LIMIT;
        private int preallocatedLinks = DEFAULT_PREALLOCATED_LINKS;
        private int linkAttributeInitialCapacity = DEFAULT_LINK_ATTRIBUTE_INITIAL_CAPACITY;
        private int linkAttributeLimit = DEFAULT_LINK_ATTRIBUTE_LIMIT;
        private int maxAttributeValueLength = DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH;

        private Builder() {
        }

        /**
         * Sets how many span attributes are preallocated; default
         * {@value SpanLimits#DEFAULT_ATTRIBUTE_INITIAL_CAPACITY}.
         *
         * @param attributeInitialCapacity in {@code [0, MAX_PREALLOCATION]} and, at build,
         *     {@code <= attributeLimit}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder attributeInitialCapacity(int attributeInitialCapacity) {
            this.attributeInitialCapacity = preallocation("attributeInitialCapacity", attributeInitialCapacity);
            return this;
        }

        /**
         * Sets the most attributes per span; default {@value SpanLimits#DEFAULT_ATTRIBUTE_LIMIT}.
         *
         * @param attributeLimit {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder attributeLimit(int attributeLimit) {
            this.attributeLimit = atLeast("attributeLimit", attributeLimit, 1);
            return this;
        }

        /**
         * Sets the most events per span; default {@value SpanLimits#DEFAULT_EVENT_LIMIT}.
         * 0 drops (and counts) every event.
         *
         * @param eventLimit {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder eventLimit(int eventLimit) {
            this.eventLimit = atLeast("eventLimit", eventLimit, 0);
            return this;
        }

        /**
         * Sets how many events are preallocated per span; default
         * {@value SpanLimits#DEFAULT_PREALLOCATED_EVENTS}.
         *
         * @param preallocatedEvents in {@code [0, MAX_PREALLOCATION]} and, at build,
         *     {@code <= eventLimit}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder preallocatedEvents(int preallocatedEvents) {
            this.preallocatedEvents = preallocation("preallocatedEvents", preallocatedEvents);
            return this;
        }

        /**
         * Sets how many attributes are preallocated per event; default
         * {@value SpanLimits#DEFAULT_EVENT_ATTRIBUTE_INITIAL_CAPACITY}.
         *
         * @param eventAttributeInitialCapacity in {@code [0, MAX_PREALLOCATION]} and, at build,
         *     {@code <= eventAttributeLimit}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder eventAttributeInitialCapacity(int eventAttributeInitialCapacity) {
            this.eventAttributeInitialCapacity =
                    preallocation("eventAttributeInitialCapacity", eventAttributeInitialCapacity);
            return this;
        }

        /**
         * Sets the most attributes per event; default
         * {@value SpanLimits#DEFAULT_EVENT_ATTRIBUTE_LIMIT}.
         *
         * @param eventAttributeLimit {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder eventAttributeLimit(int eventAttributeLimit) {
            this.eventAttributeLimit = atLeast("eventAttributeLimit", eventAttributeLimit, 1);
            return this;
        }

        /**
         * Sets the most links per span; default {@value SpanLimits#DEFAULT_LINK_LIMIT}.
         * 0 drops (and counts) every link.
         *
         * @param linkLimit {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder linkLimit(int linkLimit) {
            this.linkLimit = atLeast("linkLimit", linkLimit, 0);
            return this;
        }

        /**
         * Sets how many links are preallocated per span; default
         * {@value SpanLimits#DEFAULT_PREALLOCATED_LINKS}.
         *
         * @param preallocatedLinks in {@code [0, MAX_PREALLOCATION]} and, at build,
         *     {@code <= linkLimit}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder preallocatedLinks(int preallocatedLinks) {
            this.preallocatedLinks = preallocation("preallocatedLinks", preallocatedLinks);
            return this;
        }

        /**
         * Sets how many attributes are preallocated per link; default
         * {@value SpanLimits#DEFAULT_LINK_ATTRIBUTE_INITIAL_CAPACITY}.
         *
         * @param linkAttributeInitialCapacity in {@code [0, MAX_PREALLOCATION]} and, at build,
         *     {@code <= linkAttributeLimit}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder linkAttributeInitialCapacity(int linkAttributeInitialCapacity) {
            this.linkAttributeInitialCapacity =
                    preallocation("linkAttributeInitialCapacity", linkAttributeInitialCapacity);
            return this;
        }

        /**
         * Sets the most attributes per link; default
         * {@value SpanLimits#DEFAULT_LINK_ATTRIBUTE_LIMIT}.
         *
         * @param linkAttributeLimit {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder linkAttributeLimit(int linkAttributeLimit) {
            this.linkAttributeLimit = atLeast("linkAttributeLimit", linkAttributeLimit, 1);
            return this;
        }

        /**
         * Sets the attribute value length limit: the most {@code char}s of a string value, or of
         * each element of a string-array value, that exporters are shown; longer values are cut
         * when exported, not when written. Like OpenTelemetry's
         * {@code SpanLimitsBuilder.setMaxAttributeValueLength}; default
         * {@value SpanLimits#DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH} (no limit).
         *
         * @param maxAttributeValueLength {@code >= 0}; {@link Integer#MAX_VALUE} for no limit
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxAttributeValueLength(int maxAttributeValueLength) {
            this.maxAttributeValueLength = atLeast("maxAttributeValueLength", maxAttributeValueLength, 0);
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the immutable limits
         * @throws IllegalArgumentException if an initial capacity or preallocated count exceeds
         *     its limit (the message names both), or the attribute slots preallocated per span
         *     exceed {@link SpanLimits#MAX_PREALLOCATED_ATTRIBUTES_PER_SPAN} (the message gives the
         *     sum and its terms)
         */
        public SpanLimits build() {
            atMost("attributeInitialCapacity", attributeInitialCapacity, "attributeLimit", attributeLimit);
            atMost("preallocatedEvents", preallocatedEvents, "eventLimit", eventLimit);
            atMost("eventAttributeInitialCapacity", eventAttributeInitialCapacity,
                    "eventAttributeLimit", eventAttributeLimit);
            atMost("preallocatedLinks", preallocatedLinks, "linkLimit", linkLimit);
            atMost("linkAttributeInitialCapacity", linkAttributeInitialCapacity,
                    "linkAttributeLimit", linkAttributeLimit);
            // At most 1024 + 2 * 1024 * 1024 with the per-knob bounds: no int overflow.
            int slots = attributeInitialCapacity + preallocatedEvents * eventAttributeInitialCapacity
                    + preallocatedLinks * linkAttributeInitialCapacity;
            if (slots > MAX_PREALLOCATED_ATTRIBUTES_PER_SPAN) {
                throw new IllegalArgumentException("attributeInitialCapacity + preallocatedEvents"
                        + " * eventAttributeInitialCapacity + preallocatedLinks * linkAttributeInitialCapacity"
                        + " (attribute slots preallocated per span) must be in [0, "
                        + MAX_PREALLOCATED_ATTRIBUTES_PER_SPAN + "], was: " + attributeInitialCapacity + " + "
                        + preallocatedEvents + " * " + eventAttributeInitialCapacity + " + " + preallocatedLinks
                        + " * " + linkAttributeInitialCapacity + " = " + slots);
            }
            return new SpanLimits(this);
        }

        private static int preallocation(String name, int value) {
            if (value < 0 || value > MAX_PREALLOCATION) {
                throw new IllegalArgumentException(
                        name + " must be in [0, " + MAX_PREALLOCATION + "], was: " + value);
            }
            return value;
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", was: " + value);
            }
            return value;
        }

        private static void atMost(String name, int value, String limitName, int limit) {
            if (value > limit) {
                throw new IllegalArgumentException(
                        name + " must be <= " + limitName + " (" + limit + "), was: " + value);
            }
        }
    }
}
