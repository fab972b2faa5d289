/**
 * Spans as resettable, poolable plain data: {@link io.lowalloc.core.span.SpanData} with its
 * {@link io.lowalloc.core.span.SpanEvent events} and {@link io.lowalloc.core.span.SpanLink links},
 * storage sized by {@link io.lowalloc.core.span.SpanLimits}, and the lifecycle
 * {@link io.lowalloc.core.span.SpanState states} that make a write after end, submit or release
 * fail loudly. Ids are primitives and timestamps epoch nanoseconds in a {@code long}.
 *
 * <p>{@link io.lowalloc.core.span.SpanRecorder} records and exports spans: a pool of spans, a
 * batch buffer and any {@code BatchExporter}; a span's parent is a
 * {@link io.lowalloc.core.span.SpanParent} value or a live span, and
 * {@link io.lowalloc.core.span.RecorderStats} accounts for every span.
 */
package io.lowalloc.core.span;
