/**
 * The OpenTelemetry bridge: export pooled {@link io.lowalloc.core.span.SpanData} spans through
 * any OpenTelemetry {@code SpanExporter}.
 *
 * <ul>
 *   <li>{@link io.lowalloc.otel.PooledSpanDataView} — a reusable {@code SpanData} view over a
 *       pooled span, with reusable attribute, context, event, link and status views.</li>
 *   <li>{@link io.lowalloc.otel.SpanExporterAdapter} — a {@code BatchExporter} that binds views
 *       (or, in copy mode, immutable copies) and maps the exporter's result.</li>
 *   <li>{@link io.lowalloc.otel.PooledSpanPipeline} — the hot path: start pooled spans (parent
 *       from the OpenTelemetry {@code Context}), end them into a batch buffer, export them
 *       through the adapter; {@link io.lowalloc.otel.PipelineStats} accounts for every span.</li>
 * </ul>
 */
package io.lowalloc.otel;
