package io.lowalloc.core.pool;

/**
 * An object that an {@link ObjectPool} can hand out and take back. The pool keeps its bookkeeping
 * inside the object, in a {@link PoolSlot} the object creates once: that is what lets it detect a
 * double or foreign release with one compare-and-set, without a side table or any allocation.
 *
 * <pre>{@code
 * final class Buffer implements Poolable {
 *     private final PoolSlot slot = new PoolSlot();
 *     public PoolSlot poolSlot() { return slot; }
 *     public void reset() { ... clear every field, keep array capacity ... }
 * }
 * }</pre>
 */
public interface Poolable {

    /** {@return this object's slot: the same instance, created with the object, never null} */
    PoolSlot poolSlot();

    /**
     * Clears every field to its initial value, keeping preallocated storage. Called once per
     * {@link ObjectPool#release(Poolable)}, by the releasing thread, before any other thread can
     * acquire the object. Must not allocate in steady state. If it throws, the pool discards the
     * object and the exception reaches the releaser.
     */
    void reset();

    /**
     * Called by {@link ObjectPool#acquire()} on the acquiring thread, once the slot is
     * {@link PoolSlot.State#ACQUIRED}; objects with a richer lifecycle (a span that becomes
     * writable) override it. The default does nothing. Must not allocate. If it throws, the pool
     * discards the object and the exception reaches the acquirer.
     */
    default void onAcquire() {
    }
}
