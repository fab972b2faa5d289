/**
 * The end-to-end harness: the table 2 span recorded at a fixed rate through each row
 * ({@link io.lowalloc.benchmarks.e2e.E2eRows}) and exported over OTLP/HTTP to a loopback
 * {@link io.lowalloc.benchmarks.e2e.OtlpSink} in its own JVM. Three plain {@code main}s, not JMH,
 * each starting one sink and a fresh JVM per run of a row, runs of the rows interleaved:
 * {@link io.lowalloc.benchmarks.e2e.FixedRateLoad} (CPU, bytes, GCs and drops per span at a fixed
 * rate), {@link io.lowalloc.benchmarks.e2e.SustainedRate} (the highest rate exported without loss)
 * and {@link io.lowalloc.benchmarks.e2e.RequestLatency} (request latency percentiles of an open-loop
 * request loop). Each writes {@code <out-dir>/<name>.json} (every run, and per row the median,
 * minimum and maximum of every figure) and {@code <out-dir>/<name>.md} (the table);
 * {@code benchmarks/run-e2e.sh} runs all three with their defaults.
 *
 * <p>A row is a {@link io.lowalloc.benchmarks.e2e.RowFactory}; row (c), our recorder with the
 * native exporter of the {@code otlp} module, plugs in as
 * {@value io.lowalloc.benchmarks.e2e.E2eRows#NATIVE_FACTORY_CLASS} (or any factory named with
 * {@value io.lowalloc.benchmarks.e2e.E2eRows#CLASS_PREFIX}).
 */
package io.lowalloc.benchmarks.e2e;
