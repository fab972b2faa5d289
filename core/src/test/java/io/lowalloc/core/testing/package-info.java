/**
 * Test fakes shared by the tests of every module, published as the {@code lowalloc-core:tests}
 * jar: recording and counting exporters, a log capture, a poll-until helper, per-item accounting
 * for concurrency runs, attribute fixtures, a pooled test item, fixed JMX beans, and the runner
 * that forks a JVM (Epsilon GC runs among them). Not API: test code only.
 *
 * <p>A fake used by one test file only stays next to that test.
 */
package io.lowalloc.core.testing;
