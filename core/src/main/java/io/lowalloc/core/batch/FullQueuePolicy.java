package io.lowalloc.core.batch;

/**
 * What {@link BatchBuffer#offer(Object)} does when the queue already holds
 * {@code maxQueueSize} items.
 */
public enum FullQueuePolicy {

    /**
     * Reject the item at once: {@code offer} returns {@code false}, the drop is counted in
     * {@link BatchStats#droppedQueueFull()} and reported by a rate-limited log line. The default.
     */
    DROP,

    /**
     * Wait, without allocating, up to the configured {@code maxBlockTime} for space. If none frees
     * up in time, {@code offer} returns {@code false} and the drop is counted in
     * {@link BatchStats#droppedBlockTimeout()}; if the offering thread is interrupted while it
     * would wait, {@code offer} returns {@code false}, keeps the interrupt flag set and counts the
     * drop in {@link BatchStats#droppedInterrupted()}.
     */
    BLOCK
}
