package io.lowalloc.core.batch;

/**
 * Receives the result of one {@link BatchExporter#export(java.util.List, ExportCompletion)} call.
 *
 * <p>The exporter signals exactly one result, from any thread, at any time (during the
 * {@code export} call or later). The first signal wins; every later call to either method is
 * ignored. A signal that arrives after the export timeout finds the batch already abandoned and is
 * ignored too (it is logged). Every method is thread-safe, never throws, never blocks and allocates
 * nothing.
 *
 * <p><b>Releasing before the result.</b> An exporter that has copied what it needs from the batch
 * (an encoder that turned it into bytes) may call {@link #released()} first and signal the result
 * later: the buffer then hands the items to its completion hook at once (for a span recorder: back
 * to the pool) while they stay {@code pending} in the accounting until the result arrives, which
 * counts them exported or failed. The export timeout still bounds the wait for that result; a
 * released batch whose result does not arrive in time counts as failed (its items were already
 * handed back, so they cannot be abandoned).
 */
public interface ExportCompletion {

    /**
     * Reports that every item of the batch was exported. Afterwards the exporter must not touch
     * the batch list or its items.
     */
    void success();

    /**
     * Reports that the batch could not be exported. The items count as failed; they are still
     * handed to the completion hook, because their result is known. Afterwards the exporter must
     * not touch the batch list or its items.
     *
     * @param cause why the export failed, for the log; may be {@code null}
     */
    void failure(Throwable cause);

    /**
     * Reports that some items of the batch were exported and {@code rejectedItems} of them were
     * not (a server's partial success). The rejected items count as failed, the others as
     * exported; the export counts as a failed export. {@code rejectedItems <= 0} is a
     * {@link #success()}, {@code rejectedItems >=} the batch size a {@link #failure(Throwable)}.
     * The default reports a failure if any item was rejected. Afterwards the exporter must not
     * touch the batch list or its items.
     *
     * @param rejectedItems how many items the receiver rejected
     * @param cause why, for the log; may be {@code null}
     */
    default void partialSuccess(int rejectedItems, Throwable cause) {
        if (rejectedItems <= 0) {
            success();
        } else {
            failure(cause);
        }
    }

    /**
     * Reports that the exporter no longer reads the batch list or its items, before its result is
     * known; the result follows with {@link #success()} or {@link #failure(Throwable)}. Afterwards
     * the exporter must not touch the batch list or its items. Ignored when a result was already
     * signalled, when the export already timed out, when repeated, and for a flush or shutdown.
     * The default does nothing (the items are then released with the result), for completions
     * that do not track the split.
     */
    default void released() {
    }
}
