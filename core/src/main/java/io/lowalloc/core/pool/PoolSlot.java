package io.lowalloc.core.pool;

/**
 * The bookkeeping an {@link ObjectPool} keeps inside each {@link Poolable} object: the pool
 * that created it and whether it is pooled or handed out. A {@code Poolable} creates exactly
 * one slot together with itself and returns it from {@link Poolable#poolSlot()}.
 *
 * <p>Thread-safe: the state changes with compare-and-set, so two threads racing to release
 * the same object cannot both succeed.
 */
public final class PoolSlot {

    /** Creates an unbound slot; the first pool that hands out the object binds it. */
    public PoolSlot() {
    }
}
