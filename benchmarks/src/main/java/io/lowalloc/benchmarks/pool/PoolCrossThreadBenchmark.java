package io.lowalloc.benchmarks.pool;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.pool.ObjectPool;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;
import stormpot.Pool;
import stormpot.Timeout;

/**
 * Table 1, across threads: one thread acquires and writes an object and passes it through a
 * single-producer single-consumer queue ({@link SpscAtomicArrayQueue}, allocation-free) to a second
 * thread, which reads it and releases it to the pool. Each pool is one JMH group of two threads.
 *
 * <p>The group's score is the sum of both methods' operations; one hand-off is one {@code acquire}
 * operation plus one {@code release} operation, so hand-offs per second are the {@code acquire}
 * sub-score and bytes per hand-off are twice {@code gc.alloc.rate.norm} (which divides all threads'
 * allocation by all operations).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolCrossThreadBenchmark extends StandardRun {

    /** Capacity of the hand-off queue; every pool holds more than this, so none runs dry. */
    static final int QUEUE_CAPACITY = 256;
    /** Capacity of every pool: the queue plus room for the objects in both threads' hands. */
    static final int POOL_SIZE = 2 * QUEUE_CAPACITY;

    /** The payload size, shared by every group; see {@link PoolBenchmark#payloadLongs}. */
    @State(Scope.Benchmark)
    public static class Size {
        /** Length of each payload's {@code long[]} buffer. */
        @Param({"8", "64"})
        public int payloadLongs;
    }

    /** Plain allocation: the releasing thread drops the object. */
    @State(Scope.Group)
    public static class PlainState {
        final SpscAtomicArrayQueue<PlainPayload> queue = new SpscAtomicArrayQueue<>(QUEUE_CAPACITY);
        int payloadLongs;
        long counter;

        /**
         * Reads the size.
         *
         * @param size the size parameter
         */
        @Setup
        public void setUp(Size size) {
            payloadLongs = size.payloadLongs;
        }
    }

    /** lowalloc {@code ObjectPool}. */
    @State(Scope.Group)
    public static class ObjectPoolState {
        final SpscAtomicArrayQueue<CorePayload> queue = new SpscAtomicArrayQueue<>(QUEUE_CAPACITY);
        ObjectPool<CorePayload> pool;
        long counter;

        /**
         * Builds and prefills the pool.
         *
         * @param size the size parameter
         */
        @Setup
        public void setUp(Size size) {
            int n = size.payloadLongs;
            pool = ObjectPool.builder(() -> new CorePayload(n)).capacity(POOL_SIZE).build();
            pool.prefill(POOL_SIZE);
        }

        /** Returns what is left in the queue to the pool. */
        @TearDown
        public void tearDown() {
            CorePayload p;
            while ((p = queue.poll()) != null) {
                pool.release(p);
            }
        }
    }

    /** Netty {@code Recycler}: recycling from the second thread goes back to the first thread's stack. */
    @State(Scope.Group)
    public static class RecyclerState {
        final SpscAtomicArrayQueue<NettyPayload> queue = new SpscAtomicArrayQueue<>(QUEUE_CAPACITY);
        Recycler<NettyPayload> recycler;
        long counter;

        /**
         * Builds the recycler.
         *
         * @param size the size parameter
         */
        @Setup
        public void setUp(Size size) {
            recycler = NettyPayload.recycler(size.payloadLongs, POOL_SIZE);
        }
    }

    /** commons-pool2 {@code GenericObjectPool}. */
    @State(Scope.Group)
    public static class CommonsState {
        final SpscAtomicArrayQueue<CommonsPayload> queue = new SpscAtomicArrayQueue<>(QUEUE_CAPACITY);
        GenericObjectPool<CommonsPayload> pool;
        long counter;

        /**
         * Builds and prefills the pool.
         *
         * @param size the size parameter
         * @throws Exception if prefilling fails
         */
        @Setup
        public void setUp(Size size) throws Exception {
            pool = CommonsPayload.pool(size.payloadLongs, POOL_SIZE);
        }

        /** Returns what is left in the queue, then closes the pool. */
        @TearDown
        public void tearDown() {
            CommonsPayload p;
            while ((p = queue.poll()) != null) {
                pool.returnObject(p);
            }
            pool.close();
        }
    }

    /** Stormpot. */
    @State(Scope.Group)
    public static class StormpotState {
        final SpscAtomicArrayQueue<StormpotPayload> queue = new SpscAtomicArrayQueue<>(QUEUE_CAPACITY);
        final Timeout timeout = new Timeout(10, TimeUnit.SECONDS);
        Pool<StormpotPayload> pool;
        long counter;

        /**
         * Builds the pool.
         *
         * @param size the size parameter
         */
        @Setup
        public void setUp(Size size) {
            pool = StormpotPayload.pool(size.payloadLongs, POOL_SIZE);
        }

        /**
         * Releases what is left in the queue, then shuts the pool down.
         *
         * @throws InterruptedException if interrupted while shutting down
         */
        @TearDown
        public void tearDown() throws InterruptedException {
            StormpotPayload p;
            while ((p = queue.poll()) != null) {
                p.release();
            }
            pool.shutdown().await(timeout);
        }
    }

    /**
     * Plain allocation, producing side.
     *
     * @param s the group state
     * @param control JMH's control, to stop spinning when the iteration ends
     */
    @Benchmark
    @Group("plainAllocation")
    @GroupThreads(1)
    public void plainAcquire(PlainState s, Control control) {
        Handoff.offer(s.queue, (PlainPayload) new PlainPayload(s.payloadLongs).fill(s.counter++), control);
    }

    /**
     * Plain allocation, consuming side.
     *
     * @param s the group state
     * @param control JMH's control
     * @param bh sink for what was read
     */
    @Benchmark
    @Group("plainAllocation")
    @GroupThreads(1)
    public void plainRelease(PlainState s, Control control, Blackhole bh) {
        PlainPayload p = Handoff.poll(s.queue, control);
        if (p != null) {
            bh.consume(p.read());
        }
    }

    /**
     * {@code ObjectPool}, acquiring side.
     *
     * @param s the group state
     * @param control JMH's control
     */
    @Benchmark
    @Group("objectPool")
    @GroupThreads(1)
    public void objectPoolAcquire(ObjectPoolState s, Control control) {
        CorePayload p = s.pool.acquire();
        p.fill(s.counter++);
        if (!Handoff.offer(s.queue, p, control)) {
            s.pool.release(p);
        }
    }

    /**
     * {@code ObjectPool}, releasing side.
     *
     * @param s the group state
     * @param control JMH's control
     * @param bh sink for what was read
     */
    @Benchmark
    @Group("objectPool")
    @GroupThreads(1)
    public void objectPoolRelease(ObjectPoolState s, Control control, Blackhole bh) {
        CorePayload p = Handoff.poll(s.queue, control);
        if (p != null) {
            bh.consume(p.read());
            s.pool.release(p);
        }
    }

    /**
     * Netty {@code Recycler}, acquiring side.
     *
     * @param s the group state
     * @param control JMH's control
     */
    @Benchmark
    @Group("nettyRecycler")
    @GroupThreads(1)
    public void nettyRecyclerAcquire(RecyclerState s, Control control) {
        NettyPayload p = s.recycler.get();
        p.fill(s.counter++);
        if (!Handoff.offer(s.queue, p, control)) {
            p.recycle();
        }
    }

    /**
     * Netty {@code Recycler}, recycling side.
     *
     * @param s the group state
     * @param control JMH's control
     * @param bh sink for what was read
     */
    @Benchmark
    @Group("nettyRecycler")
    @GroupThreads(1)
    public void nettyRecyclerRelease(RecyclerState s, Control control, Blackhole bh) {
        NettyPayload p = Handoff.poll(s.queue, control);
        if (p != null) {
            bh.consume(p.read());
            p.recycle();
        }
    }

    /**
     * commons-pool2, borrowing side.
     *
     * @param s the group state
     * @param control JMH's control
     * @throws Exception if the pool fails
     */
    @Benchmark
    @Group("commonsPool2")
    @GroupThreads(1)
    public void commonsPool2Acquire(CommonsState s, Control control) throws Exception {
        CommonsPayload p = s.pool.borrowObject();
        p.fill(s.counter++);
        if (!Handoff.offer(s.queue, p, control)) {
            s.pool.returnObject(p);
        }
    }

    /**
     * commons-pool2, returning side.
     *
     * @param s the group state
     * @param control JMH's control
     * @param bh sink for what was read
     */
    @Benchmark
    @Group("commonsPool2")
    @GroupThreads(1)
    public void commonsPool2Release(CommonsState s, Control control, Blackhole bh) {
        CommonsPayload p = Handoff.poll(s.queue, control);
        if (p != null) {
            bh.consume(p.read());
            s.pool.returnObject(p);
        }
    }

    /**
     * Stormpot, claiming side.
     *
     * @param s the group state
     * @param control JMH's control
     * @throws InterruptedException if interrupted while claiming
     */
    @Benchmark
    @Group("stormpot")
    @GroupThreads(1)
    public void stormpotAcquire(StormpotState s, Control control) throws InterruptedException {
        StormpotPayload p = s.pool.claim(s.timeout);
        p.fill(s.counter++);
        if (!Handoff.offer(s.queue, p, control)) {
            p.release();
        }
    }

    /**
     * Stormpot, releasing side.
     *
     * @param s the group state
     * @param control JMH's control
     * @param bh sink for what was read
     */
    @Benchmark
    @Group("stormpot")
    @GroupThreads(1)
    public void stormpotRelease(StormpotState s, Control control, Blackhole bh) {
        StormpotPayload p = Handoff.poll(s.queue, control);
        if (p != null) {
            bh.consume(p.read());
            p.release();
        }
    }
}
