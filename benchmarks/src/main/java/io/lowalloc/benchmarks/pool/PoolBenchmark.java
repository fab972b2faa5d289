package io.lowalloc.benchmarks.pool;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.pool.ObjectPool;
import io.netty.util.Recycler;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import stormpot.Pool;
import stormpot.Timeout;

/**
 * Table 1, single thread: one acquire, a few writes, the object escaping into a {@link Blackhole}
 * (so that plain allocation cannot be scalar-replaced), then release — per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PoolBenchmark extends StandardRun {

    private static final int POOL_SIZE = 64;

    /** Length of each payload's {@code long[]} buffer: 8 longs (~104 B object + array) or 64 (~550 B). */
    @Param({"8", "64"})
    public int payloadLongs;

    private ObjectPool<CorePayload> objectPool;
    private Recycler<NettyPayload> recycler;
    private GenericObjectPool<CommonsPayload> commonsPool;
    private Pool<StormpotPayload> stormpotPool;
    private Timeout timeout;
    private long counter;

    /**
     * Builds and prefills every pool.
     *
     * @throws Exception if a pool fails to fill
     */
    @Setup
    public void setUp() throws Exception {
        int n = payloadLongs;
        objectPool = ObjectPool.builder(() -> new CorePayload(n)).capacity(POOL_SIZE).build();
        objectPool.prefill(POOL_SIZE);
        recycler = NettyPayload.recycler(n, POOL_SIZE);
        commonsPool = CommonsPayload.pool(n, POOL_SIZE);
        stormpotPool = StormpotPayload.pool(n, POOL_SIZE);
        timeout = new Timeout(10, TimeUnit.SECONDS);
    }

    /**
     * Shuts the pools down.
     *
     * @throws InterruptedException if interrupted while Stormpot shuts down
     */
    @TearDown
    public void tearDown() throws InterruptedException {
        commonsPool.close();
        stormpotPool.shutdown().await(timeout);
    }

    /**
     * Baseline: a new object per operation.
     *
     * @param bh where the object escapes
     */
    @Benchmark
    public void plainAllocation(Blackhole bh) {
        bh.consume(new PlainPayload(payloadLongs).fill(counter++));
    }

    /**
     * lowalloc {@code ObjectPool}: acquire, write, release (which resets).
     *
     * @param bh where the object escapes
     */
    @Benchmark
    public void objectPool(Blackhole bh) {
        CorePayload p = objectPool.acquire();
        bh.consume(p.fill(counter++));
        objectPool.release(p);
    }

    /**
     * Netty 4.2 {@code Recycler}: get, write, recycle.
     *
     * @param bh where the object escapes
     */
    @Benchmark
    public void nettyRecycler(Blackhole bh) {
        NettyPayload p = recycler.get();
        bh.consume(p.fill(counter++));
        p.recycle();
    }

    /**
     * commons-pool2 {@code GenericObjectPool}: borrow, write, return.
     *
     * @param bh where the object escapes
     * @throws Exception if the pool fails
     */
    @Benchmark
    public void commonsPool2(Blackhole bh) throws Exception {
        CommonsPayload p = commonsPool.borrowObject();
        bh.consume(p.fill(counter++));
        commonsPool.returnObject(p);
    }

    /**
     * Stormpot: claim, write, release.
     *
     * @param bh where the object escapes
     * @throws InterruptedException if interrupted while claiming
     */
    @Benchmark
    public void stormpot(Blackhole bh) throws InterruptedException {
        StormpotPayload p = stormpotPool.claim(timeout);
        bh.consume(p.fill(counter++));
        p.release();
    }
}
