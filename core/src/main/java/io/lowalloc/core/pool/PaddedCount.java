package io.lowalloc.core.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

// Padding before the value. HotSpot lays superclass fields out first, so the hierarchy (rather
// than fields in one class, which the JVM may reorder) keeps 56 bytes on either side of the value.
abstract class PaddedCountLhs {
    long p00, p01, p02, p03, p04, p05, p06;
}

abstract class PaddedCountValue extends PaddedCountLhs {
    volatile long value;
}

/**
 * A volatile {@code long} alone on its cache line, updated through a {@link VarHandle} (no
 * {@code sun.misc.Unsafe}). It holds the pool's pooled-object count, which every thread that
 * spills to or refills from the shared queue updates; padding keeps that contended line from also
 * invalidating the pool's read-mostly fields.
 */
final class PaddedCount extends PaddedCountValue {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCountValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p10, p11, p12, p13, p14, p15, p16;

    PaddedCount() {
        // Links the call sites now: a signature-polymorphic site allocates on its first execution,
        // which must not happen on a rare branch long after warm-up (see BatchQueue).
        compareAndSet(0L, 0L);
        getAndAdd(0L);
    }

    /** {@return the value, volatile read} */
    long get() {
        return value;
    }

    /**
     * Atomic compare-and-set with volatile semantics.
     *
     * @param expected the value expected
     * @param next the value to set
     * @return true if the value was {@code expected} and is now {@code next}
     */
    boolean compareAndSet(long expected, long next) {
        return VALUE.compareAndSet((PaddedCountValue) this, expected, next);
    }

    /**
     * Atomic add with volatile semantics.
     *
     * @param delta the amount to add, may be negative
     * @return the value before the add
     */
    long getAndAdd(long delta) {
        return (long) VALUE.getAndAdd((PaddedCountValue) this, delta);
    }
}
