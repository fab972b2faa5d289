package io.lowalloc.core.batch;

import java.util.List;

/**
 * Sends batches of items somewhere (a network exporter, a file, a test recorder), and has a flush
 * and a shutdown that the buffer bounds like its exports.
 *
 * <p><b>Threads.</b> {@link BatchBuffer} makes every call ({@link #export}, {@link #flush},
 * {@link #shutdown}) from its exporter thread, a daemon thread named after the worker with
 * {@code -exporter} appended, one call at a time: the next call starts only after the previous call
 * has returned. The worker waits for each call's result up to the buffer's export timeout, which
 * therefore covers a call that blocks as well as a result that never comes. While a call that timed
 * out is still running in the exporter, no other export is started (OpenTelemetry's
 * {@code SpanExporter} promises exporters one export at a time); later items wait in the queue.
 * An exporter that allows overlapping calls says so with {@link #supportsConcurrentExport()}.
 *
 * <p><b>Results.</b> Each call reports its result through its {@link ExportCompletion}, exactly
 * once, now or later and from any thread; later signals are ignored. An exception thrown by a
 * call counts as {@link ExportCompletion#failure(Throwable)} unless a result was already
 * signalled; it is logged and never reaches the application. No result within the export timeout
 * counts as a failure too (for an export: the batch is abandoned).
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface BatchExporter<T> {

    /**
     * Exports one batch and reports the result through {@code completion}.
     *
     * <p><b>Lifetime of the arguments.</b> {@code batch} is an unmodifiable view of a list that the
     * worker reuses for the next batch, and its items may be reset and reused (for example returned
     * to an object pool by the completion hook) as soon as a result is signalled. The exporter must
     * therefore read or copy what it needs <em>before</em> it signals the result, and must not keep
     * the list or the items afterwards. An exporter that copies the batch (into bytes, say) may
     * signal {@link ExportCompletion#released()} as soon as it has, and its result later: the items
     * are then handed back at once and counted when the result arrives.
     *
     * <p><b>Timeout.</b> If no result is signalled within the buffer's export timeout, whether the
     * call is still running or returned without one, the batch is abandoned: its items are counted
     * in {@link BatchStats#abandoned()}, are never handed to the completion hook and are never
     * reused by the buffer, and the worker continues with a new list. The exporter may therefore
     * keep reading an abandoned batch safely; the late result it signals is ignored. A batch the
     * exporter {@linkplain ExportCompletion#released() released} before the timeout was handed back
     * already: without a result in time its items count as {@link BatchStats#failed()} instead.
     *
     * <p>Implementations should not allocate per item; one object per call is fine.
     *
     * @param batch the items to export, in offer order; {@code 1..maxExportBatchSize} items
     * @param completion receives the result
     */
    void export(List<T> batch, ExportCompletion completion);

    /**
     * Flushes whatever the exporter buffers itself, reporting through {@code completion}. Called by
     * {@link BatchBuffer#flush()} once the flush's items have their results, if the exporter received
     * a call since its last flush; a failure, an exception or no result within the export timeout
     * makes that flush return false (logged, rate-limited). The default signals success at once.
     *
     * @param completion receives the result
     */
    default void flush(ExportCompletion completion) {
        completion.success();
    }

    /**
     * Releases the exporter's resources, reporting through {@code completion}. Called exactly once,
     * by the buffer's close after the final drain; no call follows it. A failure, an exception or no
     * result within the export timeout makes {@link BatchBuffer#close(long, java.util.concurrent.TimeUnit)}
     * return false (logged, rate-limited); close never waits longer than the timeout for it. If an
     * export that timed out is still running, the shutdown runs on a thread of its own, concurrently
     * with it (a shutdown is how most exporters abort a stuck call). The default signals success at
     * once.
     *
     * @param completion receives the result
     */
    default void shutdown(ExportCompletion completion) {
        completion.success();
    }

    /**
     * Says whether {@link #export} may be called again while an earlier call that timed out is still
     * running. If true, the buffer makes the next call from a new exporter thread instead of waiting
     * for the stuck one to return. The default is false: one call at a time, always.
     *
     * @return true if concurrent export calls are safe
     */
    default boolean supportsConcurrentExport() {
        return false;
    }
}
