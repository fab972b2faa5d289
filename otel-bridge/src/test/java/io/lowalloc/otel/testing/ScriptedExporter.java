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
import java.util.function.Function;

/**
 * A {@code SpanExporter} whose export result a test scripts: either per call with a {@link Mode}
 * the test may change between calls (succeed, fail, throw, never complete), or with a function
 * from the spans to the result. It can hold export calls at a gate until the test opens it, and it
 * records every call — a copy of the spans, the collection instance it was given, the names of
 * the spans of calls that succeeded — and counts export, flush and shutdown calls.
 *
 * <p>Thread-safe: the recordings are copy-on-write lists and atomic counters, so the test thread
 * may read them while a worker exports. Allocates on every call (test only).
 */
public final class ScriptedExporter implements SpanExporter {

    /** What an export call does when no script function is set. */
    public enum Mode {
        /** Records the span names and returns success. */
        SUCCEED,
        /** Returns a failed result. */
        FAIL,
        /** Throws {@code IllegalStateException}. */
        THROW,
        /** Returns a result that never completes. */
        NEVER_COMPLETE
    }

    /**
     * A copy of the spans of each call, in call order: a caller may empty or reuse its collection
     * once the export completes, the elements stay.
     */
    public final List<List<SpanData>> batches = new CopyOnWriteArrayList<>();
    /** The collection instance of each call, as the caller passed it, to re-read it later. */
    public final List<Collection<SpanData>> received = new CopyOnWriteArrayList<>();
    /** The span names of every call that succeeded in {@link Mode#SUCCEED}, read during the call. */
    public final List<String> exportedNames = new CopyOnWriteArrayList<>();
    /** Calls of {@link #export}. */
    public final AtomicInteger exportCalls = new AtomicInteger();
    /** Calls of {@link #flush}. */
    public final AtomicInteger flushCalls = new AtomicInteger();
    /** Calls of {@link #shutdown}. */
    public final AtomicInteger shutdownCalls = new AtomicInteger();
    /** What the next export calls do; ignored when a script function was given. */
    public volatile Mode mode = Mode.SUCCEED;
    /** What {@link #shutdown} returns. */
    public volatile CompletableResultCode shutdownResult = CompletableResultCode.ofSuccess();

    private final Function<Collection<SpanData>, CompletableResultCode> script;
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate;

    /** Creates an exporter in {@link Mode#SUCCEED}. */
    public ScriptedExporter() {
        this(null);
    }

    /**
     * Creates an exporter whose every export call returns what {@code script} returns for its
     * spans (or throws what it throws).
     *
     * @param script the result of a call, given its spans; null to follow {@link #mode}
     */
    public ScriptedExporter(Function<Collection<SpanData>, CompletableResultCode> script) {
        this.script = script;
    }

    /** Makes the next export calls wait, after they are recorded, until {@link #openGate()}. */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    /** Lets waiting and later export calls through. */
    public void openGate() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    /**
     * Waits up to 10 s for the first export call to be recorded.
     *
     * @return whether it was
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        exportCalls.incrementAndGet();
        batches.add(new ArrayList<>(spans));
        received.add(spans);
        entered.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (script != null) {
            return script.apply(spans);
        }
        switch (mode) {
            case FAIL:
                return CompletableResultCode.ofFailure();
            case THROW:
                throw new IllegalStateException("scripted exporter failure");
            case NEVER_COMPLETE:
                return new CompletableResultCode();
            default:
                for (SpanData span : spans) {
                    exportedNames.add(span.getName());
                }
                return CompletableResultCode.ofSuccess();
        }
    }

    @Override
    public CompletableResultCode flush() {
        flushCalls.incrementAndGet();
        return CompletableResultCode.ofSuccess();
    }

    /** Counts the call, opens the gate and returns {@link #shutdownResult}. */
    @Override
    public CompletableResultCode shutdown() {
        shutdownCalls.incrementAndGet();
        openGate();
        return shutdownResult;
    }

    @Override
    public String toString() {
        return "ScriptedExporter";
    }
}
