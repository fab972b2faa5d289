package io.lowalloc.examples;

import io.lowalloc.core.attr.AttributeStore;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.pool.ObjectPool;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Scenario 2, "Memory Preallocation Demo": appends {@value #ATTRIBUTES} attributes into an
 * {@link AttributeStore} that starts empty and grows (doubling, like a Go slice made with
 * {@code make(..., 0)}) and into one preallocated for them (like {@code make(..., 0, 100)}), and
 * compares the bytes each allocates, store included ({@link AllocationMeter}, best of
 * {@value LoopMeter#ROUNDS} rounds after warm-up). Then it reuses a pooled {@link AttributeBuffer}
 * configured for {@value #ATTRIBUTES} attributes and shows that refilling it neither grows it nor
 * allocates.
 *
 * <p>Not thread-safe; run it on one thread.
 */
public final class PreallocationDemo {

    /** Attributes appended per fill: {@value}, as in the Go example. */
    public static final int ATTRIBUTES = 100;

    /** Warm-up fills before each side is measured: {@value}. */
    static final int WARMUP_OPS = 3_000;

    /** Fills per measured round: {@value}; the figures printed are per fill. */
    static final int FILLS_PER_ROUND = 100;

    private PreallocationDemo() {
    }

    /**
     * The measured figures of one run.
     *
     * @param attributes attributes appended per fill
     * @param growingBytes bytes one fill allocates when the store starts empty and grows
     * @param preallocatedBytes bytes one fill allocates when the store is preallocated
     * @param pooledReuses how many times the pooled buffer was acquired, refilled and released
     *     while measured
     * @param pooledReuseBytes bytes allocated by all those reuses together
     * @param pooledAttributes attributes the pooled buffer held when filled
     * @param pooledCapacityBefore the pooled buffer's storage capacity before the reuses
     * @param pooledCapacityAfter the pooled buffer's storage capacity after them
     */
    public record Result(int attributes, long growingBytes, long preallocatedBytes, int pooledReuses,
            long pooledReuseBytes, int pooledAttributes, int pooledCapacityBefore, int pooledCapacityAfter) {
    }

    /**
     * Runs the scenario and prints its section.
     *
     * @param quick whether to reuse the pooled buffer fewer times
     * @param out where the section is printed
     * @return the measured figures
     * @throws NullPointerException if {@code out} is null
     */
    public static Result run(boolean quick, PrintStream out) {
        Objects.requireNonNull(out, "out");
        out.println();
        out.println("--- Memory Preallocation Demo ---");
        String[] keys = new String[ATTRIBUTES];
        for (int i = 0; i < ATTRIBUTES; i++) {
            keys[i] = "key" + i; // made before measuring: only the storage is compared
        }
        AllocationMeter allocation = AllocationMeter.create();
        LoopMeter meter = new LoopMeter(allocation);
        LoopMeter.Result growing = meter.measure(new Fill(keys, 0)::run, FILLS_PER_ROUND, WARMUP_OPS);
        LoopMeter.Result preallocated = meter.measure(new Fill(keys, ATTRIBUTES)::run, FILLS_PER_ROUND, WARMUP_OPS);
        long growingBytes = Math.round((double) growing.bytes() / FILLS_PER_ROUND);
        long preallocatedBytes = Math.round((double) preallocated.bytes() / FILLS_PER_ROUND);

        out.printf(Locale.ROOT, "📊 Without Prealloc: %d bytes (store starts empty and doubles)%n", growingBytes);
        out.printf(Locale.ROOT, "📊 With Prealloc:    %d bytes (store created with room for %d)%n",
                preallocatedBytes, ATTRIBUTES);
        out.printf(Locale.ROOT, "🚀 Improvement:      %s%n", Figures.allocationRatio(growingBytes, preallocatedBytes));

        ObjectPool<AttributeBuffer> pool = AttributeBuffer.newPool(1, ATTRIBUTES);
        Reuse reuse = new Reuse(pool, keys);
        AttributeBuffer probe = pool.acquire();
        int capacityBefore = probe.attributes().capacity();
        pool.release(probe);
        int reuses = quick ? 1_000 : 10_000;
        LoopMeter.Result reused = meter.measure(reuse::run, reuses, WARMUP_OPS);
        AttributeBuffer buffer = pool.acquire();
        int held = reuse.fill(buffer);
        int capacityAfter = buffer.attributes().capacity();
        pool.release(buffer);

        Result result = new Result(ATTRIBUTES, growingBytes, preallocatedBytes, reuses, reused.bytes(), held,
                capacityBefore, capacityAfter);
        out.printf(Locale.ROOT, "%s Pooled buffer with %d attributes: reused %d times, %d bytes allocated, "
                        + "capacity %d -> %d%n",
                result.pooledReuseBytes() == 0 && capacityBefore == capacityAfter ? "✅" : "⚠️",
                held, reuses, result.pooledReuseBytes(), capacityBefore, capacityAfter);
        return result;
    }

    /** One fill of a new store with the given initial capacity; the store escapes. No literals. */
    private static final class Fill {
        private final String[] keys;
        private final int initialCapacity;

        Fill(String[] keys, int initialCapacity) {
            this.keys = keys;
            this.initialCapacity = initialCapacity;
        }

        long run(int iterations) {
            long sum = 0;
            for (int n = 0; n < iterations; n++) {
                AttributeStore store = AttributeStore.create(initialCapacity, keys.length);
                for (int i = 0; i < keys.length; i++) {
                    store.put(keys[i], (long) i);
                }
                EscapeSink.escape(store);
                sum += store.size();
            }
            return sum;
        }
    }

    /** Acquire the pooled buffer, fill it, release it. No literals. */
    private static final class Reuse {
        private final ObjectPool<AttributeBuffer> pool;
        private final String[] keys;

        Reuse(ObjectPool<AttributeBuffer> pool, String[] keys) {
            this.pool = pool;
            this.keys = keys;
        }

        int fill(AttributeBuffer buffer) {
            AttributeStore store = buffer.attributes();
            for (int i = 0; i < keys.length; i++) {
                store.put(keys[i], (long) i);
            }
            return store.size();
        }

        long run(int iterations) {
            long sum = 0;
            for (int n = 0; n < iterations; n++) {
                AttributeBuffer buffer = pool.acquire();
                sum += fill(buffer);
                pool.release(buffer);
            }
            return sum;
        }
    }
}
