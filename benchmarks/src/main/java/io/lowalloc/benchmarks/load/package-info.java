/**
 * Table 5 of {@code BENCHMARKS.md}: the GC-pause load test, a plain {@code main} (not JMH) that
 * records spans at a fixed rate for a fixed time and reports allocation, GC frequency and pauses.
 */
package io.lowalloc.benchmarks.load;
