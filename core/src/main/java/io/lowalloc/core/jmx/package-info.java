/**
 * Publishes the library's stats snapshots (a recorder's {@link io.lowalloc.core.span.RecorderStats},
 * a buffer's {@link io.lowalloc.core.batch.BatchStats}, a pool's {@link io.lowalloc.core.pool.PoolStats}
 * or any other snapshot type) as read-only MBeans on the platform MBean server, for services that run
 * no OpenTelemetry {@code MeterProvider}: every JVM monitoring tool (JConsole, VisualVM, JMX
 * exporters) reads them. See {@link io.lowalloc.core.jmx.StatsMBeans}.
 */
package io.lowalloc.core.jmx;
