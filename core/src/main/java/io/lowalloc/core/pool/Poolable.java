package io.lowalloc.core.pool;

/**
 * An object that an {@link ObjectPool} can hand out and take back.
 *
 * <p>The pool keeps its bookkeeping (which pool created the object, whether it is in the pool
 * or handed out) inside the object itself, in a {@link PoolSlot} that the object creates once
 * and returns from {@link #poolSlot()}. Keeping it intrusive is what lets the pool detect a
 * double release or a foreign object with one compare-and-set and no side table, so misuse
 * detection costs no allocation.
 *
 * <p>Typical implementation:
 * <pre>{@code
 * final class Buffer implements Poolable {
 *     private final PoolSlot slot = new PoolSlot();
 *     public PoolSlot poolSlot() { return slot; }
 *     public void reset() { ... clear every field, keep array capacity ... }
 * }
 * }</pre>
 */
public interface Poolable {

    /**
     * Returns the pool bookkeeping slot of this object: always the same instance, created
     * together with the object. Never {@code null}.
     *
     * @return this object's slot
     */
    PoolSlot poolSlot();

    /**
     * Clears every field to its initial value, keeping preallocated storage. Called by the pool
     * on {@link ObjectPool#release(Poolable)} before the object becomes available again.
     * Must not allocate in steady state.
     */
    void reset();

    /**
     * Called by the pool when the object is handed out by {@link ObjectPool#acquire()}, after
     * the slot was marked as acquired. The default does nothing; objects with a richer
     * lifecycle (such as a span that becomes writable) override it. Must not allocate.
     */
    default void onAcquire() {
    }
}
