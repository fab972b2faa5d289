/**
 * The JSON result files of this module as typed records, read and written with Gson: JMH's
 * {@code -rf json} output ({@link io.lowalloc.benchmarks.results.JmhResult}) and the GC-pause load
 * test's result ({@link io.lowalloc.benchmarks.results.LoadTestReport}). The chart renderer reads
 * both; the load test writes the second.
 */
package io.lowalloc.benchmarks.results;
