package io.lowalloc.otel.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@code SpanExporter} whose export, flush and shutdown each return (or throw, or block in) what
 * the test supplies, counting the calls and the exports that arrive after a shutdown. Suppliers
 * may return {@code null}, to play an exporter that breaks its contract.
 *
 * <p>Thread-safe: counters are atomic and the suppliers volatile, so the test may change them
 * while an exporter thread calls. Allocates on every call (test only).
 */
public final class LifecycleExporter implements SpanExporter {

    /** Calls of {@link #export}. */
    public final AtomicInteger exports = new AtomicInteger();
    /** Calls of {@link #flush}. */
    public final AtomicInteger flushes = new AtomicInteger();
    /** Calls of {@link #shutdown}. */
    public final AtomicInteger shutdowns = new AtomicInteger();
    /** Calls of {@link #export} made after the first {@link #shutdown} call. */
    public final AtomicInteger exportsAfterShutdown = new AtomicInteger();
    /** What {@link #export} returns; runs on the caller's thread. */
    public volatile Supplier<CompletableResultCode> onExport = CompletableResultCode::ofSuccess;
    /** What {@link #flush} returns. */
    public volatile Supplier<CompletableResultCode> onFlush = CompletableResultCode::ofSuccess;
    /** What {@link #shutdown} returns. */
    public volatile Supplier<CompletableResultCode> onShutdown = CompletableResultCode::ofSuccess;

    /**
     * Returns a result supplier that first runs {@code delay} (a sleep, a wait on a latch) on the
     * calling thread, then succeeds: an exporter call that blocks.
     *
     * @param delay what the call blocks in
     * @return a supplier for {@link #onExport}, {@link #onFlush} or {@link #onShutdown}
     */
    public static Supplier<CompletableResultCode> succeedingAfter(Runnable delay) {
        return () -> {
            delay.run();
            return CompletableResultCode.ofSuccess();
        };
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        exports.incrementAndGet();
        if (shutdowns.get() > 0) {
            exportsAfterShutdown.incrementAndGet();
        }
        return onExport.get();
    }

    @Override
    public CompletableResultCode flush() {
        flushes.incrementAndGet();
        return onFlush.get();
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdowns.incrementAndGet();
        return onShutdown.get();
    }

    @Override
    public String toString() {
        return "LifecycleExporter";
    }
}
