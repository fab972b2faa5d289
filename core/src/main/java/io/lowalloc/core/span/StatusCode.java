package io.lowalloc.core.span;

/** The status of a span's operation, matching the OpenTelemetry status codes. */
public enum StatusCode {
    /** No status was set (the default). */
    UNSET,
    /** The operation was explicitly marked successful; final once set. */
    OK,
    /** The operation failed. */
    ERROR
}
