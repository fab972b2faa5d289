package io.lowalloc.core.gc;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Reads how many heap bytes a thread has allocated, through {@link com.sun.management.ThreadMXBean}
 * (precise to the byte, TLAB-aware, on HotSpot): the per-thread counterpart of Go's
 * {@code MemStats.TotalAlloc}. {@link #create()} switches the measurement on if it is supported and
 * off; when unsupported ({@link #isSupported()} false) every read throws
 * {@link UnsupportedOperationException}.
 *
 * <p>Reading one thread's counter does not allocate, so a {@link Measurement} around a region
 * reports exactly what the region allocated; summing over all threads does allocate. Thread-safe;
 * a {@link Measurement} belongs to the thread that started it.
 *
 * <pre>{@code
 * AllocationMeter.Measurement m = AllocationMeter.create().startCurrentThread();
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
     * Creates a meter over this JVM's thread bean, enabling the measurement if supported and off.
     *
     * @return a meter; check {@link #isSupported()} before reading on exotic JVMs
     * @throws SecurityException if a security manager denies enabling the measurement
     */
    public static AllocationMeter create() {
        return new AllocationMeter(ManagementFactory.getThreadMXBean());
    }

    /** {@return whether this JVM can measure per-thread allocated bytes (true on HotSpot)} */
    public boolean isSupported() {
        return threads != null;
    }

    /**
     * {@return the heap bytes the current thread allocated since it started, non-decreasing} Does
     * not allocate.
     *
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public long currentThreadAllocatedBytes() {
        return supported().getCurrentThreadAllocatedBytes();
    }

    /**
     * Returns the heap bytes {@code thread} allocated since it started. Does not allocate.
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
     * Returns the heap bytes allocated by all <em>live</em> threads: JDK 17 has no total that
     * includes terminated threads, so the sum can decrease between calls. Allocates two arrays
     * sized by the live thread count on the calling thread, which the sum then includes.
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
     * Starts measuring the current thread. Allocates the result: call it before the measured
     * region and reuse it with {@link Measurement#restart()}.
     *
     * @return a measurement bound to the current thread
     * @throws UnsupportedOperationException if {@link #isSupported()} is {@code false}
     */
    public Measurement startCurrentThread() {
        return new Measurement(supported(), Thread.currentThread());
    }

    /**
     * Runs {@code op} {@code warmupOps} times for the JIT, then measures rounds of
     * {@code measuredOps} runs on the current thread and returns the least bytes per operation
     * over up to {@value #MEASURED_ROUNDS} rounds (a round of 0 ends early): a one-off JIT event
     * (an on-stack replacement or recompilation) inside one round is not charged, a steady
     * allocation shows in every round. {@code op} gets the iteration index; its results feed a
     * sink so the work cannot be dropped. The harness allocates nothing, so pass an {@code op}
     * built beforehand.
     *
     * @param warmupOps unmeasured iterations first, {@code >= 0}
     * @param measuredOps measured iterations per round, {@code > 0}
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

    // Volatile so the JIT must compute the loop results; read by nobody.
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
         * Returns the bytes the owning thread allocated since the start or last restart.
         *
         * @return allocated bytes since the start point, {@code >= 0}
         * @throws IllegalStateException if called on another thread than the one that started it
         */
        public long bytesSinceStart() {
            return read() - startBytes;
        }

        /**
         * Moves the start point to now.
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
