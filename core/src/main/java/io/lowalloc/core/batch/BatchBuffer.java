package io.lowalloc.core.batch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Collects items offered by any number of threads and exports them in batches from one named
 * daemon worker thread, configured by {@link BatchOptions}: an exact queue bound, a full-queue
 * policy, flush results that report every loss, an export timeout that also covers an exporter
 * call that blocks, and counts taken after the export result.
 *
 * <p><b>Batching.</b> The worker exports when {@code maxExportBatchSize} items wait, or when
 * {@code scheduleDelay} has passed since the oldest waiting item was offered, whichever comes
 * first; also on {@link #flush()} and {@link #close()}. One export is in flight at a time. Each
 * export carries up to {@code maxExportBatchSize} items, exactly that many when they are there.
 *
 * <p><b>Threads.</b> The worker never runs the exporter's code: it hands each call to a second
 * daemon thread, the exporter thread (named after the worker with {@code -exporter} appended),
 * through preallocated fields, and waits for the result up to {@code exporterTimeout}. So a call
 * that blocks is abandoned at the timeout like a result that never comes. The exporter is called
 * one call at a time (see {@link BatchExporter}); while a call that timed out is still running in
 * it, later items wait in the queue, and {@code offer} drops them when it is full. A thread stuck
 * in an exporter for good never keeps the JVM alive, nor delays {@link #close()} beyond its bound.
 *
 * <p><b>Item lifecycle.</b> An item offered successfully belongs to the buffer until its export's
 * result is known; then the completion hook receives it (success or failure alike), e.g. to return
 * it to a pool. If the result does not arrive within {@code exporterTimeout}, the item is abandoned:
 * counted, never passed to the hook, never touched again (the exporter may still hold it). An item
 * whose {@code offer} returned false still belongs to the caller.
 *
 * <p><b>Allocation.</b> {@link #offer(Object)} allocates nothing, accepted or dropped (the
 * rate-limited drop log line aside). The worker allocates one small completion object per export
 * call, and a new batch list after a timed-out export; nothing per item. The hand-off to the
 * exporter thread allocates nothing. Flush and close allocate.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe. {@code offer} is lock-free unless the
 * queue is full under {@link FullQueuePolicy#BLOCK}. The worker and exporter threads ignore
 * interrupts; only {@link #close()} stops them.
 *
 * @param <T> the item type
 */
public final class BatchBuffer<T> implements AutoCloseable {

    // BLOCK back-off: spin, then yield, then park for 1 us doubling to 1 ms between retries.
    private static final int BLOCK_SPINS = 64;
    private static final int BLOCK_YIELDS = 128;
    private static final long BLOCK_MIN_PARK_NANOS = 1_000L;
    private static final long BLOCK_MAX_PARK_NANOS = 1_000_000L;
    private static final Consumer<Object> NO_HOOK = item -> { };
    private static final String EXPORTER_THREAD_SUFFIX = "-exporter";

    private final BatchOptions options;
    private final BatchQueue<T> queue;
    private final ExportWorker<T> worker;
    private final Thread workerThread;
    private final int maxQueueSize;
    private final boolean blockWhenFull;
    private final long maxBlockNanos;
    // Contended only on the drop paths; AtomicLong rather than LongAdder, which allocates cells.
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedBlockTimeout = new AtomicLong();
    private final AtomicLong droppedInterrupted = new AtomicLong();
    private final AtomicLong rejectedAfterClose = new AtomicLong();
    private final RateLimitedLog dropLog =
            new RateLimitedLog(ExportWorker.LOGGER, Level.WARNING, RateLimitedLog.DEFAULT_INTERVAL_NANOS);

    private BatchBuffer(BatchExporter<T> exporter, Consumer<? super T> completionHook,
            Consumer<? super List<T>> batchCompletionHook, BatchOptions options) {
        this.options = options;
        this.maxQueueSize = options.maxQueueSize();
        this.blockWhenFull = options.fullQueuePolicy() == FullQueuePolicy.BLOCK;
        this.maxBlockNanos = options.maxBlockTimeNanos();
        this.queue = new BatchQueue<>(maxQueueSize, options.maxExportBatchSize());
        this.worker = new ExportWorker<>(queue, exporter, completionHook, batchCompletionHook,
                options.maxExportBatchSize(),
                options.scheduleDelayNanos(), options.exporterTimeoutNanos(),
                options.workerThreadName() + EXPORTER_THREAD_SUFFIX);
        this.workerThread = new Thread(worker, options.workerThreadName());
        workerThread.setDaemon(true);
        // Thread.start() happens-before everything the worker does: it sees all fields above.
        workerThread.start();
    }

    /**
     * Starts a builder with the {@link BatchOptions#defaults() default options} and no completion
     * hook.
     *
     * @param exporter receives the batches
     * @param <T> the item type
     * @return a new builder
     * @throws NullPointerException if {@code exporter} is null
     */
    public static <T> Builder<T> builder(BatchExporter<T> exporter) {
        return new Builder<>(Objects.requireNonNull(exporter, "exporter"));
    }

    /**
     * Offers an item for export. Allocation-free; does not wake the worker except when this item
     * completes a batch and the worker is idle.
     *
     * <p>If the queue holds {@code maxQueueSize} items, {@link FullQueuePolicy#DROP} returns false
     * at once and {@link FullQueuePolicy#BLOCK} waits up to {@code maxBlockTime} for space, except
     * on the buffer's own worker and exporter threads (an exporter or completion hook that offers),
     * which would wait for space only they can free: there it returns false at once too, counted in
     * {@link BatchStats#droppedQueueFull()}. Every false result is counted (see
     * {@link BatchStats#dropped()}) and reported by a rate-limited log line; the caller keeps
     * ownership of the item.
     *
     * @param item the item; belongs to the buffer if this returns true
     * @return true if the item was queued; false if it was dropped or the buffer is closed
     * @throws NullPointerException if {@code item} is null
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        int result = queue.offer(item);
        if (result == BatchQueue.ACCEPTED) {
            return true;
        }
        if (result == BatchQueue.CLOSED) {
            return drop(rejectedAfterClose, "the buffer is closed");
        }
        if (blockWhenFull) {
            if (isOwnThread(Thread.currentThread())) {
                return drop(droppedQueueFull, "the queue is full and the offering thread is the buffer's own"
                        + " worker or exporter thread, which would wait for space only it can free");
            }
            return offerBlocking(item);
        }
        return drop(droppedQueueFull, "the queue is full");
    }

    private boolean offerBlocking(T item) {
        long start = System.nanoTime();
        long parkNanos = BLOCK_MIN_PARK_NANOS;
        for (int attempt = 0; ; attempt++) {
            // isInterrupted, not interrupted(): the flag stays set for the caller.
            if (Thread.currentThread().isInterrupted()) {
                return drop(droppedInterrupted, "the offering thread was interrupted while the queue was full");
            }
            long waited = System.nanoTime() - start;
            if (waited >= maxBlockNanos) {
                return drop(droppedBlockTimeout, "the queue stayed full for maxBlockTime");
            }
            if (attempt < BLOCK_SPINS) {
                Thread.onSpinWait();
            } else if (attempt < BLOCK_YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, Math.min(parkNanos, maxBlockNanos - waited));
                parkNanos = Math.min(parkNanos << 1, BLOCK_MAX_PARK_NANOS);
            }
            int result = queue.offer(item);
            if (result == BatchQueue.ACCEPTED) {
                return true;
            }
            if (result == BatchQueue.CLOSED) {
                return drop(rejectedAfterClose, "the buffer is closed");
            }
        }
    }

    private boolean drop(AtomicLong counter, String reason) {
        long count = counter.incrementAndGet();
        if (dropLog.shouldLog()) {
            dropLog.log("BatchBuffer dropped an item because " + reason + " (maxQueueSize=" + maxQueueSize
                    + "); dropped for this reason so far: " + count, null);
        }
        return false;
    }

    /**
     * Exports every item offered before this call, waits for their results and then, if the exporter
     * received a call since its last flush, for the exporter's {@link BatchExporter#flush flush}.
     *
     * <p><b>The flush rule.</b> Returns true iff every item offered before this call was exported
     * successfully and the exporter's flush (if called) succeeded. An item counts against a flush if
     * its export failed, it was abandoned at the export timeout, or it was dropped (queue full, block
     * timeout, interrupted, offered after close), whether that happened during the flush or before it
     * (for example in an export the schedule made earlier); unless a flush that returned earlier
     * already returned false while that loss was known, so a loss fails the next flush that covers
     * it, not every later one. Also false on timeout, on interrupt (the interrupt flag is then set),
     * and when called on the buffer's own threads (from an exporter or completion hook), which
     * cannot wait for themselves.
     *
     * <p><b>Bound.</b> Each export and the exporter's flush are bounded by the export timeout. If the
     * exporter is still inside an earlier call that timed out, the worker waits at most one export
     * timeout more for it to return, then this returns false (the items stay queued and are exported
     * once the call returns). So unless the timeout is infinite, this returns within the export
     * timeout times the number of batches to export plus two.
     *
     * @return true iff every such item was exported successfully (see the flush rule)
     */
    public boolean flush() {
        return flush(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * Like {@link #flush()}, but gives up after {@code timeout}, returning false.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @param unit the unit of {@code timeout}
     * @return true iff every item offered before this call was exported successfully within the
     *         timeout, under the flush rule of {@link #flush()}
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean flush(long timeout, TimeUnit unit) {
        long timeoutNanos = toNanos("timeout", timeout, unit);
        if (isOwnThread(Thread.currentThread())) {
            return false;
        }
        FlushRequest request = worker.requestFlush(drops());
        if (!request.done) {
            LockSupport.unpark(workerThread);
        }
        return worker.awaitFlush(request, timeoutNanos);
    }

    /**
     * Closes the buffer: later offers are rejected (returning false, counted in
     * {@link BatchStats#rejectedAfterClose()}); everything pending is exported, each export bounded
     * by the export timeout; then the exporter's {@link BatchExporter#shutdown shutdown} is called,
     * exactly once, and waited for up to the export timeout; then the worker thread stops. If the
     * exporter is still inside a call that timed out, the items queued behind it wait at most one
     * export timeout more, then are counted as {@linkplain BatchStats#failed() failed} without being
     * exported (they go to the completion hook). So unless the timeout is infinite, close returns
     * within the export timeout times the number of pending batches plus three, whatever the
     * exporter does.
     *
     * <p>Waits until the worker has stopped, even if interrupted (the interrupt flag is then set
     * again). Idempotent and thread-safe: every such call returns only after the worker stopped, and
     * then {@code stats().pending() == 0}. Called on the buffer's own threads (from an exporter or
     * completion hook), it only starts the close and returns at once: the worker drains, shuts the
     * exporter down and stops on its own, and a later {@code close()} from another thread waits
     * for that.
     */
    @Override
    public void close() {
        beginClose();
        if (isOwnThread(Thread.currentThread())) {
            return;
        }
        boolean interrupted = false;
        while (workerThread.isAlive()) {
            try {
                workerThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Like {@link #close()}, but waits at most {@code timeout} and reports the outcome. If the
     * timeout passes first, the worker still finishes draining and shuts the exporter down in the
     * background.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @param unit the unit of {@code timeout}
     * @return true iff every item offered before this call was exported successfully (under the flush
     *         rule of {@link #flush()}), the exporter's shutdown succeeded and the worker stopped,
     *         all within the timeout; false otherwise, on interrupt (the flag is then set) or when
     *         called on the buffer's own threads
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean close(long timeout, TimeUnit unit) {
        long timeoutNanos = toNanos("timeout", timeout, unit);
        beginClose();
        if (isOwnThread(Thread.currentThread())) {
            return false;
        }
        long start = System.nanoTime();
        FlushRequest request = worker.requestFlush(drops());
        boolean exportedAll = worker.awaitFlush(request, timeoutNanos);
        long remaining = timeoutNanos - (System.nanoTime() - start);
        if (remaining > 0 && !Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(workerThread, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return exportedAll && !workerThread.isAlive() && worker.shutdownSucceeded();
    }

    /** The buffer's own threads: the worker and its exporter threads. */
    private boolean isOwnThread(Thread thread) {
        return thread == workerThread || worker.isCallerThread(thread);
    }

    private long drops() {
        return droppedQueueFull.get() + droppedBlockTimeout.get() + droppedInterrupted.get()
                + rejectedAfterClose.get();
    }

    private void beginClose() {
        queue.close();
        LockSupport.unpark(workerThread);
    }

    /**
     * Takes a snapshot of the counters; see {@link BatchStats} for when each one moves.
     * Allocates the snapshot.
     *
     * @return the snapshot
     */
    public BatchStats stats() {
        // Outcome counters first, reservations last: items in motion then show up as pending
        // or offered rather than vanish.
        long exported = worker.exported();
        long failed = worker.failed();
        long abandoned = worker.abandoned();
        int inFlight = worker.inFlight();
        long taken = queue.taken();
        long dropped1 = droppedQueueFull.get();
        long dropped2 = droppedBlockTimeout.get();
        long dropped3 = droppedInterrupted.get();
        long dropped4 = rejectedAfterClose.get();
        long reservedCount = BatchQueue.count(queue.state());
        long pending = reservedCount - taken + inFlight;
        return new BatchStats(reservedCount + dropped1 + dropped2 + dropped3 + dropped4,
                exported, failed, abandoned, pending, dropped1, dropped2, dropped3, dropped4,
                worker.exportCalls(), worker.failedExports(), worker.timedOutExports());
    }

    /**
     * Returns the options this buffer was built with.
     *
     * @return the options
     */
    public BatchOptions options() {
        return options;
    }

    /**
     * For tests: whether {@code thread} is one of this buffer's exporter threads (the current one
     * or a retired one still inside a call).
     */
    boolean isExporterThread(Thread thread) {
        return worker.isCallerThread(thread);
    }

    /** For tests: the worker thread. */
    Thread workerThread() {
        return workerThread;
    }

    /** For tests: the current exporter thread, or null before the worker started it. */
    Thread exporterThread() {
        return worker.callerThread();
    }

    private static long toNanos(String name, long amount, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (amount < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was: " + amount + " " + unit);
        }
        return unit.toNanos(amount);
    }

    /**
     * Configures and builds a {@link BatchBuffer}. The batching options are those of
     * {@link BatchOptions} under its strict rules; the setters here forward to
     * {@link BatchOptions.Builder}, which documents and validates them. Setters validate at once and
     * return this. Not thread-safe.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> {

        private final BatchExporter<T> exporter;
        private BatchOptions.Builder options = BatchOptions.builder();
        private Consumer<? super T> completionHook = NO_HOOK;
        private Consumer<? super List<T>> batchCompletionHook; // null: completionHook per item

        private Builder(BatchExporter<T> exporter) {
            this.exporter = exporter;
        }

        /**
         * Replaces every batching option with {@code options}.
         *
         * @param options the options
         * @return this
         * @throws NullPointerException if {@code options} is null
         */
        public Builder<T> setBatchOptions(BatchOptions options) {
            this.options = Objects.requireNonNull(options, "options").toBuilder();
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxQueueSize(int)}.
         *
         * @param maxQueueSize in {@code [1, BatchOptions.MAX_QUEUE_SIZE_LIMIT]}
         * @return this
         */
        public Builder<T> setMaxQueueSize(int maxQueueSize) {
            options.setMaxQueueSize(maxQueueSize);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxExportBatchSize(int)}.
         *
         * @param maxExportBatchSize in {@code [1, maxQueueSize]}, checked by {@link #build()}
         * @return this
         */
        public Builder<T> setMaxExportBatchSize(int maxExportBatchSize) {
            options.setMaxExportBatchSize(maxExportBatchSize);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setScheduleDelay(long, TimeUnit)}.
         *
         * @param delay {@code > 0}
         * @param unit the unit of {@code delay}
         * @return this
         */
        public Builder<T> setScheduleDelay(long delay, TimeUnit unit) {
            options.setScheduleDelay(delay, unit);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setScheduleDelay(Duration)}.
         *
         * @param delay {@code > 0}
         * @return this
         */
        public Builder<T> setScheduleDelay(Duration delay) {
            options.setScheduleDelay(delay);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setExporterTimeout(long, TimeUnit)}.
         *
         * @param timeout {@code > 0}
         * @param unit the unit of {@code timeout}
         * @return this
         */
        public Builder<T> setExporterTimeout(long timeout, TimeUnit unit) {
            options.setExporterTimeout(timeout, unit);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setExporterTimeout(Duration)}.
         *
         * @param timeout {@code > 0}
         * @return this
         */
        public Builder<T> setExporterTimeout(Duration timeout) {
            options.setExporterTimeout(timeout);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setFullQueuePolicy(FullQueuePolicy)}.
         *
         * @param policy the policy
         * @return this
         */
        public Builder<T> setFullQueuePolicy(FullQueuePolicy policy) {
            options.setFullQueuePolicy(policy);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxBlockTime(long, TimeUnit)}.
         *
         * @param maxBlockTime {@code > 0}
         * @param unit the unit of {@code maxBlockTime}
         * @return this
         */
        public Builder<T> setMaxBlockTime(long maxBlockTime, TimeUnit unit) {
            options.setMaxBlockTime(maxBlockTime, unit);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setMaxBlockTime(Duration)}.
         *
         * @param maxBlockTime {@code > 0}
         * @return this
         */
        public Builder<T> setMaxBlockTime(Duration maxBlockTime) {
            options.setMaxBlockTime(maxBlockTime);
            return this;
        }

        /**
         * Forwards to {@link BatchOptions.Builder#setWorkerThreadName(String)}.
         *
         * @param name a non-blank name
         * @return this
         */
        public Builder<T> setWorkerThreadName(String name) {
            options.setWorkerThreadName(name);
            return this;
        }

        /**
         * Sets the hook the worker calls for each item once its export's result is known,
         * success or failure (for example a pool's {@code HandOffReleaser::release}: pooled spans
         * refuse a plain release once submitted). It is not called for abandoned items nor for
         * items whose {@code offer} returned false. It runs on the worker thread,
         * before the item is counted as exported or failed; exceptions are logged and ignored.
         * Default: none.
         *
         * Replaces a hook set by {@link #setBatchCompletionHook(Consumer)}.
         *
         * @param completionHook the hook
         * @return this
         * @throws NullPointerException if {@code completionHook} is null
         */
        public Builder<T> setCompletionHook(Consumer<? super T> completionHook) {
            this.completionHook = Objects.requireNonNull(completionHook, "completionHook");
            this.batchCompletionHook = null;
            return this;
        }

        /**
         * Sets a hook the worker calls once per batch, with all its items in queue order, where
         * {@link #setCompletionHook(Consumer)}'s hook is called per item: for the same items, at
         * the same point, on the worker thread (for example a pool's
         * {@code HandOffReleaser::releaseAll}, one call per exported batch). The list is read-only
         * and valid only during the call; the hook must not keep it. An exception is logged and
         * ignored; the hook is not called again for that batch's items. Replaces a hook set by {@link #setCompletionHook(Consumer)}.
         * Default: none.
         *
         * @param batchCompletionHook the hook
         * @return this
         * @throws NullPointerException if {@code batchCompletionHook} is null
         */
        public Builder<T> setBatchCompletionHook(Consumer<? super List<T>> batchCompletionHook) {
            this.batchCompletionHook = Objects.requireNonNull(batchCompletionHook, "batchCompletionHook");
            this.completionHook = NO_HOOK;
            return this;
        }

        /**
         * Builds the options ({@link BatchOptions.Builder#build()}), then the buffer, and starts
         * its worker thread.
         *
         * @return a new buffer
         * @throws IllegalArgumentException if {@code maxExportBatchSize > maxQueueSize}
         */
        public BatchBuffer<T> build() {
            return new BatchBuffer<>(exporter, completionHook, batchCompletionHook, options.build());
        }
    }
}
