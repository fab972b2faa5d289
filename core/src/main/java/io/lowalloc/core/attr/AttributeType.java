package io.lowalloc.core.attr;

/** The type of an attribute value, matching the OpenTelemetry attribute types. */
public enum AttributeType {
    /** A {@link String} value. */
    STRING,
    /** A {@code long} value. */
    LONG,
    /** A {@code double} value. */
    DOUBLE,
    /** A {@code boolean} value. */
    BOOLEAN,
    /** A {@code String[]} value, held by reference. */
    STRING_ARRAY,
    /** A {@code long[]} value, held by reference. */
    LONG_ARRAY,
    /** A {@code double[]} value, held by reference. */
    DOUBLE_ARRAY,
    /** A {@code boolean[]} value, held by reference. */
    BOOLEAN_ARRAY
}
