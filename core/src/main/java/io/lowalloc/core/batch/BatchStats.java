package io.lowalloc.core.batch;

/**
 * An immutable snapshot of a {@link BatchBuffer}'s counters, all counting items unless the name
 * says exports.
 *
 * <p><b>When counters move.</b> {@code offered} and the drop counters move when {@code offer}
 * returns. An accepted item is {@code pending} from then until its export's result is known:
 * only then is it counted as {@code exported} (success) or {@code failed} (failure or exception),
 * after the completion hook has run for it; or as {@code abandoned} when the export timeout
 * passed first (whether the exporter's call blocked or returned without a result).
 * {@code exportCalls} moves when an export starts, {@code failedExports} and
 * {@code timedOutExports} when its result is known.
 *
 * <p><b>Invariant.</b> At any quiescent point (no offer, export or completion in progress)
 * {@code offered == exported + dropped + failed + abandoned + pending}, see {@link #isBalanced()},
 * and after {@link BatchBuffer#close()} {@code pending == 0}. A snapshot taken while items move
 * reads the counters one after another and may be off by the items in motion.
 *
 * @param offered items passed to {@code offer}, accepted or not
 * @param exported items whose export reported success
 * @param failed items whose export reported failure or threw; also items still queued when
 *     {@link BatchBuffer#close()} gave up waiting for an exporter stuck in an earlier call (never
 *     handed to the exporter, handed to the completion hook); also items of exports that
 *     {@linkplain ExportCompletion#released() released} them and then reported no result within
 *     the export timeout
 * @param abandoned items of exports that did not report a result within the export timeout; they
 *     were left to the exporter and never handed to the completion hook
 * @param pending items accepted whose result is not known yet: queued, or in the batch being
 *     exported
 * @param droppedQueueFull items dropped because the queue was full ({@link FullQueuePolicy#DROP})
 * @param droppedBlockTimeout items dropped because no space freed up within {@code maxBlockTime}
 *     ({@link FullQueuePolicy#BLOCK})
 * @param droppedInterrupted items dropped because the offering thread was interrupted while it
 *     would have waited for space ({@link FullQueuePolicy#BLOCK})
 * @param rejectedAfterClose items offered after {@link BatchBuffer#close()} began, all rejected
 * @param exportCalls calls made to {@link BatchExporter#export(java.util.List, ExportCompletion)}
 * @param failedExports export calls that reported failure or threw
 * @param timedOutExports export calls whose result did not arrive within the export timeout
 *     (abandoned, or released and then failed)
 */
public record BatchStats(long offered, long exported, long failed, long abandoned, long pending,
        long droppedQueueFull, long droppedBlockTimeout, long droppedInterrupted, long rejectedAfterClose,
        long exportCalls, long failedExports, long timedOutExports) {

    /**
     * Items for which {@code offer} returned false, for any reason: the sum of
     * {@link #droppedQueueFull()}, {@link #droppedBlockTimeout()}, {@link #droppedInterrupted()}
     * and {@link #rejectedAfterClose()}.
     *
     * @return the count
     */
    public long dropped() {
        return droppedQueueFull + droppedBlockTimeout + droppedInterrupted + rejectedAfterClose;
    }

    /**
     * Checks the accounting invariant
     * {@code offered == exported + dropped + failed + abandoned + pending}. It holds exactly for
     * a snapshot taken at a quiescent point (see the class comment).
     *
     * @return true if the invariant holds for this snapshot
     */
    public boolean isBalanced() {
        return offered == exported + dropped() + failed + abandoned + pending;
    }

    /**
     * Lists every counter, for logs and assertion messages.
     *
     * @return a human-readable form
     */
    @Override
    public String toString() {
        return "BatchStats{offered=" + offered
                + ", exported=" + exported
                + ", dropped=" + dropped()
                + " (queueFull=" + droppedQueueFull
                + ", blockTimeout=" + droppedBlockTimeout
                + ", interrupted=" + droppedInterrupted
                + ", afterClose=" + rejectedAfterClose
                + "), failed=" + failed
                + ", abandoned=" + abandoned
                + ", pending=" + pending
                + ", exportCalls=" + exportCalls
                + ", failedExports=" + failedExports
                + ", timedOutExports=" + timedOutExports
                + ", balanced=" + isBalanced()
                + '}';
    }
}
