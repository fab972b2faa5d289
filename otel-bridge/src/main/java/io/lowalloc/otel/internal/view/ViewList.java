package io.lowalloc.otel.internal.view;

import java.util.Objects;

/**
 * A read-only list of the first {@code size} elements of an array of reusable views; the views
 * and the array are owned by the view that returns the list.
 *
 * @param <E> the element type
 */
public final class ViewList<E> extends IndexedList<E> {

    private Object[] elements;
    private int size;

    /** Creates an empty list. */
    public ViewList() {
        this.elements = new Object[0];
    }

    /**
     * Shows the first {@code size} elements of {@code elements}; held by reference.
     *
     * @param elements the backing array
     * @param size how many elements to show
     */
    public void bind(Object[] elements, int size) {
        this.elements = elements;
        this.size = size;
        reclaimCursor();
    }

    @Override
    @SuppressWarnings("unchecked") // only views of type E are bound
    public E get(int index) {
        return (E) elements[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }
}
