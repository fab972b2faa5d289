package io.lowalloc.benchmarks.pool;

import io.lowalloc.benchmarks.StandardRun;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of leaving {@code sun.misc.Unsafe}: JCTools' {@code sun.misc.Unsafe} queues against
 * their atomic (field-updater) variants, which the pool ({@code MpmcAtomicArrayQueue}) and the
 * batch queue ({@code MpscAtomicArrayQueue}) use. Single thread; one operation is a burst of
 * {@code burst} offers followed by as many polls (16: the pool moves half a magazine at a time).
 * This is the only place in the project that still loads the Unsafe variants.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class QueueVariantBenchmark extends StandardRun {

    private static final int CAPACITY = 1024;

    /** Offers, then polls, per invocation. */
    @Param({"1", "16"})
    public int burst;

    private final Object item = new Object();
    private MessagePassingQueue<Object> mpmcUnsafe;
    private MessagePassingQueue<Object> mpmcAtomic;
    private MessagePassingQueue<Object> mpscUnsafe;
    private MessagePassingQueue<Object> mpscAtomic;

    /** Builds the queues. */
    @Setup
    public void setUp() {
        mpmcUnsafe = new MpmcArrayQueue<>(CAPACITY);
        mpmcAtomic = new MpmcAtomicArrayQueue<>(CAPACITY);
        mpscUnsafe = new MpscArrayQueue<>(CAPACITY);
        mpscAtomic = new MpscAtomicArrayQueue<>(CAPACITY);
    }

    /**
     * {@code MpmcArrayQueue} (Unsafe).
     *
     * @return the last item polled
     */
    @Benchmark
    public Object mpmcUnsafe() {
        return cycle(mpmcUnsafe);
    }

    /**
     * {@code MpmcAtomicArrayQueue}.
     *
     * @return the last item polled
     */
    @Benchmark
    public Object mpmcAtomic() {
        return cycle(mpmcAtomic);
    }

    /**
     * {@code MpscArrayQueue} (Unsafe).
     *
     * @return the last item polled
     */
    @Benchmark
    public Object mpscUnsafe() {
        return cycle(mpscUnsafe);
    }

    /**
     * {@code MpscAtomicArrayQueue}.
     *
     * @return the last item polled
     */
    @Benchmark
    public Object mpscAtomic() {
        return cycle(mpscAtomic);
    }

    private Object cycle(MessagePassingQueue<Object> queue) {
        for (int i = 0; i < burst; i++) {
            queue.relaxedOffer(item);
        }
        Object last = null;
        for (int i = 0; i < burst; i++) {
            last = queue.relaxedPoll();
        }
        return last;
    }
}
