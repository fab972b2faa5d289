package io.lowalloc.otel.internal.view;

/**
 * A read-only list of the first {@code size} elements of an array of reusable views (the spans of
 * a batch, the events or links of a span); the views and the array are owned by the view or view
 * set that returns the list. Returning an element hands that view out under its own owner's
 * generation, so its reads work from then on until its owner is rebound or released.
 *
 * @param <E> the element type
 */
public final class ViewList<E> extends IndexedList<E> {

    private static final OwnedView[] NO_ELEMENTS = new OwnedView[0];

    private OwnedView[] elements = NO_ELEMENTS;
    private int size;

    ViewList(Generation owner) {
        super(owner);
    }

    /** Shows the first {@code size} elements of {@code elements}, held by reference. */
    void bind(OwnedView[] elements, int size) {
        this.elements = elements;
        this.size = size;
    }

    @Override
    int length() {
        return size;
    }

    @Override
    @SuppressWarnings("unchecked") // only views of type E are bound
    E element(int index) {
        OwnedView view = elements[index];
        view.handOut();
        return (E) view;
    }
}
