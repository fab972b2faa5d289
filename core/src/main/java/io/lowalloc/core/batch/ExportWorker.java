package io.lowalloc.core.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loop run by a {@link BatchBuffer}'s worker thread: waits for a batch's worth of items, the
 * schedule delay, a flush or close; hands one batch at a time to the {@link ExportCaller} thread and
 * waits for the result up to the export timeout; settles the result; runs the exporter's flush for
 * completed flush requests and, after the final drain, its shutdown.
 *
 * <p><b>One call at a time.</b> A call abandoned at the timeout may still be running in the
 * exporter; the worker posts the next call only once it has returned, so later items wait in the
 * queue (and are dropped by {@code offer} when it fills). An exporter declared safe for concurrent
 * calls instead gets a new caller thread, the old one ending when its call returns.
 *
 * <p><b>Counters.</b> Every counter below is written by the worker thread only, so a plain
 * read-add followed by {@code lazySet} (a release store, no StoreLoad fence) is exact; readers
 * see a monotonic value that is at most a moment old. They are updated inside {@code flushLock},
 * after the completion hook has run, so a flush that returns has seen the hooks run too.
 *
 * @param <T> the item type
 */
final class ExportWorker<T> implements Runnable {

    static final Logger LOGGER = Logger.getLogger(BatchBuffer.class.getName());

    private static final int EXPORTED = 0;
    private static final int FAILED = 1;
    private static final int ABANDONED = 2;
    /** Failed without an export call: still queued behind a stuck call when close gave up. */
    private static final int UNSENT = 3;
    /** Released by the exporter, then no result within the export timeout: failed and timed out. */
    private static final int RELEASED_TIMED_OUT = 4;
    /** The exported part of a partial success; the batch stays in flight for its failed part. */
    private static final int PARTIAL_EXPORTED = 5;
    private static final int SHUTDOWN_PENDING = 0;
    private static final int SHUTDOWN_SUCCEEDED = 1;
    private static final int SHUTDOWN_FAILED = 2;
    // A call that signalled its result inside export() is usually back within microseconds.
    private static final int RETURN_SPINS = 64;
    private static final int RETURN_YIELDS = 16;

    private final BatchQueue<T> queue;
    private final BatchExporter<T> exporter;
    private final Consumer<? super T> hook;
    // Non-null: called once per batch instead of hook per item (a pool's releaseAll).
    private final Consumer<? super List<T>> batchHook;
    private final int batchSize;
    private final long scheduleDelayNanos;
    private final long exporterTimeoutNanos;
    private final String callerThreadName;
    private final boolean concurrentExport;
    private final RateLimitedLog failureLog;
    private final RateLimitedLog timeoutLog;
    private final RateLimitedLog hookLog;
    private final RateLimitedLog lateLog;
    private final RateLimitedLog lifecycleLog;

    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong exportCalls = new AtomicLong();
    private final AtomicLong failedExports = new AtomicLong();
    private final AtomicLong timedOutExports = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int shutdownOutcome = SHUTDOWN_PENDING;

    // A lock, not a monitor: a virtual thread waiting in flush() or close() on JDK 21-23 would pin
    // its carrier inside Object.wait; Condition.awaitNanos unmounts it.
    private final ReentrantLock flushLock = new ReentrantLock();
    private final Condition flushDone = flushLock.newCondition();
    // Flushes waiting for their items to settle, and flushes waiting for the exporter's flush.
    private final ArrayList<FlushRequest> flushRequests = new ArrayList<>(); // guarded by flushLock
    private final ArrayList<FlushRequest> flushStage = new ArrayList<>();    // guarded by flushLock
    private long settled;                // queue positions settled; guarded by flushLock
    private boolean terminated;          // guarded by flushLock
    // The flush rule's memory, guarded by flushLock: every loss at a position below reportedBelow,
    // and the first dropsReported drops, were reported by a flush that returned false. lastLossEnd
    // is one past the highest position lost so far (settlement is in position order).
    private long reportedBelow;
    private long dropsReported;
    private long lastLossEnd;
    private boolean exportedSinceFlush;  // a call reached the exporter since its last flush
    private boolean exporterFlushRunning;
    // Highest target any flush asked for; the worker exports partial batches until it has taken
    // that many items. Volatile: written under flushLock, read by the worker's loop without it.
    private volatile long flushTarget;
    // Set under flushLock when flush requests wait for the exporter's flush; read by the loop.
    private volatile boolean exporterFlushDue;
    // The current caller; written by the worker only, volatile for the buffer's test accessor.
    private volatile ExportCaller<T> caller;

