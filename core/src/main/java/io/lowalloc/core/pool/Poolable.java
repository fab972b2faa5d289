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

    /**
     * Vetoes a plain {@link ObjectPool#release(Poolable)} while the object's holder has handed it
     * off to a party that now owns it (a span queued for export belongs to its queue): an object
     * in such a state throws {@link IllegalStateException} naming the state, and the release then
     * changes nothing (no counter, no state). The party that took the object over gives it back
     * through the pool's {@link HandOffReleaser}, which does not call this method. Called by the
     * releasing thread before the pool touches the slot, so it reads the object as that thread
     * sees it. The default allows every release. Must not allocate when it passes.
     *
     * @throws IllegalStateException if the object is handed off and only its new owner may
     *     release it
     */
    default void checkReleasable() {
    }
}
