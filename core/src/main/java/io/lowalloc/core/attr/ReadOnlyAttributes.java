package io.lowalloc.core.attr;

/**
 * The read-only face of one {@link AttributeStore}: every {@link AttributeReader} method, reading
 * the store live, and nothing else, so a caller handed it cannot write to the store by casting it
 * ({@code AttributeStore} is both a reader and a sink). Made once per store, with the store.
 */
final class ReadOnlyAttributes implements AttributeReader {

    // AttributeStore is final and its reads are final in AttributeArrays: every call below binds
    // statically and inlines, so reading through this face costs one extra field load.
    private final AttributeStore store;

    ReadOnlyAttributes(AttributeStore store) {
        this.store = store;
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public int droppedCount() {
        return store.droppedCount();
    }

    @Override
    public String key(int index) {
        return store.key(index);
    }

    @Override
    public AttributeType type(int index) {
        return store.type(index);
    }

    @Override
    public String stringValue(int index) {
        return store.stringValue(index);
    }

    @Override
    public long longValue(int index) {
        return store.longValue(index);
    }

    @Override
    public double doubleValue(int index) {
        return store.doubleValue(index);
    }

    @Override
    public boolean booleanValue(int index) {
        return store.booleanValue(index);
    }

    @Override
    public Object arrayValue(int index) {
        return store.arrayValue(index);
    }

    @Override
    public int indexOf(String key) {
        return store.indexOf(key);
    }

    @Override
    public void forEach(AttributeVisitor visitor) {
        store.forEach(visitor);
    }

    /** {@return the store's readable form, such as {@code {k=v} (capacity=16, limit=128, dropped=0)}; allocates} */
    @Override
    public String toString() {
        return store.toString();
    }
}
