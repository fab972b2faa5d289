/**
 * Side-by-side measurements of lowalloc-telemetry against plain allocation, other object pools and
 * the OpenTelemetry SDK: JMH benchmarks (one sub-package per table of {@code BENCHMARKS.md}), the
 * GC-pause load test and the SVG chart renderer. Not an API; nothing depends on this module.
 */
package io.lowalloc.benchmarks;