    // Worker-thread-only state.
    private Thread self;
    private boolean callerAbandoned;     // the caller's last call timed out and may still run
    private boolean waitingForCaller;
    private long callerWaitStartNanos;
    private ArrayList<T> batch;
    private List<T> batchView;
    private long oldestSequence = -1L;
    private long oldestSeenNanos;

    ExportWorker(BatchQueue<T> queue, BatchExporter<T> exporter, Consumer<? super T> hook,
            int batchSize, long scheduleDelayNanos, long exporterTimeoutNanos, String callerThreadName) {
        this(queue, exporter, hook, null, batchSize, scheduleDelayNanos, exporterTimeoutNanos, callerThreadName);
    }

    ExportWorker(BatchQueue<T> queue, BatchExporter<T> exporter, Consumer<? super T> hook,
            Consumer<? super List<T>> batchHook, int batchSize, long scheduleDelayNanos, long exporterTimeoutNanos,
            String callerThreadName) {
        this.queue = queue;
        this.exporter = exporter;
        this.hook = hook;
        this.batchHook = batchHook;
        this.batchSize = batchSize;
        this.scheduleDelayNanos = scheduleDelayNanos;
        this.exporterTimeoutNanos = exporterTimeoutNanos;
        this.callerThreadName = callerThreadName;
        this.concurrentExport = exporter.supportsConcurrentExport();
        this.failureLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.timeoutLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.hookLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.lateLog = new RateLimitedLog(LOGGER, Level.INFO, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.lifecycleLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        newBatchList();
    }

    @Override
    public void run() {
        self = Thread.currentThread();
        boolean drained = false;
        try {
            caller = newCaller();
            loop();
            drained = true;
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.SEVERE, "BatchBuffer worker stopped by an unexpected exception;"
                    + " items offered from now on stay pending", e);
            throw e;
        } finally {
            try {
                ExportCaller<T> current = caller;
                if (drained) {
                    shutdownExporter();
                } else if (current != null) {
                    current.retire();
                }
            } finally {
                terminate();
            }
        }
    }

    private void loop() {
        for (;;) {
            // Only close() stops the worker; a stray interrupt would make every park return at
            // once and spin the loop, so it is cleared.
            Thread.interrupted();
            if (exporterFlushDue) {
                flushExporter();
                continue;
            }
            long state = queue.state();
            long taken = queue.consumerTaken();
            long available = BatchQueue.count(state) - taken;
            boolean closing = BatchQueue.isClosed(state);
            if (available <= 0) {
                waitingForCaller = false;
                if (closing) {
                    return;
                }
                // Producers do not wake the worker for a first item (only for a full batch), so
                // an idle worker looks again every schedule delay; it then waits out the rest
                // of the delay measured from the item's own arrival stamp.
                queue.awaitWork(scheduleDelayNanos);
                continue;
            }
            long now = System.nanoTime();
            long waited = now - oldestArrival(taken, now);
            if (available >= batchSize || closing || flushTarget > taken || waited >= scheduleDelayNanos) {
                if (callerReady(closing)) {
                    exportBatch((int) Math.min(available, batchSize));
                }
            } else {
                queue.awaitWork(scheduleDelayNanos - waited);
            }
        }
    }

    private long oldestArrival(long sequence, long now) {
        if (sequence != oldestSequence) {
            oldestSequence = sequence;
            oldestSeenNanos = now;
        }
        return queue.arrivalNanos(sequence, oldestSeenNanos);
    }

    private ExportCaller<T> newCaller() {
        ExportCaller<T> fresh = new ExportCaller<>(exporter, self, this, callerThreadName);
        fresh.start();
        callerAbandoned = false;
        return fresh;
    }

