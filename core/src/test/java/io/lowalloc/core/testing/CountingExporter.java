package io.lowalloc.core.testing;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanState;
import java.util.List;

/**
 * A {@link BatchExporter} of spans that counts batches and spans, counts the spans not handed
 * over {@link SpanState#SUBMITTED}, and reports success at once on the calling (worker) thread.
 *
 * <p>Allocation-free, and free of String literals: the thread that requests the C2 compilation of
 * a method first resolves the String constants of the method's class, and an allocation test
 * would charge those strings to the spans. The counters are written by the buffer's exporter
 * thread only, before each completion signal; read them after {@code flush()} or {@code close()},
 * which order those writes (through the signal the worker reads) before their return.
 */
public final class CountingExporter implements BatchExporter<SpanData> {

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

    /**
     * Returns the thread that made the last export call: the buffer's exporter thread.
     *
     * @return the thread, or null before the first call
     */
    public Thread caller() {
        return caller;
    }

    /**
     * Returns the number of export calls.
     *
     * @return the batch count
     */
    public long batches() {
        return batches;
    }

    /**
     * Returns the number of spans exported.
     *
     * @return the span count
     */
    public long spans() {
        return spans;
    }

    /**
     * Returns the number of spans exported in another state than {@link SpanState#SUBMITTED}.
     *
     * @return the count; 0 when every hand-off was right
     */
    public long notSubmitted() {
        return notSubmitted;
    }
}
