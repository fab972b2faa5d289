package io.lowalloc.otel.internal.processor;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The export stage of the batch span processor: a core {@link BatchExporter} of ended
 * {@link ReadableSpan}s that takes each span's {@link ReadableSpan#toSpanData()} snapshot (the
 * SDK's own immutable data, ids kept as the SDK's strings) into a reusable list and hands that
 * list to a {@link SpanExporter}, as OpenTelemetry's {@code BatchSpanProcessor} does on its
 * worker.
 *
 * <p><b>Invalid spans.</b> A span whose {@code toSpanData()} throws or returns null is left out of
 * the export, counted ({@link #invalidSpans()}, metric {@code error.type = invalid_span}) and
 * logged, rate-limited; its batch still goes to the exporter but reports failure, so the buffer
 * counts the whole batch as failed and the next flush fails.
 *
 * <p><b>Threads and allocation.</b> The buffer calls it from its exporter thread, one call at a
 * time. Per span it allocates only what {@code toSpanData()} allocates; per call, what the
 * exporter's {@link CompletableResultCode} allocates to register the callback when the result is
 * not done at once. The list is reused once its export has settled; while an export that the
 * buffer abandoned at its timeout still holds it, the next export takes a new list and the old one
 * is left to that exporter.
 */
public final class SnapshotExportStage implements BatchExporter<ReadableSpan> {

    private static final Logger LOGGER = Logger.getLogger(SnapshotExportStage.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final SpanExporter exporter;
    private final ProcessorMetrics metrics;
    private final AtomicLong invalidSpans = new AtomicLong();
    private final AtomicLong nextInvalidLogNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong batchesReplaced = new AtomicLong();
    // Exporter thread only.
    private Batch current = new Batch();

    /**
     * Creates the stage.
     *
     * @param exporter receives the snapshots
     * @param metrics counts the spans handed to the exporter and the invalid ones
     */
    public SnapshotExportStage(SpanExporter exporter, ProcessorMetrics metrics) {
        this.exporter = exporter;
        this.metrics = metrics;
    }

    /**
     * Snapshots the spans and exports them; see the class description.
     *
     * @param spans the ended spans, read only during this call
     * @param completion receives the result once the exporter's result completes
     */
    @Override
    public void export(List<ReadableSpan> spans, ExportCompletion completion) {
        Batch batch = current;
        if (!batch.taken.compareAndSet(false, true)) {
            // Still held by an export the buffer abandoned at its timeout: the exporter may
            // still read that list, so it is left to it and a new one takes its place.
            batchesReplaced.incrementAndGet();
            batch = new Batch();
            batch.taken.set(true);
            current = batch;
        }
        RuntimeException invalid = batch.fill(spans);
        int size = batch.spans.size();
        metrics.processed(size);
        if (invalid != null) {
            invalidSpans(spans.size() - size, invalid);
        }
        if (size == 0) {
            batch.settle(completion, invalid, null);
            return;
        }
        CompletableResultCode result;
        try {
            result = exporter.export(batch.view);
        } catch (Throwable t) { // the exporter's exception is its batch's failure, never the worker's
            batch.settle(completion, t, null);
            return;
        }
        if (result == null) {
            batch.settle(completion, new NullPointerException("SpanExporter.export returned null: " + exporter),
                    null);
            return;
        }
        if (result.isDone()) {
            batch.settle(completion, invalid, result);
        } else {
            batch.await(result, completion, invalid);
        }
    }

    private void invalidSpans(int count, RuntimeException cause) {
        long total = invalidSpans.addAndGet(count);
        metrics.droppedInvalidSpan(count);
        long now = System.nanoTime();
        long next = nextInvalidLogNanos.get();
        if (now - next >= 0 && nextInvalidLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            LOGGER.log(Level.WARNING, "BoundedBatchSpanProcessor left out " + count + " span(s) whose toSpanData()"
                    + " failed and counts their batch as failed; invalid spans so far: " + total, cause);
        }
    }

    /**
     * Forwards the shutdown to the exporter and reports its result; a {@code null} result or an
     * exception is a failure.
     *
     * @param completion receives the result
     */
    @Override
    public void shutdown(ExportCompletion completion) {
        forward(exporter::shutdown, "shutdown", completion);
    }

    private void forward(Supplier<CompletableResultCode> call, String what, ExportCompletion completion) {
        CompletableResultCode result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            completion.failure(e);
            return;
        }
        if (result == null) {
            completion.failure(new NullPointerException("SpanExporter." + what + " returned null: " + exporter));
            return;
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                completion.success();
            } else {
                completion.failure(result.getFailureThrowable());
            }
        });
    }

    /**
     * Counts the spans left out because their snapshot failed.
     *
     * @return the count so far
     */
    public long invalidSpans() {
        return invalidSpans.get();
    }

    /**
     * Counts the snapshot lists left to exports abandoned at their timeout.
     *
     * @return the count so far
     */
    public long batchesReplaced() {
        return batchesReplaced.get();
    }

    /**
     * One reusable snapshot list with its unmodifiable view, and the callback that settles its
     * export. {@code taken} is the hand-over: set by the exporter thread before the list is filled,
     * cleared (volatile write) only after the list was cleared, before the completion is signalled,
     * so the next export, which the buffer starts only after that signal, sees an empty list.
     */
    private static final class Batch implements Runnable {

        final ArrayList<SpanData> spans = new ArrayList<>();
        final List<SpanData> view = Collections.unmodifiableList(spans);
        final AtomicBoolean taken = new AtomicBoolean();
        // Written before whenComplete, read by run(): CompletableResultCode's lock orders them.
        private CompletableResultCode result;
        private ExportCompletion completion;
        private Throwable invalid;

        /** Adds the snapshots; returns the last snapshot failure, or null if there was none. */
        RuntimeException fill(List<ReadableSpan> ended) {
            RuntimeException failure = null;
            int size = ended.size();
            // Indexed, not iterated: the buffer's batch list is random access, an iterator allocates.
            for (int i = 0; i < size; i++) {
                ReadableSpan span = ended.get(i);
                try {
                    SpanData data = span.toSpanData();
                    if (data == null) {
                        throw new NullPointerException("toSpanData() returned null: " + span.getClass().getName());
                    }
                    spans.add(data);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            return failure;
        }

        void await(CompletableResultCode pending, ExportCompletion signal, Throwable invalidCause) {
            this.result = pending;
            this.completion = signal;
            this.invalid = invalidCause;
            pending.whenComplete(this);
        }

        @Override
        public void run() {
            ExportCompletion signal = completion;
            CompletableResultCode done = result;
            Throwable invalidCause = invalid;
            completion = null;
            result = null;
            invalid = null;
            settle(signal, invalidCause, done);
        }

        /** Frees the list for the next export, then signals: failure if {@code failure} is set. */
        void settle(ExportCompletion signal, Throwable failure, CompletableResultCode done) {
            spans.clear();
            taken.set(false);
            if (failure != null) {
                signal.failure(failure);
            } else if (done == null || done.isSuccess()) {
                signal.success();
            } else {
                signal.failure(done.getFailureThrowable());
            }
        }
    }
}
