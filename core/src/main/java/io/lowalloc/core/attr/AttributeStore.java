package io.lowalloc.core.attr;

import java.util.Objects;

/**
 * A list of attributes that grows up to a limit, kept in parallel preallocated arrays: nothing is
 * boxed and no entry objects exist. Spans, events and links keep their attributes in one.
 *
 * <p>Capacity and limit: the arrays start at the initial capacity and double when a new key does
 * not fit, capped at {@link #limit()}. That growth is the only allocation; {@link #clear()} keeps
 * the grown arrays, so a reused store stops allocating once warm. A new key that arrives when
 * {@link #limit()} attributes are held is dropped and counted in {@link #droppedCount()}; nothing
 * is thrown for it. Writing a present key replaces its value and type in place; order is the
 * insertion order of first writes.
 *
 * <p>Allocation: {@code put}, reads, {@link #forEach}, {@link #putAll}, {@link #copyTo} and
 * {@link #clear()} allocate nothing once the capacity needed has been reached; the key index used
 * past a few keys is allocated the first time that many are held (and again only when the arrays
 * grow), then kept. {@link #toString()} allocates.
 *
 * <p>Time: a put costs the same at any size (a scan of a few cached key hashes, or a hash-index
 * probe past that), so filling a store with {@code n} attributes is linear in {@code n}.
 *
 * <p>Not thread-safe: one owner at a time (hand-off through a thread-safe queue is fine).
 */
public final class AttributeStore extends AttributeArrays {

    private final ReadOnlyAttributes readOnlyView = new ReadOnlyAttributes(this);

    private AttributeStore(int initialCapacity, int limit) {
        super(initialCapacity, limit, false);
    }

    /**
     * Creates a store.
     *
     * @param initialCapacity how many attributes to preallocate room for, in {@code [0, limit]}
     * @param limit the maximum number of attributes held, {@code >= 1}; further new keys are
     *     dropped and counted
     * @return a new, empty store
     * @throws IllegalArgumentException if {@code initialCapacity < 0}, {@code limit < 1} or
     *     {@code initialCapacity > limit}
     */
    public static AttributeStore create(int initialCapacity, int limit) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0, was: " + initialCapacity);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was: " + limit);
        }
        if (initialCapacity > limit) {
            throw new IllegalArgumentException(
                    "initialCapacity must be <= limit (" + limit + "), was: " + initialCapacity);
        }
        return new AttributeStore(initialCapacity, limit);
    }

    /**
     * {@return a read-only view of this store: the {@link AttributeReader} methods, reading this
     * store live, on an object that is not an {@link AttributeSink} (a cast cannot reach the
     * {@code put}s); always the same instance, made with the store, so asking allocates nothing}
     */
    public AttributeReader readOnlyView() {
        return readOnlyView;
    }

    /** {@return the limit: the most attributes this store will ever hold, {@code >= 1}} */
    @Override
    public int limit() {
        return super.limit();
    }

    /**
     * Writes every attribute of {@code source} into this store, in index order, with the
     * semantics of the {@code put} methods: present keys are replaced, new keys past the limit are
     * dropped and counted here. The source's own dropped count is not added. Allocates nothing
     * once the capacity needed has been reached.
     *
     * @param source the attributes to copy; may be this store (then nothing changes)
     * @throws NullPointerException if {@code source} is {@code null}
     */
    public void putAll(AttributeReader source) {
        AttributeCopy.copy(Objects.requireNonNull(source, "source"), this);
    }

    /** {@return a readable form such as {@code {k=v, n=1} (capacity=16, limit=128, dropped=0)}; allocates} */
    @Override
    public String toString() {
        return appendAttributes(new StringBuilder(32 + size() * 24))
                .append(" (capacity=").append(capacity())
                .append(", limit=").append(limit())
                .append(", dropped=").append(droppedCount())
                .append(')')
                .toString();
    }
}
