/**
 * Not API: may change in any release. The internals of
 * {@link io.lowalloc.otel.PooledBatchSpanProcessor}: the copier from SDK spans into pooled core
 * spans, the {@code otel.bsp.*} configuration reader and the self-metrics. Public only because
 * the processor in another package uses them.
 */
package io.lowalloc.otel.internal.processor;
