package io.lowalloc.core.pool;

/**
 * An immutable snapshot of an {@link ObjectPool}'s counters, taken by {@link ObjectPool#stats()}.
 * All counts are numbers of objects (or of operations on objects) since the pool was built, and
 * all are {@code >= 0}.
 *
 * <p>At any quiescent point (no acquire, release or prefill in progress) these hold exactly:
 * <ul>
 *   <li>{@code acquired = hits + misses}</li>
 *   <li>{@code outstanding = acquired - released}</li>
 *   <li>{@code created = pooled + outstanding + discarded}</li>
 * </ul>
 * While other threads use the pool, each counter is read separately, so a snapshot may mix
 * values from slightly different instants; {@code released} is read before {@code acquired},
 * so {@code outstanding} is never negative.
 *
 * <p>Thread-safe (immutable). Taking a snapshot allocates this one object.
 *
 * @param created objects the pool's factory created (on a miss or by prefill)
 * @param hits acquisitions served from the pool
 * @param misses acquisitions that found the pool empty and created a new object
 * @param released objects given back: every successful {@link ObjectPool#release(Poolable)},
 *     whether the object was then pooled or discarded
 * @param discarded given-back objects that were not pooled but left to the garbage collector:
 *     because the pool was full, or because {@link Poolable#reset()} or
 *     {@link Poolable#onAcquire()} threw
 * @param pooled objects in the pool when the snapshot was taken (counting an object that was
 *     being added or removed at that instant), between 0 and the pool's capacity
 */
public record PoolStats(long created, long hits, long misses, long released, long discarded, long pooled) {

    /**
     * Returns how many times {@link ObjectPool#acquire()} handed out an object:
     * {@code hits + misses}.
     *
     * @return objects handed out, {@code >= 0}
     */
    public long acquired() {
        return hits + misses;
    }

    /**
     * Returns how many objects are handed out and not yet given back:
     * {@code acquired - released}.
     *
     * @return objects currently held by callers, {@code >= 0}
     */
    public long outstanding() {
        return acquired() - released;
    }

    /**
     * Lists every counter for logs, e.g. {@code PoolStats[created=2, acquired=10, released=9,
     * hits=8, misses=2, discarded=0, outstanding=1, pooled=1]}.
     *
     * @return a description of the counters
     */
    @Override
    public String toString() {
        return "PoolStats[created=" + created + ", acquired=" + acquired() + ", released=" + released
                + ", hits=" + hits + ", misses=" + misses + ", discarded=" + discarded
                + ", outstanding=" + outstanding() + ", pooled=" + pooled + "]";
    }
}
