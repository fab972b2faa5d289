package io.lowalloc.core.it;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanState;
import java.util.List;

/**
 * The cheapest honest exporter: counts the batch, checks that every span was handed over
 * {@link SpanState#SUBMITTED}, and reports success at once on the calling (worker) thread.
 *
 * <p>Allocation-free, and deliberately free of String literals (see {@link PipelineCycle}). The
 * counters are written by the worker thread only; read them after {@code flush()} or
 * {@code close()}, which order the worker's writes before their return.
 */
final class CountingExporter implements BatchExporter<SpanData> {

    private volatile Thread caller;
    private long batches;
    private long spans;
    private long notSubmitted;

    @Override
    public void export(List<SpanData> batch, ExportCompletion completion) {
        caller = Thread.currentThread();
        int size = batch.size();
        // Indexed, not for-each: an iterator would be an allocation per batch.
        for (int i = 0; i < size; i++) {
            if (batch.get(i).state() != SpanState.SUBMITTED) {
                notSubmitted++;
            }
        }
        batches++;
        spans += size;
        completion.success();
    }

    /** The thread that made the last export call: the buffer's worker; null before the first. */
    Thread caller() {
        return caller;
    }

    long batches() {
        return batches;
    }

    long spans() {
        return spans;
    }

    long notSubmitted() {
        return notSubmitted;
    }
}
