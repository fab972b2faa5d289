package io.lowalloc.core.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loop run by a {@link BatchBuffer}'s worker thread: waits for a batch's worth of items, the
 * schedule delay, a flush or close; exports one batch at a time; settles the result.
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

    private final BatchQueue<T> queue;
    private final BatchExporter<T> exporter;
    private final Consumer<? super T> hook;
    private final int batchSize;
    private final long scheduleDelayNanos;
    private final long exporterTimeoutNanos;
    private final RateLimitedLog failureLog;
    private final RateLimitedLog timeoutLog;
    private final RateLimitedLog hookLog;
    private final RateLimitedLog lateLog;

    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong exportCalls = new AtomicLong();
    private final AtomicLong failedExports = new AtomicLong();
    private final AtomicLong timedOutExports = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Object flushLock = new Object();
    private final ArrayList<FlushRequest> flushRequests = new ArrayList<>(); // guarded by flushLock
    private long settled;                // queue positions settled; guarded by flushLock
    private boolean terminated;          // guarded by flushLock
    // Highest target any flush asked for; the worker exports partial batches until it has taken
    // that many items. Volatile: written under flushLock, read by the worker's loop without it.
    private volatile long flushTarget;

    // Worker-thread-only state.
    private ArrayList<T> batch;
    private List<T> batchView;
    private long oldestSequence = -1L;
    private long oldestSeenNanos;

    ExportWorker(BatchQueue<T> queue, BatchExporter<T> exporter, Consumer<? super T> hook,
            int batchSize, long scheduleDelayNanos, long exporterTimeoutNanos) {
        this.queue = queue;
        this.exporter = exporter;
        this.hook = hook;
        this.batchSize = batchSize;
        this.scheduleDelayNanos = scheduleDelayNanos;
        this.exporterTimeoutNanos = exporterTimeoutNanos;
        this.failureLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.timeoutLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.hookLog = new RateLimitedLog(LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        this.lateLog = new RateLimitedLog(LOGGER, Level.INFO, RateLimitedLog.DEFAULT_INTERVAL_NANOS);
        newBatchList();
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.SEVERE, "BatchBuffer worker stopped by an unexpected exception;"
                    + " items offered from now on stay pending", e);
            throw e;
        } finally {
            terminate();
        }
    }

    private void loop() {
        for (;;) {
            // Only close() stops the worker; a stray interrupt would make every park return at
            // once and spin the loop, so it is cleared.
            Thread.interrupted();
            long state = queue.state();
            long taken = queue.consumerTaken();
            long available = BatchQueue.count(state) - taken;
            boolean closing = BatchQueue.isClosed(state);
            if (available <= 0) {
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
                exportBatch((int) Math.min(available, batchSize));
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

    private void exportBatch(int max) {
        int size = queue.drainTo(batch, max);
        if (size == 0) {
            return;
        }
        inFlight.lazySet(size);
        exportCalls.lazySet(exportCalls.get() + 1);
        PendingExport completion = new PendingExport(this, Thread.currentThread(), size);
        try {
            exporter.export(batchView, completion);
        } catch (Throwable t) { // whatever the exporter throws must not stop the worker
            completion.failure(t);
        }
        Object outcome = completion.await(exporterTimeoutNanos);
        if (outcome == PendingExport.TIMED_OUT) {
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
        if (!success && failureLog.shouldLog()) {
            failureLog.log("BatchBuffer export of " + size + " items failed (failed so far: "
                    + (failed.get() + size) + ")", outcome instanceof Throwable ? (Throwable) outcome : null);
        }
        runHook(size);
        batch.clear();
        settle(size, success ? EXPORTED : FAILED);
    }

    private void runHook(int size) {
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
        synchronized (flushLock) {
            switch (outcome) {
                case EXPORTED:
                    exported.lazySet(exported.get() + size);
                    break;
                case FAILED:
                    failed.lazySet(failed.get() + size);
                    failedExports.lazySet(failedExports.get() + 1);
                    break;
                default:
                    abandoned.lazySet(abandoned.get() + size);
                    timedOutExports.lazySet(timedOutExports.get() + 1);
                    break;
            }
            inFlight.lazySet(0);
            long start = settled;
            settled = start + size;
            boolean anyDone = false;
            for (int i = flushRequests.size() - 1; i >= 0; i--) {
                FlushRequest request = flushRequests.get(i);
                if (outcome != EXPORTED && start < request.target) {
                    request.unsuccessful = true;
                }
                if (settled >= request.target) {
                    request.done = true;
                    flushRequests.remove(i);
                    anyDone = true;
                }
            }
            if (anyDone) {
                flushLock.notifyAll();
            }
        }
    }

    private void terminate() {
        synchronized (flushLock) {
            terminated = true;
            // Normally empty: close drains everything first. After an unexpected stop the
            // waiting flushes must not hang.
            for (int i = flushRequests.size() - 1; i >= 0; i--) {
                FlushRequest request = flushRequests.get(i);
                request.done = true;
                request.unsuccessful |= settled < request.target;
            }
            flushRequests.clear();
            flushLock.notifyAll();
        }
    }

    void lateCompletion(int size) {
        if (lateLog.shouldLog()) {
            lateLog.log("BatchBuffer exporter signalled a result after the export timeout; its "
                    + size + " items were already abandoned, the result is ignored", null);
        }
    }

    /**
     * Registers a flush of everything reserved so far; any thread.
     *
     * @return the request to wait for, or null if nothing is pending (the flush trivially
     *         succeeded); if the worker has stopped, a request that is already done
     */
    FlushRequest requestFlush() {
        synchronized (flushLock) {
            long target = BatchQueue.count(queue.state());
            if (target <= settled) {
                return null;
            }
            FlushRequest request = new FlushRequest(target);
            if (terminated) {
                request.done = true;
                request.unsuccessful = true;
                return request;
            }
            flushRequests.add(request);
            if (target > flushTarget) {
                flushTarget = target;
            }
            return request;
        }
    }

    /**
     * Waits for a flush request; any thread but the worker.
     *
     * @param request from {@link #requestFlush()}
     * @param timeoutNanos the longest wait, {@code >= 0}
     * @return true iff every item the request covers was exported successfully in time; false on
     *         timeout or interrupt (the interrupt flag is then set again)
     */
    boolean awaitFlush(FlushRequest request, long timeoutNanos) {
        long start = System.nanoTime();
        synchronized (flushLock) {
            while (!request.done) {
                long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    flushRequests.remove(request);
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(flushLock, remaining);
                } catch (InterruptedException e) {
                    flushRequests.remove(request);
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !request.unsuccessful;
        }
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
