/**
 * The OpenTelemetry bridge: export pooled {@link io.lowalloc.core.span.SpanData} spans through
 * any OpenTelemetry {@code SpanExporter}.
 *
 * <ul>
 *   <li>{@link io.lowalloc.otel.PooledSpanDataView} — a reusable {@code SpanData} view over a
 *       pooled span, with reusable attribute, context, event, link and status views.</li>
 *   <li>{@link io.lowalloc.otel.SpanExporterAdapter} — a {@code BatchExporter} that binds views
 *       (or, in copy mode, immutable copies) and maps the exporter's result.</li>
 * </ul>
 */
package io.lowalloc.otel;
