package io.lowalloc.core.span;

/** The role of a span in a trace, matching the OpenTelemetry span kinds. */
public enum SpanKind {
    /** An operation internal to an application (the default). */
    INTERNAL,
    /** The server side of a synchronous remote call. */
    SERVER,
    /** The client side of a synchronous remote call. */
    CLIENT,
    /** The sender of an asynchronous message. */
    PRODUCER,
    /** The receiver of an asynchronous message. */
    CONSUMER
}
