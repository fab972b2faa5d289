package io.lowalloc.core.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

// Padding before the value. HotSpot lays superclass fields out first, so the hierarchy (rather
// than fields in one class, which the JVM may reorder) keeps 56 bytes on either side of the value.
abstract class PaddedSequenceLhs {
    long p00, p01, p02, p03, p04, p05, p06;
}

abstract class PaddedSequenceValue extends PaddedSequenceLhs {
    volatile long value;
}

/**
 * A volatile {@code long} alone on its cache line. It holds the reservation word that every
 * offering thread compare-and-sets; padding keeps that contended line from also invalidating
 * neighbouring fields the worker writes or producers only read.
 */
final class PaddedSequence extends PaddedSequenceValue {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedSequenceValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p10, p11, p12, p13, p14, p15, p16;

    PaddedSequence() {
        // Links the CAS call site now: its first execution allocates (once), see BatchQueue.
        compareAndSet(0L, 0L);
    }

    /**
     * Volatile read.
     *
     * @return the value
     */
    long get() {
        return value;
    }

    /**
     * Atomic compare-and-set with volatile semantics (a full fence).
     *
     * @param expected the value expected
     * @param next the value to set
     * @return true if the value was {@code expected} and is now {@code next}
     */
    boolean compareAndSet(long expected, long next) {
        return VALUE.compareAndSet((PaddedSequenceValue) this, expected, next);
    }
}
