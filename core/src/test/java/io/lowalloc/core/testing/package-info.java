/**
 * Test fakes and helpers shared by the tests of every module, published as the
 * {@code lowalloc-core:tests} jar. Not API: test code only.
 *
 * <ul>
 *   <li>exporters: {@link io.lowalloc.core.testing.RecordingExporter} (records every call, follows
 *       a per-call plan), {@link io.lowalloc.core.testing.CountingExporter} (allocation-free, for
 *       allocation runs);</li>
 *   <li>running and waiting: {@link io.lowalloc.core.testing.ForkedJvm} (a main in a fresh JVM,
 *       Epsilon GC runs among them), {@link io.lowalloc.core.testing.EpsilonMain} (the one main of
 *       those runs: it runs an {@link io.lowalloc.core.testing.EpsilonWorkload} and hands it the
 *       heap readings as an {@link io.lowalloc.core.testing.EpsilonRun}),
 *       {@link io.lowalloc.core.testing.ConcurrentRun} (threads
 *       released together), {@link io.lowalloc.core.testing.Await} (poll until true),
 *       {@link io.lowalloc.core.testing.Offers} (offer a run of items),
 *       {@link io.lowalloc.core.testing.Release} (a gate a blocked exporter waits on until the
 *       test ends), {@link io.lowalloc.core.testing.Timing} (elapsed milliseconds, sleep);</li>
 *   <li>accounting and capture: {@link io.lowalloc.core.testing.ItemLedger} (per-item outcomes),
 *       {@link io.lowalloc.core.testing.LogCapture} (log records kept off the console);</li>
 *   <li>fixtures: {@link io.lowalloc.core.testing.AllTypes} and
 *       {@link io.lowalloc.core.testing.RecordingVisitor} (attributes of every type),
 *       {@link io.lowalloc.core.testing.TestItem} (a pooled object that records its hooks),
 *       {@link io.lowalloc.core.testing.FakeBeans} (JMX beans with fixed figures).</li>
 * </ul>
 *
 * <p>A fake used by one test file only stays next to that test.
 */
package io.lowalloc.core.testing;
