/**
 * Runnable demos of the five memory-optimization techniques of the Go "Memory Optimization with
 * OTLP" example — object pooling, preallocation, zero-allocation builders, batching and GC
 * monitoring — built on the public API of {@code io.lowalloc.core} (and {@code io.lowalloc.otel}
 * for the export), with every figure measured at run time.
 *
 * <p>{@link io.lowalloc.examples.MemoryOptimizationDemo} runs them all; each scenario is a class
 * whose {@code run} method prints its section and returns a record of the measured numbers.
 * Not a library: nothing depends on this package.
 */
package io.lowalloc.examples;
