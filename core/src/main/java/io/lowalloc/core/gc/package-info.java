/**
 * GC and allocation measurement: the JVM counterparts of Go's {@code runtime.ReadMemStats}, used by
 * demos, tests and benchmarks to prove (or disprove) the zero-allocation contract.
 *
 * <ul>
 *   <li>{@link io.lowalloc.core.gc.GcStats} — a point-in-time snapshot of collection counts/times and
 *       heap usage, with deltas through {@link io.lowalloc.core.gc.GcStats#minus(GcStats)}.</li>
 *   <li>{@link io.lowalloc.core.gc.GcMonitor} — records every GC event from JMX notifications and
 *       summarises the stop-the-world pauses as {@link io.lowalloc.core.gc.GcPauseStats}.</li>
 *   <li>{@link io.lowalloc.core.gc.AllocationMeter} — bytes allocated per thread, read without
 *       allocating, with a {@link io.lowalloc.core.gc.AllocationMeter.Measurement} helper.</li>
 * </ul>
 *
 * <p>This package depends only on {@code java.management} and {@code jdk.management}; it is a leaf.
 */
package io.lowalloc.core.gc;
