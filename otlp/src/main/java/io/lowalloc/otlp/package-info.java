/**
 * An OTLP/HTTP span exporter for the core span recorder: it encodes pooled
 * {@link io.lowalloc.core.span.SpanData} straight into OTLP protobuf ({@code ExportTraceServiceRequest})
 * in reused buffers and posts it over a persistent HTTP/1.1 connection. It depends on core only; no
 * OpenTelemetry classes are needed at run time.
 */
package io.lowalloc.otlp;
