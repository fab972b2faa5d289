package io.lowalloc.core.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The state shared by offering threads and the export worker: a JCTools {@link MpscAtomicArrayQueue}
 * bounded to an exact capacity, item sequence numbers, arrival stamps and the batch wake-up. The
 * atomic variant of JCTools' queue works through field updaters instead of {@code sun.misc.Unsafe},
 * which JDK 24+ warns about and later JDKs refuse.
 *
 * <p><b>Exact bound.</b> JCTools rounds capacities up to a power of two, so the queue itself could
 * hold up to twice {@code capacity} items. A producer therefore first <em>reserves</em> a place by
 * compare-and-setting the reservation word from {@code r} to {@code r + 1}, but only while
 * {@code r - taken < capacity} ({@code taken} = items the worker has removed). Reservations never
 * exceed the capacity, hence the JCTools offer that follows always finds a slot. The same single
 * CAS gives each item its sequence number {@code r}, its depth {@code r - taken} (for the wake-up
 * and arrival stamps) and, through the sign bit, an atomic "closed" check: once the bit is set no
 * reservation can succeed, so the worker knows exactly how many items it must still drain.
 * ({@code MpscAtomicArrayQueue.offerIfBelowThreshold} also bounds exactly but returns neither the
 * sequence nor a way to close atomically.)
 *
 * <p><b>Arrival stamps.</b> Reading the clock on every offer would cost more than the offer, so
 * only items whose depth is a multiple of {@code batchSize} stamp their arrival: the item that
 * finds the queue empty, and the item that starts each further batch-sized run. The worker always
 * takes either everything visible or exactly one batch, so the oldest waiting item is one of the
 * stamped ones (except in a rare race, where the worker uses the time it first saw the item).
 *
 * <p><b>Wake-up.</b> The worker publishes {@code waiting = 1} before it parks; the producer whose
 * item completes a batch (depth + 1 &ge; batchSize) clears the flag with a CAS and unparks it: one
 * unpark per batch, none while the worker is busy. The flag write and the reservation CAS form a
 * Dekker pair (both sequentially consistent): either the worker sees the new reservation and does
 * not park, or the producer sees the flag and unparks.
 *
 * @param <T> the item type
 */
final class BatchQueue<T> {

    /** {@link #offer(Object)} result: the item is queued. */
    static final int ACCEPTED = 0;
    /** {@link #offer(Object)} result: the queue holds {@code capacity} items. */
    static final int FULL = 1;
    /** {@link #offer(Object)} result: the queue was closed. */
    static final int CLOSED = 2;

    private static final long CLOSED_BIT = Long.MIN_VALUE;
    // Bounded wait for an item whose producer has reserved its place but not yet put it into
    // the JCTools queue (a few instructions, unless that thread was descheduled).
    private static final int DRAIN_SPINS = 128;
    private static final long DRAIN_MAX_WAIT_NANOS = 10_000_000L;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle WAITING;

