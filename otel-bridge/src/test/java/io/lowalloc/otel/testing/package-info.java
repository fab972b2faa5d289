/**
 * Test fakes shared by the bridge's tests: a scripted {@code SpanExporter}, one whose export, flush
 * and shutdown results the test supplies ({@code LifecycleExporter}), one written as its export
 * alone ({@code ExportOnlyExporter}), an extension that closes a test's pipelines and checks their
 * accounting ({@code BalancedPipelines}), a span processor that
 * keeps the last ended span, a {@code ReadableSpan} with fixed data, and a sample core span with
 * the assertions that an OpenTelemetry {@code SpanData} shows it. Not API: test code only.
 *
 * <p>The core's shared fakes (exporters, log capture, the forked-JVM runner) come from the
 * {@code lowalloc-core:tests} jar, package {@code io.lowalloc.core.testing}. A fake used by one
 * test file only stays next to that test.
 */
package io.lowalloc.otel.testing;
