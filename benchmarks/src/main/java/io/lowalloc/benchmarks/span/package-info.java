/**
 * Table 2 of {@code BENCHMARKS.md} and the pipelines shared with the GC-pause load test: a span
 * with 8 attributes recorded through (a) the OpenTelemetry SDK tracer with its
 * {@code BatchSpanProcessor}, (b) the SDK tracer with lowalloc's pooled span processor, (c) the
 * lowalloc core pipeline through the OpenTelemetry bridge — each exporting in batches to a no-op
 * exporter that reads every field.
 */
package io.lowalloc.benchmarks.span;
