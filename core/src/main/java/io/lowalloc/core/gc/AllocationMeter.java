package io.lowalloc.core.gc;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Reads how many bytes of heap a thread has allocated, using
 * {@link com.sun.management.ThreadMXBean} — the per-thread counterpart of Go's
 * {@code MemStats.TotalAlloc}, precise to the byte (TLAB-aware) on HotSpot.
 *
 * <p>Reading the current thread's counter ({@link #currentThreadAllocatedBytes()},
 * {@link Measurement#bytesSinceStart()}) does not allocate, so a measurement around a region reports
 * exactly what the region allocated; {@code AllocationMeterTest} verifies this. Reading another
 * thread's counter does not allocate either; summing over all threads does (see
 * {@link #allThreadsAllocatedBytes()}).
 *
 * <p>{@link #create()} switches thread allocated-memory measurement on if the JVM supports it and
 * it is off (it is on by default in HotSpot). When unsupported ({@link #isSupported()} is
 * {@code false}) every read throws {@link UnsupportedOperationException}.
 *
 * <p>Thread-safe and stateless apart from the bean; a {@link Measurement} belongs to one thread.
 *
 * <pre>{@code
 * AllocationMeter meter = AllocationMeter.create();
 * AllocationMeter.Measurement m = meter.startCurrentThread(); // allocated before the region
 * region();
 * long bytes = m.bytesSinceStart();
 * }</pre>
 */
public final class AllocationMeter {

    /** How many times {@link #bytesPerOp} measures at most: {@value}. */
    public static final int MEASURED_ROUNDS = 3;

    private static final String UNSUPPORTED =
            "thread allocated memory measurement is not supported by this JVM";

    private static final long WARMUP_CHUNK = 100;

    private final com.sun.management.ThreadMXBean threads;

    AllocationMeter(java.lang.management.ThreadMXBean bean) {
        Objects.requireNonNull(bean, "bean");
        com.sun.management.ThreadMXBean ext = bean instanceof com.sun.management.ThreadMXBean
                ? (com.sun.management.ThreadMXBean) bean : null;
        if (ext != null && ext.isThreadAllocatedMemorySupported() && !ext.isThreadAllocatedMemoryEnabled()) {
            ext.setThreadAllocatedMemoryEnabled(true);
        }
        this.threads = ext != null && ext.isThreadAllocatedMemorySupported() ? ext : null;
    }

    /**
     * Creates a meter over this JVM's thread bean, enabling allocated-memory measurement if it is
     * supported and disabled.
     *
     * @return a meter; check {@link #isSupported()} before reading on exotic JVMs
     * @throws SecurityException if a security manager denies enabling the measurement
     */
    public static AllocationMeter create() {
        return new AllocationMeter(ManagementFactory.getThreadMXBean());
    }

    /**
     * Returns whether this JVM can measure per-thread allocated bytes (true on HotSpot).
     *
     * @return {@code true} if the reads work
     */
    public boolean isSupported() {
        return threads != null;
    }

    /**
     * Returns the total bytes allocated on the heap by the current thread since it started.
     * Does not allocate.
     *
     * @return allocated bytes, monotonically non-decreasing for a thread
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public long currentThreadAllocatedBytes() {
        return supported().getCurrentThreadAllocatedBytes();
    }

    /**
     * Returns the total bytes allocated on the heap by the given thread since it started.
     * Does not allocate.
     *
     * @param thread the thread to read
     * @return allocated bytes, or -1 if the thread is not alive (not started or terminated)
     * @throws NullPointerException if {@code thread} is null
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public long threadAllocatedBytes(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        return supported().getThreadAllocatedBytes(thread.getId());
    }

    /**
     * Returns the bytes allocated by all <em>live</em> threads, summed over
     * {@code ThreadMXBean.getThreadAllocatedBytes(long[])}. On JDK 17 there is no total that
     * includes terminated threads, so the bytes of threads that died are not included and the sum
     * can decrease between two calls. Allocates the id and result arrays (a few bytes per live
     * thread) on the calling thread, which the sum then includes.
     *
     * @return bytes allocated by the live threads
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public long allThreadsAllocatedBytes() {
        com.sun.management.ThreadMXBean bean = supported();
        long[] bytes = bean.getThreadAllocatedBytes(bean.getAllThreadIds());
        long sum = 0;
        for (long b : bytes) {
            if (b > 0) { // -1: the thread ended between the two calls
                sum += b;
            }
        }
        return sum;
    }

    /**
     * Starts a measurement of the current thread's allocation. Allocates the returned object — call it
     * before the measured region, then reuse it with {@link Measurement#restart()}.
     *
     * @return a measurement bound to the current thread
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public Measurement startCurrentThread() {
        return new Measurement(supported(), Thread.currentThread());
    }

    /**
     * Runs {@code op} {@code warmupOps} times (to let the JIT compile it, and its escape analysis
     * remove what it can), then measures {@code measuredOps} runs on the current thread, and returns
     * the bytes the current thread allocated per measured operation. The operation receives the
     * iteration index and returns a value that is folded into a sink so the JIT cannot drop the work.
     * The harness does not allocate: pass an operation built beforehand (a non-capturing lambda, or
     * one capturing only what was allocated before the call).
     *
     * <p>The measurement is repeated up to {@value #MEASURED_ROUNDS} times and the least result is
     * returned (a round of 0 ends it early): a one-off JIT transition that happens to fall into a
     * round — an on-stack replacement or a recompilation, which can allocate a few hundred bytes — is
     * not charged to the operation, while a steady allocation shows in every round.
     *
     * @param warmupOps unmeasured iterations first, >= 0
     * @param measuredOps measured iterations per round, > 0
     * @param op the operation under test
     * @return bytes allocated per measured operation; 0.0 means none at all in a round
     * @throws IllegalArgumentException if a count is out of range
     * @throws NullPointerException if {@code op} is null
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public double bytesPerOp(long warmupOps, long measuredOps, LongUnaryOperator op) {
        if (warmupOps < 0) {
            throw new IllegalArgumentException("warmupOps must be >= 0, was: " + warmupOps);
        }
        if (measuredOps <= 0) {
            throw new IllegalArgumentException("measuredOps must be > 0, was: " + measuredOps);
        }
        Objects.requireNonNull(op, "op");
        com.sun.management.ThreadMXBean bean = supported();
        long sink = 0;
        // Many short calls, not one long one: the harness loop itself then gets a regular JIT
        // compilation, not only an on-stack-replacement one, before the measured call enters it.
        for (long done = 0; done < warmupOps; done += WARMUP_CHUNK) {
            sink = run(op, Math.min(WARMUP_CHUNK, warmupOps - done), sink);
        }
        bean.getCurrentThreadAllocatedBytes(); // first read outside the region: nothing lazy left inside
        long least = Long.MAX_VALUE;
        for (int round = 0; round < MEASURED_ROUNDS && least > 0; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            sink = run(op, measuredOps, sink);
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        Sink.value = sink;
        return (double) least / measuredOps;
    }

    private static long run(LongUnaryOperator op, long ops, long seed) {
        long sink = seed;
        for (long i = 0; i < ops; i++) {
            sink += op.applyAsLong(i);
        }
        return sink;
    }

    private com.sun.management.ThreadMXBean supported() {
        if (threads == null) {
            throw new UnsupportedOperationException(UNSUPPORTED);
        }
        return threads;
    }

    /** Publishes loop results so the JIT must compute them; read by nobody. */
    private static final class Sink {
        static volatile long value;
    }

    /**
     * Bytes allocated by one thread since a start point. Not thread-safe: use it on the thread that
     * started it. Reading and restarting do not allocate.
     */
    public static final class Measurement {

        private final com.sun.management.ThreadMXBean threads;
        private final Thread owner;
        private long startBytes;

        Measurement(com.sun.management.ThreadMXBean threads, Thread owner) {
            this.threads = threads;
            this.owner = owner;
            restart();
        }

        /**
         * Returns the bytes the owning thread allocated since this measurement started or was
         * last restarted. Does not allocate.
         *
         * @return allocated bytes since the start point, >= 0
         * @throws IllegalStateException if called on another thread than the one that started it
         */
        public long bytesSinceStart() {
            return read() - startBytes;
        }

        /**
         * Moves the start point to now, so the measurement can be reused without allocating.
         *
         * @return this measurement
         * @throws IllegalStateException if called on another thread than the one that started it
         */
        public Measurement restart() {
            startBytes = read();
            return this;
        }

        private long read() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("measurement belongs to thread '" + owner.getName()
                        + "', read on thread '" + Thread.currentThread().getName() + "'");
            }
            return threads.getCurrentThreadAllocatedBytes();
        }
    }
}
