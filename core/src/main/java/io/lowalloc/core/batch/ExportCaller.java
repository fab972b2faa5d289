package io.lowalloc.core.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that makes a {@link BatchBuffer}'s calls into its {@link BatchExporter} ({@code export},
 * {@code flush}, {@code shutdown}), so that the worker, which owns the export timeout, never runs the
 * exporter's code itself and can abandon a call that blocks.
 *
 * <p><b>Hand-off.</b> One call at a time, through preallocated fields: the worker writes the call
 * (kind, batch, completion) into plain fields, then {@code state = BUSY} with a volatile write, then
 * unparks this thread; this thread reads {@code BUSY} with a volatile read, then the fields. The
 * volatile pair orders the plain fields, and park/unpark's permit means an unpark that comes first is
 * not lost. Nothing is allocated per call.
 *
 * <p><b>Return.</b> When the exporter's method returns, this thread clears the fields and writes
 * {@code state = IDLE}; only then may the worker post the next call, which is what keeps one call
 * at a time in the exporter even after a timed-out call (OpenTelemetry's {@code SpanExporter}
 * contract). A worker that must wait for the return publishes {@code waiting = 1}, then re-reads the
 * state; this thread writes {@code IDLE}, then reads the flag, and unparks the worker only if it is
 * set: a Dekker pair (both sides sequentially consistent), so either the worker sees {@code IDLE} and
 * does not park, or this thread sees the flag and unparks it. No unpark when nobody waits.
 *
 * <p>The thread is a daemon: one stuck in an exporter for good never keeps the JVM alive. It is
 * never interrupted by the buffer (an interrupt can close an exporter's NIO channel); an interrupt
 * from elsewhere is cleared before each call.
 *
 * @param <T> the item type
 */
final class ExportCaller<T> implements Runnable {

    static final int EXPORT = 0;
    static final int FLUSH = 1;
    static final int SHUTDOWN = 2;

    private static final int IDLE = 0;
    private static final int BUSY = 1;

    private static final VarHandle STATE;
    private static final VarHandle WAITING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ExportCaller.class, "state", int.class);
            WAITING = lookup.findVarHandle(ExportCaller.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BatchExporter<T> exporter;
    private final Thread waiter;
    private final Object owner;
    private final String name;
    private Thread thread; // created by start(), on the waiter's thread
    private volatile int state;    // IDLE or BUSY; accessed through STATE
    private volatile int waiting;  // 1 while the waiter may park for IDLE; accessed through WAITING
    private volatile boolean retired;
    // The posted call: see the class comment for how the state word orders these plain fields.
    private int kind;
    private List<T> batch;
    private ExportCompletion completion;

    /**
     * Creates the caller; {@link #start()} creates and starts its thread.
     *
     * @param exporter the exporter to call
     * @param waiter the thread that posts calls and may wait for their return (the worker)
     * @param owner the worker, so that the buffer can recognise its own threads
     * @param name the thread's name
     */
    ExportCaller(BatchExporter<T> exporter, Thread waiter, Object owner, String name) {
        this.exporter = exporter;
        this.waiter = waiter;
        this.owner = owner;
        this.name = name;
    }

    /** Creates and starts the daemon thread; once, on the waiter's thread. */
    void start() {
        CallerThread started = new CallerThread(this, owner, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** {@return the thread that calls the exporter, or null before {@link #start()}} */
    Thread thread() {
        return thread;
    }

    /**
     * Returns whether {@code thread} is a caller thread of {@code owner}'s buffer (the current one or
     * a retired one still inside a call).
     *
     * @param thread the thread to check
     * @param owner the worker
     * @return true if it is
     */
    static boolean isCallerOf(Thread thread, Object owner) {
        return thread instanceof CallerThread caller && caller.owner == owner;
    }

    /** {@return true if no call is running or posted: the next call may be posted} */
    boolean isIdle() {
        return (int) STATE.getVolatile(this) == IDLE;
    }

    /**
     * Posts a call; the waiter only, and only while {@link #isIdle()}. Allocation-free.
     *
     * @param callKind {@link #EXPORT}, {@link #FLUSH} or {@link #SHUTDOWN}
     * @param callBatch the batch of an export, else null
     * @param callCompletion where the exporter signals the result
     */
    void post(int callKind, List<T> callBatch, ExportCompletion callCompletion) {
        kind = callKind;
        batch = callBatch;
        completion = callCompletion;
        STATE.setVolatile(this, BUSY);
        LockSupport.unpark(thread);
    }

    /**
     * Waits up to {@code nanos} for the running call to return; the waiter only. Returns early on
     * any unpark of the waiter (a flush, a close, a completion), so the caller re-checks.
     *
     * @param nanos the longest wait
     * @return true if the caller is idle
     */
    boolean awaitIdle(long nanos) {
        if (announceWaiting()) {
            LockSupport.parkNanos(this, nanos);
        }
        // Opaque is enough: a caller thread that still sees 1 merely unparks a running worker once.
        WAITING.setOpaque(this, 0);
        return isIdle();
    }

    /**
     * The waiter's half of the return Dekker pair: publishes {@code waiting = 1}, then reads the
     * state. Separate from {@link #awaitIdle(long)} so that the jcstress tests (module
     * {@code lowalloc-jcstress}) can observe the decision without parking.
     *
     * @return true if the waiter may park: the call has not returned yet
     */
    boolean announceWaiting() {
        WAITING.setVolatile(this, 1);
        return (int) STATE.getVolatile(this) != IDLE;
    }

    /**
     * This thread's half of the return Dekker pair: publishes {@code IDLE}, then reads the flag and
     * unparks a waiting worker. Separate from {@link #run()} for the jcstress tests.
     *
     * @return true if it saw the flag and unparked the waiter
     */
    boolean markIdle() {
        STATE.setVolatile(this, IDLE);
        // The CAS lets exactly one return unpark a waiter that announced itself once.
        if ((int) WAITING.getVolatile(this) != 0 && WAITING.compareAndSet(this, 1, 0)) {
            LockSupport.unpark(waiter);
            return true;
        }
        return false;
    }

    /**
     * Stops the thread once its current call, if any, has returned; the waiter only, after its last
     * post to this caller.
     */
    void retire() {
        retired = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        for (;;) {
            if (hasCall()) {
                runCall();
                markIdle();
            } else if (retired) {
                return;
            } else {
                LockSupport.park(this);
                // A stray interrupt would make every park return at once and spin this loop.
                Thread.interrupted();
            }
        }
    }

    /**
     * This thread's half of the hand-off: the volatile read that makes the posted fields visible.
     * Package-private for the jcstress tests.
     *
     * @return true if a call is posted and not yet returned
     */
    boolean hasCall() {
        return (int) STATE.getVolatile(this) == BUSY;
    }

    /** {@return the posted call's kind}; valid after {@link #hasCall()} returned true */
    int postedKind() {
        return kind;
    }

    /** {@return the posted call's batch}; valid after {@link #hasCall()} returned true */
    List<T> postedBatch() {
        return batch;
    }

    /** {@return the posted call's completion}; valid after {@link #hasCall()} returned true */
    ExportCompletion postedCompletion() {
        return completion;
    }

    private void runCall() {
        int callKind = postedKind();
        List<T> callBatch = postedBatch();
        ExportCompletion callCompletion = postedCompletion();
        batch = null; // this thread no longer needs the list: the worker may drop or reuse it
        completion = null;
        Thread.interrupted();
        try {
            switch (callKind) {
                case EXPORT -> exporter.export(callBatch, callCompletion);
                case FLUSH -> exporter.flush(callCompletion);
                default -> exporter.shutdown(callCompletion);
            }
        } catch (Throwable t) { // whatever the exporter throws is its call's failure, never this thread's end
            callCompletion.failure(t);
        }
    }

    /** The caller's thread: knows its buffer's worker, so the buffer recognises its own threads. */
    private static final class CallerThread extends Thread {

        private final Object owner;

        CallerThread(Runnable target, Object owner, String name) {
            super(target, name);
            this.owner = owner;
        }
    }
}
