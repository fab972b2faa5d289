package io.lowalloc.core.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The completion handed to one exporter call (an export, or a flush or shutdown, which have no
 * items): one small object per call, never reused, so that a late or repeated signal can only ever
 * reach the call it belongs to. The worker waits for it; the exporter signals it from the caller
 * thread or any other.
 *
 * <p>The result is a single reference moved by CAS from {@code null} (pending) to
 * {@link #SUCCEEDED}, a failure cause, {@link #FAILED_WITHOUT_CAUSE} or, by the worker when the
 * export timeout passes, {@link #TIMED_OUT}; an export may first move it to {@link #RELEASED} (the
 * exporter no longer reads the items, the result is still pending), from where it moves once more
 * to one of the final values. Whoever wins the CAS decides the outcome, so a completion racing the
 * timeout is either fully counted or fully abandoned, never both, and a release racing the timeout
 * either hands the items back or leaves them to the exporter. The volatile CAS also publishes
 * everything the exporter did before signalling to the worker, which reads the result with a
 * volatile load before it runs the completion hook.
 */
final class PendingExport implements ExportCompletion {

    static final Object SUCCEEDED = new Object();
    static final Object FAILED_WITHOUT_CAUSE = new Object();
    static final Object TIMED_OUT = new Object();
    /** Not final: the exporter released the items; the result is still to come. */
    static final Object RELEASED = new Object();
    /** Some items failed: {@link #rejected()} of them, for {@link #partialCause()}. */
    static final Object PARTIAL = new Object();

    private static final VarHandle RESULT;
    private static final VarHandle REJECTED;

    static {
        try {
            RESULT = MethodHandles.lookup().findVarHandle(PendingExport.class, "result", Object.class);
            REJECTED = MethodHandles.lookup().findVarHandle(PendingExport.class, "rejected", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ExportWorker<?> owner;
    private final Thread worker;
    private final int size; // items of the export; 0 for a flush or shutdown
    private volatile Object result; // null while pending; accessed through RESULT
    // Claimed once by CAS from -1 by the first partialSuccess, which then writes partialCause and
    // tries the result CAS; the worker reads both only after it has read PARTIAL from result, whose
    // volatile CAS publishes them.
    private volatile int rejected = -1;
    private Throwable partialCause;

    PendingExport(ExportWorker<?> owner, Thread worker, int size) {
        this.owner = owner;
        this.worker = worker;
        this.size = size;
    }

    @Override
    public void success() {
        complete(SUCCEEDED);
    }

    @Override
    public void failure(Throwable cause) {
        complete(cause == null ? FAILED_WITHOUT_CAUSE : cause);
    }

    @Override
    public void partialSuccess(int rejectedItems, Throwable cause) {
        if (rejectedItems <= 0) {
            success();
        } else if (rejectedItems >= size) {
            failure(cause);
        } else if (REJECTED.compareAndSet(this, -1, rejectedItems)) {
            partialCause = cause;
            complete(PARTIAL);
        }
    }

    /** {@return the rejected items of a {@link #PARTIAL} result} */
    int rejected() {
        return rejected;
    }

    /** {@return the cause of a {@link #PARTIAL} result; may be null} */
    Throwable partialCause() {
        return partialCause;
    }

    @Override
    public void released() {
        if (size > 0 && RESULT.compareAndSet(this, null, RELEASED) && Thread.currentThread() != worker) {
            LockSupport.unpark(worker);
        }
    }

    /**
     * Records {@code outcome} unless a final result is already set. Returns the result that holds
     * afterwards only so that the jcstress tests (module {@code lowalloc-jcstress}) can see which
     * side won; {@link #success()} and {@link #failure(Throwable)} ignore it.
     *
     * @param outcome the exporter's result
     * @return {@code outcome} if this call won, otherwise the earlier result
     */
    Object complete(Object outcome) {
        Object earlier;
        do {
            earlier = result;
            if (earlier != null && earlier != RELEASED) {
                break;
            }
            if (RESULT.compareAndSet(this, earlier, outcome)) {
                // A completion on the worker itself needs no unpark (and must not leave a stray permit).
                if (Thread.currentThread() != worker) {
                    LockSupport.unpark(worker);
                }
                return outcome;
            }
        } while (true);
        if (earlier == TIMED_OUT) {
            owner.lateCompletion(size);
        }
        return earlier;
    }

    /**
     * Waits for the result; worker thread only.
     *
     * @param timeoutNanos the export timeout
     * @return {@link #SUCCEEDED}, {@link #TIMED_OUT}, {@link #FAILED_WITHOUT_CAUSE}, the cause or
     *         {@link #RELEASED}
     */
    Object await(long timeoutNanos) {
        return await(System.nanoTime(), timeoutNanos, null);
    }

    /**
     * Waits for the result to move on from {@code seen}; worker thread only.
     *
     * @param start the {@link System#nanoTime()} the export timeout counts from
     * @param timeoutNanos the export timeout
     * @param seen {@code null}, or {@link #RELEASED} once the worker has handled the release
     * @return {@link #SUCCEEDED}, {@link #TIMED_OUT}, {@link #FAILED_WITHOUT_CAUSE}, the cause or,
     *         if {@code seen} is null, {@link #RELEASED}
     */
    Object await(long start, long timeoutNanos, Object seen) {
        for (;;) {
            Object outcome = result;
            if (outcome != seen) {
                return outcome;
            }
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                if (RESULT.compareAndSet(this, seen, TIMED_OUT)) {
                    return TIMED_OUT;
                }
                return result;
            }
            // A stray interrupt would make parkNanos return at once and spin this loop.
            Thread.interrupted();
            LockSupport.parkNanos(this, remaining);
        }
    }
}
