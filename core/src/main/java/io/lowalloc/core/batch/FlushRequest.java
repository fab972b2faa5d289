package io.lowalloc.core.batch;

/**
 * One flush: the items at queue positions below {@code target} must be settled, and then, if the
 * exporter received a call since its last flush, the exporter's flush must complete. Fields other
 * than {@code done} are guarded by the worker's flush lock; allocated per flush call (flush is not
 * a hot path).
 */
final class FlushRequest {

    final long target;
    /** The buffer's drop count when the flush was asked for. */
    final long drops;
    /** {@link System#nanoTime()} when the flush was asked for. */
    final long startNanos;
    /** Written under the flush lock; volatile so that a caller may check it without the lock. */
    volatile boolean done;
    boolean unsuccessful;

    FlushRequest(long target, long drops, long startNanos) {
        this.target = target;
        this.drops = drops;
        this.startNanos = startNanos;
    }
}
