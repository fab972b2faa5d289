/**
 * Table 4 of {@code BENCHMARKS.md}: {@code BatchBuffer} throughput and export calls per item for
 * export batch sizes from 1 to 1000, with a no-op exporter.
 */
package io.lowalloc.benchmarks.batch;
