package io.lowalloc.core.pool;

/**
 * An immutable snapshot of an {@link ObjectPool}'s counters, taken by {@link ObjectPool#stats()};
 * every count is of objects (or operations on them) since the pool was built. At a quiescent
 * point (no acquire, release or prefill running) these hold exactly:
 * <ul>
 *   <li>{@code acquired = hits + misses}</li>
 *   <li>{@code outstanding = acquired - released}</li>
 *   <li>{@code created = pooled + outstanding + discarded}</li>
 * </ul>
 * Under concurrency the counters are read one by one and may mix nearby instants, but
 * {@code released} is read first, so {@code outstanding} is never negative. Thread-safe
 * (immutable).
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

    /** {@return how many objects the factory created (on a miss or by prefill), {@code >= 0}} */
    public long created() {
        return created;
    }

    /** {@return how many objects {@link ObjectPool#acquire()} handed out: {@code hits + misses}} */
    public long acquired() {
        return hits + misses;
    }

    /** {@return how many objects {@link ObjectPool#release(Poolable)} took back, pooled or not} */
    public long released() {
        return released;
    }

    /** {@return how many acquisitions reused a pooled object, {@code >= 0}} */
    public long hits() {
        return hits;
    }

    /** {@return how many acquisitions created a new object, {@code >= 0}} */
    public long misses() {
        return misses;
    }

    /** {@return how many released objects went to the GC: pool full, or reset/onAcquire threw} */
    public long discarded() {
        return discarded;
    }

    /** {@return how many objects callers hold now: {@code acquired - released}, {@code >= 0}} */
    public long outstanding() {
        return acquired() - released;
    }

    /** {@return how many objects were pooled (one being added or removed counts), up to capacity} */
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

    /** {@return a hash of all counters, consistent with {@link #equals(Object)}} */
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

    /** {@return every counter, e.g. {@code PoolStats[created=2, acquired=10, ..., pooled=1]}} */
    @Override
    public String toString() {
        return "PoolStats[created=" + created + ", acquired=" + acquired() + ", released=" + released
                + ", hits=" + hits + ", misses=" + misses + ", discarded=" + discarded
                + ", outstanding=" + outstanding() + ", pooled=" + pooled + "]";
    }
}
