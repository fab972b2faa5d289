/**
 * The OpenTelemetry bridge's API: record pooled {@link io.lowalloc.core.span.SpanData} spans and
 * export them through any OpenTelemetry {@code SpanExporter}, or swap the SDK's span processor.
 *
 * <ul>
 *   <li>{@link io.lowalloc.otel.PooledSpanPipeline} — the hot path: the core
 *       {@link io.lowalloc.core.span.SpanRecorder} with parents from the OpenTelemetry
 *       {@code Context} and the adapter as its exporter; its
 *       {@link io.lowalloc.core.span.RecorderStats} account for every span.</li>
 *   <li>{@link io.lowalloc.otel.SpanExporterAdapter} — a core {@code BatchExporter} that hands
 *       pooled spans to a {@code SpanExporter} as reusable views (or, in copy mode, immutable
 *       copies) and maps the exporter's result.</li>
 *   <li>{@link io.lowalloc.otel.BoundedBatchSpanProcessor} (built by
 *       {@link io.lowalloc.otel.BoundedBatchSpanProcessorBuilder}) — a drop-in replacement for the
 *       SDK's {@code BatchSpanProcessor}, with the same options and {@code otel.bsp.*} keys;
 *       {@link io.lowalloc.otel.SpanProcessorStats} accounts for every span.</li>
 * </ul>
 *
 * <p>The implementation lives in {@code io.lowalloc.otel.internal.*}, which is not API.
 */
package io.lowalloc.otel;