    static {
        try {
            WAITING = MethodHandles.lookup().findVarHandle(BatchQueue.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int batchSize;
    private final MpscAtomicArrayQueue<T> queue;
    // count of reservations ever made | CLOSED_BIT; written only by CAS (volatile).
    private final PaddedSequence reserved = new PaddedSequence();
    // Items removed by the worker. Single writer (the worker), published with lazySet (a release
    // store): producers only need a value that never runs ahead of the JCTools consumer index,
    // and a slightly stale one merely makes the bound more conservative for a moment.
    private final AtomicLong taken = new AtomicLong();
    private long consumerTaken; // worker-only mirror of taken
    // Arrival stamps indexed by sequence & stampMask. The ring is at least capacity long, so a
    // slot is reused only by sequence s + ring, whose reservation needs taken > s: the worker has
    // already moved past s. stampSeq says which sequence a slot's time belongs to.
    private final long[] stampSeq;
    private final long[] stampNanos;
    private final int stampMask;
    private volatile int waiting; // accessed through WAITING
    // Written by the worker before its volatile write of waiting; read by a producer only after
    // it read waiting == 1, so the volatile pair orders it.
    private Thread consumer;

    BatchQueue(int capacity, int batchSize) {
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.queue = new MpscAtomicArrayQueue<>(Math.max(2, capacity));
        int ring = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
        this.stampSeq = new long[ring];
        this.stampNanos = new long[ring];
        this.stampMask = ring - 1;
        Arrays.fill(stampSeq, -1L);
        linkCallSites();
    }

    /**
     * Runs every VarHandle call site of the offer path once, harmlessly. The JVM links a
     * signature-polymorphic call site on its first execution and that allocates (a few KB, once);
     * without this, a site on a rare branch (the wake-up CAS) could be linked on some offer long
     * after warm-up, breaking the steady-state zero-allocation contract.
     */
    private void linkCallSites() {
        stamp(0, -1L, System.nanoTime()); // slot 0 already says "no sequence": stays valid
        wakeConsumer();                   // waiting == 0: the CAS fails, nothing is unparked
        arrivalNanos(0L, 0L);
    }

    /**
     * Queues an item if there is room and the queue is open; allocation-free, lock-free.
     *
     * @param item the item, non-null
     * @return {@link #ACCEPTED}, {@link #FULL} or {@link #CLOSED}
     */
    int offer(T item) {
        for (;;) {
            long word = reserved.get();
            if (word < 0) {
                return CLOSED;
            }
            // Read after word: if the CAS below succeeds, word was still current when taken was
            // read, so 0 <= depth; a stale taken only overestimates depth.
            long depth = word - taken.get();
            if (depth >= capacity) {
                return FULL;
            }
            if (reserved.compareAndSet(word, word + 1)) {
                publish(item, word, (int) depth);
                return ACCEPTED;
            }
        }
    }

    private void publish(T item, long sequence, int depth) {
        if (depth % batchSize == 0) {
            stamp((int) sequence & stampMask, sequence, System.nanoTime());
        }
        if (!queue.offer(item)) {
            // Unreachable: reservations never exceed capacity <= the JCTools capacity.
            throw new IllegalStateException("queue refused a reserved item, capacity " + capacity);
        }
        if (depth + 1 >= batchSize && waiting != 0) {
            wakeConsumer();
        }
    }

    private void stamp(int slot, long sequence, long nanos) {
        stampNanos[slot] = nanos;
        // Release: the worker reads stampSeq with acquire, then stampNanos.
        LONGS.setRelease(stampSeq, slot, sequence);
    }

    private void wakeConsumer() {
        // The CAS lets exactly one of the producers that see the flag unpark the worker.
        if (WAITING.compareAndSet(this, 1, 0)) {
            LockSupport.unpark(consumer);
        }
    }

    /**
     * Closes the queue: every later {@link #offer(Object)} returns {@link #CLOSED}.
     *
     * @return true if this call closed it, false if it was already closed
     */
    boolean close() {
        for (;;) {
            long word = reserved.get();
            if (word < 0) {
                return false;
            }
            if (reserved.compareAndSet(word, word | CLOSED_BIT)) {
                return true;
            }
        }
    }

    /**
     * Reads the reservation word once, so that count and closed flag are consistent.
     *
     * @return the word; decode with {@link #count(long)} and {@link #isClosed(long)}
     */
    long state() {
        return reserved.get();
    }

    static long count(long state) {
        return state & ~CLOSED_BIT;
    }

    static boolean isClosed(long state) {
        return state < 0;
    }

    /**
     * Items removed so far; any thread.
     *
     * @return the count
     */
    long taken() {
        return taken.get();
    }

    /**
     * Items removed so far; worker thread only (no volatile read).
     *
     * @return the count
     */
    long consumerTaken() {
        return consumerTaken;
    }

    /**
     * Moves up to {@code max} items into {@code sink}; worker thread only. The caller passes
     * {@code max <= count(state()) - consumerTaken()}: every one of them is reserved, so an item
     * not yet visible is about to be; it is waited for briefly.
     *
     * @param sink where to add the items (must have room: no growth, no allocation)
     * @param max how many to move
     * @return how many were moved
     */
    int drainTo(List<T> sink, int max) {
        int moved = 0;
        int misses = 0;
        long waitStart = 0L;
        while (moved < max) {
            T item = queue.relaxedPoll();
            if (item != null) {
                sink.add(item);
                moved++;
                misses = 0;
                continue;
            }
            if (++misses <= DRAIN_SPINS) {
                Thread.onSpinWait();
            } else if (misses == DRAIN_SPINS + 1) {
                waitStart = System.nanoTime();
                Thread.yield();
            } else if (System.nanoTime() - waitStart < DRAIN_MAX_WAIT_NANOS) {
                Thread.yield();
            } else {
                break;
            }
        }
        consumerTaken += moved;
        taken.lazySet(consumerTaken);
        return moved;
    }

    /**
     * Arrival time of the item with the given sequence number; worker thread only, and only for
     * the oldest waiting item ({@code sequence == consumerTaken()}).
     *
     * @param sequence the item's sequence number
     * @param unknown returned when that item carries no stamp
     * @return its {@link System#nanoTime()} at offer, or {@code unknown}
     */
    long arrivalNanos(long sequence, long unknown) {
        int slot = (int) sequence & stampMask;
        if ((long) LONGS.getAcquire(stampSeq, slot) == sequence) {
            return stampNanos[slot];
        }
        return unknown;
    }

    /**
     * Parks the worker for up to {@code nanos} unless a batch's worth of items is already waiting
     * or the queue is closed. Returns early when a producer completes a batch, or on any unpark
     * (flush, close) or spurious wake-up; the caller re-checks its conditions.
     *
     * @param nanos the longest wait
     */
    void awaitWork(long nanos) {
        if (announceWaiting()) {
            LockSupport.parkNanos(this, nanos);
        }
        // Opaque is enough: a producer that still sees 1 merely unparks a running worker once.
        WAITING.setOpaque(this, 0);
    }

    /**
     * The worker's half of the wake-up Dekker pair: publishes {@code waiting = 1}, then reads the
     * reservation word; worker thread only. Separate from {@link #awaitWork(long)} so that the
     * jcstress tests (module {@code lowalloc-jcstress}) can observe the decision without parking.
     *
     * @return true if the worker may park: the queue is open and holds less than a batch
     */
    boolean announceWaiting() {
        consumer = Thread.currentThread();
        WAITING.setVolatile(this, 1);
        long word = reserved.get();
        return word >= 0 && word - consumerTaken < batchSize;
    }
}
