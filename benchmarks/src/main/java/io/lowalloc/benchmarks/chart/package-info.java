/**
 * Renders the charts of {@code BENCHMARKS.md} as SVG from the JMH JSON results ({@code -rf json})
 * and the load test's JSON, in plain Java without dependencies.
 */
package io.lowalloc.benchmarks.chart;
