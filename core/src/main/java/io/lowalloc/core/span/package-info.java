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
 *
 * <p>{@link io.lowalloc.core.span.SpanRecorder} records and exports spans: a pool of spans, a
 * batch buffer and any {@code BatchExporter}; a span's parent is a
 * {@link io.lowalloc.core.span.SpanParent} value or a live span, and
 * {@link io.lowalloc.core.span.RecorderStats} accounts for every span.
 *
 * <p>Depends on {@code core.attr}, {@code core.pool} and {@code core.batch}.
 */
package io.lowalloc.core.span;
