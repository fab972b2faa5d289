package io.lowalloc.core.pool;

import java.util.List;
import java.util.Objects;

/**
 * Gives back objects that their holder handed off to the owner of this releaser: a
 * {@link ObjectPool#release(Poolable)} that skips {@link Poolable#checkReleasable()}, the veto
 * that keeps everyone else from releasing a handed-off object (a span queued for export). Every
 * other check of {@code release} stays: another pool's object, or one not currently acquired,
 * throws and changes nothing.
 *
 * <p>Each pool has exactly one, claimed once with {@link ObjectPool#claimHandOffReleaser()} by the
 * component that hands the pool's objects off (for spans: the recorder or processor that queues
 * them, for its refused offers and its queue's completion hook). It is a capability: keep it
 * private to that component.
 *
 * <p>Thread-safe, like {@code release}; {@link #release(Poolable)} allocates nothing while the pool
 * has room.
 *
 * @param <T> the pooled type
 */
public final class HandOffReleaser<T extends Poolable> {

    private final ObjectPool<T> pool;

    HandOffReleaser(ObjectPool<T> pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Releases {@code object} to the pool as {@link ObjectPool#release(Poolable)} does, handed
     * off or not.
     *
     * @param object an object acquired from this releaser's pool and not yet released
     * @throws NullPointerException if {@code object} is {@code null}
     * @throws IllegalArgumentException if the pool did not create {@code object}
     * @throws IllegalStateException if {@code object} is not currently acquired (already released)
     */
    public void release(T object) {
        pool.releaseHandedOff(object);
    }

    /**
     * Releases every object of {@code objects}, in order, as {@link #release(Poolable)} does
     * (handed off or not), in one call: a whole exported batch back to the pool. Stops at the first
     * object that throws; those before it are released, it and those after it are not. Allocates
     * nothing while the pool has room.
     *
     * @param objects objects acquired from this releaser's pool and not yet released; only read
     * @throws NullPointerException if {@code objects} or an element is {@code null}
     * @throws IllegalArgumentException if the pool did not create an element
     * @throws IllegalStateException if an element is not currently acquired (already released)
     */
    public void releaseAll(List<? extends T> objects) {
        pool.releaseAllHandedOff(Objects.requireNonNull(objects, "objects"));
    }

    /** {@return the pool this releaser gives objects back to} */
    public ObjectPool<T> pool() {
        return pool;
    }

    /** {@return a new description, e.g. {@code HandOffReleaser[ObjectPool[spans, capacity=1024, pooled=12]]}} */
    @Override
    public String toString() {
        return "HandOffReleaser[" + pool + "]";
    }
}
