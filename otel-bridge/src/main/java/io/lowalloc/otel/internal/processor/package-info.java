/**
 * Not API: may change in any release. The internals of
 * {@link io.lowalloc.otel.BoundedBatchSpanProcessor}: the export stage that snapshots SDK spans on
 * the exporter thread, the {@code otel.bsp.*} configuration reader and the self-metrics. Public only because
 * the processor in another package uses them.
 */
package io.lowalloc.otel.internal.processor;
