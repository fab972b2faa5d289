/**
 * Renders the charts of {@code BENCHMARKS.md} as SVG from the JMH JSON results ({@code -rf json})
 * and the load test's JSON, both read through {@link io.lowalloc.benchmarks.results}; the SVG is
 * plain text written here.
 */
package io.lowalloc.benchmarks.chart;
