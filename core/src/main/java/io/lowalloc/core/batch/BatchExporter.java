package io.lowalloc.core.batch;

import java.util.List;

/**
 * Sends batches of items somewhere (a network exporter, a file, a test recorder).
 *
 * <p>{@link BatchBuffer} calls {@link #export(List, ExportCompletion)} from its single worker
 * thread, one call at a time: the next call starts only after the previous call's result is known
 * or its export timeout has passed.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface BatchExporter<T> {

    /**
     * Exports one batch and reports the result through {@code completion}, exactly once, now or
     * later and from any thread.
     *
     * <p><b>Lifetime of the arguments.</b> {@code batch} is an unmodifiable view of a list that the
     * worker reuses for the next batch, and its items may be reset and reused (for example returned
     * to an object pool by the completion hook) as soon as a result is signalled. The exporter must
     * therefore read or copy what it needs <em>before</em> it signals the result, and must not keep
     * the list or the items afterwards.
     *
     * <p><b>Timeout.</b> If no result is signalled within the buffer's export timeout, the batch is
     * abandoned: its items are counted in {@link BatchStats#abandoned()}, are never handed to the
     * completion hook and are never reused by the buffer, and the worker continues with a new list.
     * The exporter may therefore keep reading an abandoned batch safely; the late result it signals
     * is ignored.
     *
     * <p><b>Exceptions.</b> An exception thrown by this method counts as
     * {@link ExportCompletion#failure(Throwable)} unless a result was already signalled; it is
     * logged and never stops the worker.
     *
     * <p>Implementations should not allocate per item; one object per call is fine.
     *
     * @param batch the items to export, in offer order; {@code 1..maxExportBatchSize} items
     * @param completion receives the result
     */
    void export(List<T> batch, ExportCompletion completion);
}
