/**
 * Not API: may change in any release. The OpenTelemetry {@code SpanData} views over pooled core
 * spans: {@link io.lowalloc.otel.internal.view.PooledSpanDataView} and the reusable views it owns
 * (span contexts, attributes, events, links, status and their allocation-free lists
 * {@link io.lowalloc.otel.internal.view.IndexedList} and
 * {@link io.lowalloc.otel.internal.view.ViewList}), the per-export
 * {@link io.lowalloc.otel.internal.view.ViewSet}, the immutable copies of copy mode, the bounded
 * {@link io.lowalloc.otel.internal.view.AttributeKeyCache} and the hex id strings made on demand.
 * Every view carries the generation of the binding it was handed out under, and a read after that
 * binding ended throws {@code IllegalStateException} naming copy mode. Public only because
 * {@link io.lowalloc.otel.SpanExporterAdapter} and {@link io.lowalloc.otel.PooledSpanPipeline} in
 * another package use them.
 */
package io.lowalloc.otel.internal.view;
