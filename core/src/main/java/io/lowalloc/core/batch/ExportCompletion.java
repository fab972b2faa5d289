package io.lowalloc.core.batch;

/**
 * Receives the result of one {@link BatchExporter#export(java.util.List, ExportCompletion)} call.
 *
 * <p>The exporter signals exactly one result, from any thread, at any time (during the
 * {@code export} call or later). The first signal wins; every later call to either method is
 * ignored. A signal that arrives after the export timeout finds the batch already abandoned and is
 * ignored too (it is logged). Both methods are thread-safe, never throw, never block and allocate
 * nothing.
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
}
