package io.lowalloc.otel.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exporter whose behaviour a test scripts per call: succeed, fail, throw, never complete, or
 * wait for a latch first. It reads the span names during the call (valid for views too) and keeps
 * the collections it was given, so a test can re-read them later.
 */
public final class ScriptedExporter implements SpanExporter {

    public enum Mode { SUCCEED, FAIL, THROW, NEVER_COMPLETE }

    public final List<String> exportedNames = new CopyOnWriteArrayList<>();
    public final List<Collection<SpanData>> batches = new CopyOnWriteArrayList<>();
    public final AtomicInteger exportCalls = new AtomicInteger();
    public final AtomicInteger shutdownCalls = new AtomicInteger();
    public final CountDownLatch entered = new CountDownLatch(1);
    public volatile Mode mode = Mode.SUCCEED;
    public volatile CountDownLatch gate;
    public volatile CompletableResultCode shutdownResult = CompletableResultCode.ofSuccess();

    /** Makes the next export calls wait until {@link #openGate()}. */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    public void openGate() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        exportCalls.incrementAndGet();
        List<String> names = new ArrayList<>();
        for (SpanData span : spans) {
            names.add(span.getName());
        }
        batches.add(spans);
        entered.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        switch (mode) {
            case FAIL:
                return CompletableResultCode.ofFailure();
            case THROW:
                throw new IllegalStateException("scripted exporter failure");
            case NEVER_COMPLETE:
                return new CompletableResultCode();
            default:
                exportedNames.addAll(names);
                return CompletableResultCode.ofSuccess();
        }
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdownCalls.incrementAndGet();
        openGate();
        return shutdownResult;
    }
}
