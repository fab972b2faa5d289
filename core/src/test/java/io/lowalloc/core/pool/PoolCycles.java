package io.lowalloc.core.pool;

/**
 * The loops whose allocation {@link ObjectPoolAllocationTest} measures.
 *
 * <p>Deliberately free of String literals: a thread that submits a method for C2 compilation first
 * resolves the String constants of that method's class, allocating them on that thread. Were these
 * loops in the test class, the first measured run would be charged the test's message strings
 * (observed: 48-512 bytes once; adding a 2,000-character literal to the class added exactly
 * 2,040 bytes, and with C2 disabled the stray bytes disappeared).
 */
final class PoolCycles {

    /** Where the injected allocation escapes to, so that the JIT cannot eliminate it. */
    static volatile Object sink;

    private PoolCycles() {
    }

    /** {@code n} times: acquire one object, write to it, release it. */
    static void acquireRelease(ObjectPool<TestItem> pool, int n) {
        for (int i = 0; i < n; i++) {
            TestItem item = pool.acquire();
            item.marker = i;
            pool.release(item);
        }
    }

    /** Acquires {@code batch.length} objects, then releases them all; {@code n} objects in total. */
    static void acquireReleaseInBatches(ObjectPool<TestItem> pool, TestItem[] batch, int n) {
        for (int i = 0; i < n; i += batch.length) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = pool.acquire();
            }
            for (int k = 0; k < batch.length; k++) {
                pool.release(batch[k]);
            }
        }
    }

    /** Like {@link #acquireRelease} plus one injected, escaping allocation per cycle. */
    static void acquireReleaseAllocatingOneObject(ObjectPool<TestItem> pool, int n) {
        for (int i = 0; i < n; i++) {
            TestItem item = pool.acquire();
            sink = new Object();
            pool.release(item);
        }
    }
}
