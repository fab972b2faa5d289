package io.lowalloc.core.pool;

import io.lowalloc.core.testing.TestItem;
import java.util.function.LongUnaryOperator;

/**
 * The operations whose allocation {@link ObjectPoolAllocationTest} measures, as operators for
 * {@link io.lowalloc.core.gc.AllocationMeter#bytesPerOp}.
 *
 * <p>Deliberately free of String literals, and the lambdas are compiled into this class: a thread
 * that submits a method for C2 compilation first resolves the String constants of that method's
 * class, allocating them on that thread. Were these loops in the test class, the first measured run
 * would be charged the test's message strings (observed: 48-512 bytes once; adding a
 * 2,000-character literal to the class added exactly 2,040 bytes, and with C2 disabled the stray
 * bytes disappeared).
 */
final class PoolCycles {

    /** Where the injected allocation escapes to, so that the JIT cannot eliminate it. */
    static volatile Object sink;

    private PoolCycles() {
    }

    /** One operation: acquire one object, write to it, release it. */
    static LongUnaryOperator acquireRelease(ObjectPool<TestItem> pool) {
        return i -> {
            TestItem item = pool.acquire();
            item.marker = i;
            pool.release(item);
            return i;
        };
    }

    /** One operation: acquire one object, hand it off, give it back through the hand-off releaser. */
    static LongUnaryOperator acquireHandOffRelease(ObjectPool<TestItem> pool, HandOffReleaser<TestItem> releaser) {
        return i -> {
            TestItem item = pool.acquire();
            item.marker = i;
            item.handedOff = true;
            releaser.release(item);
            return i;
        };
    }

    /** One operation: acquire {@code batch.length} objects, then release them all. */
    static LongUnaryOperator acquireReleaseBatch(ObjectPool<TestItem> pool, TestItem[] batch) {
        return i -> {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = pool.acquire();
            }
            for (int k = 0; k < batch.length; k++) {
                pool.release(batch[k]);
            }
            return batch.length;
        };
    }

    /** Like {@link #acquireRelease} plus one injected, escaping allocation per operation. */
    static LongUnaryOperator acquireReleaseAllocatingOneObject(ObjectPool<TestItem> pool) {
        return i -> {
            TestItem item = pool.acquire();
            sink = new Object();
            pool.release(item);
            return i;
        };
    }
}
