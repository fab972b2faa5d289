/**
 * Not API: may change in any release. The OpenTelemetry {@code SpanData} views over pooled core
 * spans (span, attributes, context, events, links, status and their lists), the immutable copies
 * of copy mode, the attribute key cache and cached hex id strings. Public only because
 * {@link io.lowalloc.otel.SpanExporterAdapter} and {@link io.lowalloc.otel.PooledSpanPipeline}
 * in another package use them.
 */
package io.lowalloc.otel.internal.view;
