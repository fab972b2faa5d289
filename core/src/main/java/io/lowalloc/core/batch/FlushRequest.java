package io.lowalloc.core.batch;

/**
 * One waiting flush: the items at queue positions below {@code target} must be settled. Guarded
 * by the worker's flush lock; allocated per flush call (flush is not a hot path).
 */
final class FlushRequest {

    final long target;
    boolean done;
    boolean unsuccessful;

    FlushRequest(long target) {
        this.target = target;
    }
}
