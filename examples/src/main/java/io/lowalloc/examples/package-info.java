/**
 * Runnable demos of the five memory-optimization techniques of the Go "Memory Optimization with
 * OTLP" example — object pooling, preallocation, zero-allocation builders, batching and GC
 * monitoring — built on the public API of {@code io.lowalloc.core} (and {@code io.lowalloc.otel}
 * for the export), with every figure measured at run time.
 *
 * <p>{@link io.lowalloc.examples.MemoryOptimizationDemo} runs them all, with the options of
 * {@link io.lowalloc.examples.DemoOptions}. Each scenario is a class whose {@code run} method
 * prints its section and returns a record of the measured numbers:
 * {@link io.lowalloc.examples.SpanPoolDemo}, {@link io.lowalloc.examples.PreallocationDemo},
 * {@link io.lowalloc.examples.ZeroAllocationDemo}, {@link io.lowalloc.examples.BatchProcessingDemo},
 * {@link io.lowalloc.examples.GcTuningDemo} and {@link io.lowalloc.examples.PitfallsDemo} (with
 * {@link io.lowalloc.examples.PoolMisuse}, {@link io.lowalloc.examples.CapacityVsLength},
 * {@link io.lowalloc.examples.EscapeAnalysis} and {@link io.lowalloc.examples.BatchSizing}).
 * {@link io.lowalloc.examples.AttributeBuffer} shows a user-defined {@code Poolable}. The
 * package-private helpers measure loops ({@code LoopMeter}), force escape ({@code EscapeSink}),
 * run the GC workload ({@code FixedRateWorkload}), print the exported batches
 * ({@code PrintingSpanExporter}) and the JVM's GC flags ({@code JvmKnobs}), and format the figures
 * ({@code Figures}). Not a library: nothing depends on this package.
 */
package io.lowalloc.examples;
