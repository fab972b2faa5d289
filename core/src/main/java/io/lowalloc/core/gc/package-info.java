/**
 * GC and allocation meters, a leaf package depending only on {@code java.management} and
 * {@code jdk.management}: the JVM counterparts of Go's {@code runtime.ReadMemStats}, used by demos,
 * tests and benchmarks to check the zero-allocation contract.
 * <ul>
 *   <li>{@link io.lowalloc.core.gc.GcStats} with {@link io.lowalloc.core.gc.CollectorStats}: a
 *       snapshot of collection counts, times and heap usage, and deltas of two snapshots;</li>
 *   <li>{@link io.lowalloc.core.gc.GcMonitor}: records GC events from JMX notifications and
 *       summarises the stop-the-world pauses as {@link io.lowalloc.core.gc.GcPauseStats};</li>
 *   <li>{@link io.lowalloc.core.gc.AllocationMeter}: bytes allocated per thread, read without
 *       allocating.</li>
 * </ul>
 */
package io.lowalloc.core.gc;
