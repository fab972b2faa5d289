/**
 * Spans as resettable, poolable plain data: {@link io.lowalloc.core.span.SpanData} with its
 * {@link io.lowalloc.core.span.SpanEvent events} and {@link io.lowalloc.core.span.SpanLink links},
 * storage sized by {@link io.lowalloc.core.span.SpanLimits}, the lifecycle
 * {@link io.lowalloc.core.span.SpanState states} that make a write after end, submit or release
 * throw, and {@link io.lowalloc.core.span.SpanKind} and {@link io.lowalloc.core.span.StatusCode}.
 * Ids are primitives ({@link io.lowalloc.core.span.Ids} makes random ones,
 * {@link io.lowalloc.core.span.HexIds} writes and parses their hex form),
 * {@link io.lowalloc.core.span.Traceparent} writes and parses the W3C {@code traceparent} header,
 * and timestamps are epoch nanoseconds in a {@code long} ({@link io.lowalloc.core.span.EpochClock}).
 * Depends on {@code core.attr} and {@code core.pool}.
 */
package io.lowalloc.core.span;
