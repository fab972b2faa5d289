package io.lowalloc.core.pool;

/**
 * An immutable snapshot of an {@link ObjectPool}'s counters, taken by {@link ObjectPool#stats()}.
 * All counts are numbers of objects (or of operations on objects) since the pool was built.
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
 */
public final class PoolStats {

    private final long created;
    private final long hits;
    private final long misses;
    private final long released;
    private final long discarded;
    private final long pooled;

    PoolStats(long created, long hits, long misses, long released, long discarded, long pooled) {
        this.created = created;
        this.hits = hits;
        this.misses = misses;
        this.released = released;
        this.discarded = discarded;
        this.pooled = pooled;
    }

    /**
     * Returns how many objects the pool's factory created (on a miss or by prefill).
     *
     * @return objects created, {@code >= 0}
     */
    public long created() {
        return created;
    }

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
     * Returns how many objects were given back: every successful
     * {@link ObjectPool#release(Poolable)}, whether the object was then pooled or discarded.
     *
     * @return objects given back, {@code >= 0}
     */
    public long released() {
        return released;
    }

    /**
     * Returns how many acquisitions were served from the pool.
     *
     * @return acquisitions that reused a pooled object, {@code >= 0}
     */
    public long hits() {
        return hits;
    }

    /**
     * Returns how many acquisitions found the pool empty and created a new object.
     *
     * @return acquisitions that created an object, {@code >= 0}
     */
    public long misses() {
        return misses;
    }

    /**
     * Returns how many given-back objects were not pooled but left to the garbage collector:
     * because the pool was full, or because {@link Poolable#reset()} or
     * {@link Poolable#onAcquire()} threw.
     *
     * @return objects discarded, {@code >= 0}
     */
    public long discarded() {
        return discarded;
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
     * Returns how many objects were in the pool when the snapshot was taken (counting an object
     * that was being added or removed at that instant).
     *
     * @return objects available in the pool, between 0 and the pool's capacity
     */
    public long pooled() {
        return pooled;
    }

    /**
     * Compares all counters.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a {@code PoolStats} with the same counters
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PoolStats)) {
            return false;
        }
        PoolStats that = (PoolStats) other;
        return created == that.created && hits == that.hits && misses == that.misses
                && released == that.released && discarded == that.discarded && pooled == that.pooled;
    }

    /**
     * Returns a hash of all counters, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        long h = created;
        h = 31 * h + hits;
        h = 31 * h + misses;
        h = 31 * h + released;
        h = 31 * h + discarded;
        h = 31 * h + pooled;
        return Long.hashCode(h);
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
