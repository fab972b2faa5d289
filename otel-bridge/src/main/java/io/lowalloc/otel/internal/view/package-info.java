/**
 * Not API: may change in any release. The OpenTelemetry {@code SpanData} views over pooled core
 * spans: {@link io.lowalloc.otel.internal.view.PooledSpanDataView} and the reusable views it owns
 * (span contexts, attributes, events, links, status and their allocation-free lists
 * {@link io.lowalloc.otel.internal.view.IndexedList} and
 * {@link io.lowalloc.otel.internal.view.ViewList}), the immutable copies of copy mode, the bounded
 * {@link io.lowalloc.otel.internal.view.AttributeKeyCache} and the hex id strings made on demand.
 * Public only because {@link io.lowalloc.otel.SpanExporterAdapter} and
 * {@link io.lowalloc.otel.PooledSpanPipeline} in another package use them.
 */
package io.lowalloc.otel.internal.view;