    /**
     * Whether the next call may be posted now. While the caller is still inside an earlier call,
     * waits for its return (returning early on any wake-up, so that the loop sees new flushes and
     * close): a flush waiting for queued items fails once it has waited one export timeout for the
     * caller, and when closing, the queued items are given up once the worker has waited that long.
     */
    private boolean callerReady(boolean closing) {
        if (spinUntilIdle()) {
            waitingForCaller = false;
            return true;
        }
        if (concurrentExport && callerAbandoned) {
            // Declared safe for concurrent calls: the timed-out call goes on in its own thread.
            caller.retire();
            caller = newCaller();
            waitingForCaller = false;
            return true;
        }
        long now = System.nanoTime();
        if (!waitingForCaller) {
            waitingForCaller = true;
            callerWaitStartNanos = now;
        }
        long waited = now - callerWaitStartNanos;
        if (closing && waited >= exporterTimeoutNanos) {
            failFlushesWaitingForTheCaller(now, true);
            discardQueued();
            return false;
        }
        long park = failFlushesWaitingForTheCaller(now, false);
        if (closing) {
            park = Math.min(park, exporterTimeoutNanos - waited);
        }
        caller.awaitIdle(park);
        return false;
    }

    private boolean spinUntilIdle() {
        ExportCaller<T> current = caller;
        for (int i = 0; i < RETURN_SPINS + RETURN_YIELDS; i++) {
            if (current.isIdle()) {
                return true;
            }
            if (i < RETURN_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return current.isIdle();
    }

    /** Waits, ignoring other wake-ups, up to one export timeout for the caller to be idle. */
    private boolean awaitCallerReturn() {
        if (spinUntilIdle()) {
            return true;
        }
        long start = System.nanoTime();
        for (;;) {
            long remaining = exporterTimeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                return caller.isIdle();
            }
            if (caller.awaitIdle(remaining)) {
                return true;
            }
            Thread.interrupted();
        }
    }

    private void exportBatch(int max) {
        int size = queue.drainTo(batch, max);
        if (size == 0) {
            return;
        }
        inFlight.lazySet(size);
        exportCalls.lazySet(exportCalls.get() + 1);
        PendingExport completion = new PendingExport(this, self, size);
        callerAbandoned = false;
        long start = System.nanoTime();
        caller.post(ExportCaller.EXPORT, batchView, completion);
        Object outcome = completion.await(start, exporterTimeoutNanos, null);
        boolean released = outcome == PendingExport.RELEASED;
        if (released) {
            // The exporter has copied the batch: the items go back now, their result comes later.
            runHook(size);
            batch.clear();
            outcome = completion.await(start, exporterTimeoutNanos, PendingExport.RELEASED);
        }
        if (outcome == PendingExport.TIMED_OUT && released) {
            if (timeoutLog.shouldLog()) {
                timeoutLog.log("BatchBuffer export timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(exporterTimeoutNanos) + " ms after the exporter released its "
                        + size + " items; counted as failed (failed so far: " + (failed.get() + size) + ")", null);
            }
            callerAbandoned = true;
            settle(size, RELEASED_TIMED_OUT);
            return;
        }
        if (outcome == PendingExport.TIMED_OUT) {
            callerAbandoned = true;
            if (timeoutLog.shouldLog()) {
                timeoutLog.log("BatchBuffer export timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(exporterTimeoutNanos) + " ms; abandoned " + size
                        + " items (abandoned so far: " + (abandoned.get() + size) + ")", null);
            }
            // The exporter may still read the old list and its items: never touch them again.
            newBatchList();
            settle(size, ABANDONED);
            return;
        }
        boolean success = outcome == PendingExport.SUCCEEDED;
        int rejected = outcome == PendingExport.PARTIAL ? completion.rejected() : size;
        if (!success && failureLog.shouldLog()) {
            Throwable cause = outcome == PendingExport.PARTIAL ? completion.partialCause()
                    : outcome instanceof Throwable ? (Throwable) outcome : null;
            failureLog.log("BatchBuffer export of " + size + " items failed"
                    + (rejected < size ? " for " + rejected + " of them" : "") + " (failed so far: "
                    + (failed.get() + rejected) + ")", cause);
        }
        if (!released) {
            runHook(size);
            batch.clear();
        }
        if (success) {
            settle(size, EXPORTED);
        } else if (rejected < size) {
            // Positions settle in order: the exported part first, then the rejected part, which
            // counts as one failed export.
            settle(size - rejected, PARTIAL_EXPORTED);
            settle(rejected, FAILED);
        } else {
            settle(size, FAILED);
        }
    }

    /**
     * Makes one flush or shutdown call on the current (idle) caller, bounded by the export
     * timeout.
     *
     * @return true iff the exporter signalled success in time
     */
    private boolean callLifecycle(int kind) {
        String what = kind == ExportCaller.FLUSH ? "flush" : "shutdown";
        PendingExport completion = new PendingExport(this, self, 0);
        callerAbandoned = false;
        caller.post(kind, null, completion);
        Object outcome = completion.await(exporterTimeoutNanos);
        if (outcome == PendingExport.SUCCEEDED) {
            return true;
        }
        if (outcome == PendingExport.TIMED_OUT) {
            callerAbandoned = true;
            if (lifecycleLog.shouldLog()) {
                lifecycleLog.log("BatchBuffer exporter " + what + " did not complete within the export timeout of "
                        + TimeUnit.NANOSECONDS.toMillis(exporterTimeoutNanos) + " ms; counted as failed", null);
            }
        } else if (lifecycleLog.shouldLog()) {
            lifecycleLog.log("BatchBuffer exporter " + what + " failed",
                    outcome instanceof Throwable ? (Throwable) outcome : null);
        }
        return false;
    }

    /** Runs the exporter's flush for the requests whose items have settled. */
    private void flushExporter() {
        flushLock.lock();
        try {
            exporterFlushDue = false;
            exporterFlushRunning = true;
            exportedSinceFlush = false;
        } finally {
            flushLock.unlock();
        }
        boolean flushed;
        if (awaitCallerReturn()) {
            flushed = callLifecycle(ExportCaller.FLUSH);
        } else {
            flushed = false;
            if (lifecycleLog.shouldLog()) {
                lifecycleLog.log("BatchBuffer exporter flush not called: the exporter is still inside an earlier"
                        + " call after the export timeout", null);
            }
        }
        flushLock.lock();
        try {
            exporterFlushRunning = false;
            for (int i = 0; i < flushStage.size(); i++) {
                FlushRequest request = flushStage.get(i);
                request.unsuccessful |= !flushed;
                finish(request);
            }
            flushStage.clear();
            flushDone.signalAll();
        } finally {
            flushLock.unlock();
        }
    }

    /** Shuts the exporter down, once, after the final drain. */
    private void shutdownExporter() {
        if (!spinUntilIdle()) {
            // Still inside a call that timed out: a shutdown is how most exporters abort one, so
            // it runs on a thread of its own instead of waiting behind the stuck call.
            caller.retire();
            caller = newCaller();
        }
        boolean succeeded = callLifecycle(ExportCaller.SHUTDOWN);
        shutdownOutcome = succeeded ? SHUTDOWN_SUCCEEDED : SHUTDOWN_FAILED;
        caller.retire();
    }

    /** Closing, and the caller stayed inside an earlier call: the queued items are given up. */
    private void discardQueued() {
        long total = 0;
        for (;;) {
            long available = BatchQueue.count(queue.state()) - queue.consumerTaken();
            if (available <= 0) {
                break;
            }
            int size = queue.drainTo(batch, (int) Math.min(available, batchSize));
            if (size == 0) {
                break;
            }
            inFlight.lazySet(size);
            // Never handed to the exporter, so safe to hand back.
            runHook(size);
            batch.clear();
            settle(size, UNSENT);
            total += size;
        }
        if (total > 0) {
            LOGGER.log(Level.WARNING, "BatchBuffer closed while the exporter was still inside a call after the"
                    + " export timeout; {0} queued items were not exported (counted as failed)", total);
        }
    }

    /** Runs the completion hook on the {@code size} items the batch list holds, once per batch or per item. */
    private void runHook(int size) {
        if (batchHook != null) {
            try {
                batchHook.accept(batchView);
            } catch (Throwable t) { // a faulty hook must not stop the worker
                if (hookLog.shouldLog()) {
                    hookLog.log("BatchBuffer batch completion hook threw; continuing with the next batch", t);
                }
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            try {
                hook.accept(batch.get(i));
            } catch (Throwable t) { // a faulty hook must not stop the worker or skip items
                if (hookLog.shouldLog()) {
                    hookLog.log("BatchBuffer completion hook threw; continuing with the next item", t);
                }
            }
        }
    }

    private void newBatchList() {
        batch = new ArrayList<>(batchSize);
        batchView = Collections.unmodifiableList(batch);
    }

    private void settle(int size, int outcome) {
        flushLock.lock();
        try {
            switch (outcome) {
                case EXPORTED, PARTIAL_EXPORTED -> exported.lazySet(exported.get() + size);
                case FAILED -> {
                    failed.lazySet(failed.get() + size);
                    failedExports.lazySet(failedExports.get() + 1);
                }
                case ABANDONED -> {
                    abandoned.lazySet(abandoned.get() + size);
                    timedOutExports.lazySet(timedOutExports.get() + 1);
                }
                case RELEASED_TIMED_OUT -> {
                    failed.lazySet(failed.get() + size);
                    timedOutExports.lazySet(timedOutExports.get() + 1);
                }
                default -> failed.lazySet(failed.get() + size);
            }
            inFlight.lazySet(outcome == PARTIAL_EXPORTED ? inFlight.get() - size : 0);
            long start = settled;
            settled = start + size;
            if (outcome != UNSENT) {
                exportedSinceFlush = true;
            }
            boolean loss = outcome != EXPORTED && outcome != PARTIAL_EXPORTED;
            if (loss) {
                lastLossEnd = settled;
            }
            boolean closing = BatchQueue.isClosed(queue.state());
            boolean anyDone = false;
            for (int i = flushRequests.size() - 1; i >= 0; i--) {
                FlushRequest request = flushRequests.get(i);
                if (loss && start < request.target) {
                    request.unsuccessful = true;
                }
                if (settled >= request.target) {
                    flushRequests.remove(i);
                    // Once closing, the exporter's shutdown takes the place of its flush.
                    if (!request.unsuccessful && !closing) {
                        flushStage.add(request);
                        exporterFlushDue = true;
                    } else {
                        finish(request);
                        anyDone = true;
                    }
                }
            }
            if (anyDone) {
                flushDone.signalAll();
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** Completes a request and records which losses it reported; under flushLock. */
    private void finish(FlushRequest request) {
        request.done = true;
        // Every loss below min(target, settled) and every drop it counted was known to this
        // request: if there was one, it returned false, so later flushes need not report it again.
        reportedBelow = Math.max(reportedBelow, Math.min(request.target, settled));
        dropsReported = Math.max(dropsReported, request.drops);
    }

    /**
     * Fails the flushes waiting for queued items that have waited one export timeout for the
     * caller (counted from their request or from when the caller's wait began, whichever is later).
     *
     * @param now the current {@link System#nanoTime()}
     * @param all true to fail every waiting flush regardless
     * @return nanoseconds until the next waiting flush would fail; {@link Long#MAX_VALUE} if none
     */
    private long failFlushesWaitingForTheCaller(long now, boolean all) {
        long next = Long.MAX_VALUE;
        boolean anyFailed = false;
        flushLock.lock();
        try {
            for (int i = flushRequests.size() - 1; i >= 0; i--) {
                FlushRequest request = flushRequests.get(i);
                long since = request.startNanos - callerWaitStartNanos > 0 ? request.startNanos : callerWaitStartNanos;
                long waited = now - since;
                if (all || waited >= exporterTimeoutNanos) {
                    flushRequests.remove(i);
                    request.unsuccessful = true;
                    finish(request);
                    anyFailed = true;
                } else {
                    next = Math.min(next, exporterTimeoutNanos - waited);
                }
            }
            if (anyFailed) {
                flushDone.signalAll();
            }
        } finally {
            flushLock.unlock();
        }
        if (anyFailed && lifecycleLog.shouldLog()) {
            lifecycleLog.log("BatchBuffer flush failed: the exporter is still inside a call after the export timeout;"
                    + " the queued items wait for it to return", null);
        }
        return next;
    }

    private void terminate() {
        flushLock.lock();
        try {
            terminated = true;
            // Normally empty: close drains everything first. After an unexpected stop the
            // waiting flushes must not hang.
            for (int i = 0; i < flushRequests.size(); i++) {
                FlushRequest request = flushRequests.get(i);
                request.unsuccessful |= settled < request.target;
                finish(request);
            }
            flushRequests.clear();
            // Registered while the close began: the exporter's shutdown stood in for its flush.
            for (int i = 0; i < flushStage.size(); i++) {
                FlushRequest request = flushStage.get(i);
                request.unsuccessful |= shutdownOutcome != SHUTDOWN_SUCCEEDED;
                finish(request);
            }
            flushStage.clear();
            flushDone.signalAll();
        } finally {
            flushLock.unlock();
        }
    }

    void lateCompletion(int size) {
        if (lateLog.shouldLog()) {
            lateLog.log(size == 0
                    ? "BatchBuffer exporter signalled a flush or shutdown result after the export timeout; ignored"
                    : "BatchBuffer exporter signalled a result after the export timeout; its " + size
                            + " items were already abandoned, the result is ignored", null);
        }
    }

    /**
     * Registers a flush of everything reserved so far; any thread but the buffer's own.
     *
     * @param drops the buffer's drop count now, all reasons
     * @return the request; already done if its outcome is known at once
     */
    FlushRequest requestFlush(long drops) {
        flushLock.lock();
        try {
            long target = BatchQueue.count(queue.state());
            FlushRequest request = new FlushRequest(target, drops, System.nanoTime());
            request.unsuccessful = lastLossEnd > reportedBelow || drops > dropsReported;
            if (terminated) {
                request.unsuccessful |= settled < target;
                finish(request);
            } else if (target > settled) {
                flushRequests.add(request);
                if (target > flushTarget) {
                    flushTarget = target;
                }
            } else if (!request.unsuccessful && (exporterFlushRunning
                    || exportedSinceFlush && !BatchQueue.isClosed(queue.state()))) {
                flushStage.add(request);
                exporterFlushDue |= !exporterFlushRunning;
            } else {
                finish(request);
            }
            return request;
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Waits for a flush request; any thread but the buffer's own. On timeout or interrupt the
     * request is withdrawn and counts as having returned false.
     *
     * @param request from {@link #requestFlush(long)}
     * @param timeoutNanos the longest wait, {@code >= 0}
     * @return true iff the request succeeded in time; false on timeout or interrupt (the
     *         interrupt flag is then set again)
     */
    boolean awaitFlush(FlushRequest request, long timeoutNanos) {
        long start = System.nanoTime();
        flushLock.lock();
        try {
            while (!request.done) {
                long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    withdraw(request);
                    return false;
                }
                try {
                    flushDone.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    withdraw(request);
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !request.unsuccessful;
        } finally {
            flushLock.unlock();
        }
    }

    private void withdraw(FlushRequest request) {
        flushRequests.remove(request);
        flushStage.remove(request);
        request.unsuccessful = true;
        finish(request);
    }

    /** {@return true once the exporter's shutdown has signalled success} */
    boolean shutdownSucceeded() {
        return shutdownOutcome == SHUTDOWN_SUCCEEDED;
    }

    /**
     * Returns whether {@code thread} is one of this worker's caller threads.
     *
     * @param thread the thread
     * @return true if it calls (or called) this worker's exporter
     */
    boolean isCallerThread(Thread thread) {
        return ExportCaller.isCallerOf(thread, this);
    }

    /** {@return the current caller's thread, or null before the worker started; for tests} */
    Thread callerThread() {
        ExportCaller<T> current = caller;
        return current == null ? null : current.thread();
    }

    long exported() {
        return exported.get();
    }

    long failed() {
        return failed.get();
    }

    long abandoned() {
        return abandoned.get();
    }

    long exportCalls() {
        return exportCalls.get();
    }

    long failedExports() {
        return failedExports.get();
    }

    long timedOutExports() {
        return timedOutExports.get();
    }

    int inFlight() {
        return inFlight.get();
    }
}
