package io.lowalloc.otel.internal.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * Base of the read-only lists the views return: random access by index, {@link #forEach}
 * without an iterator, and an {@link #iterator()} that reuses one cursor so an exporter's
 * for-each loop over the events or links of every span allocates nothing.
 *
 * <p>The cursor is handed out by compare-and-set and taken back when it reports the end
 * ({@code hasNext()} returns {@code false}); while it is out (a nested loop over the same list,
 * another thread, an abandoned loop) a new iterator is allocated instead. So an iterator must not
 * be used again after it reported the end: the list may have handed it out again. Structural
 * changes come only from rebinding the owning view, which the export contract forbids while an
 * exporter reads; rebinding also takes the cursor back from a loop that stopped early.
 *
 * @param <E> the element type
 */
public abstract class IndexedList<E> extends AbstractList<E> implements RandomAccess {

    private static final VarHandle CURSOR_FREE;

    static {
        try {
            CURSOR_FREE = MethodHandles.lookup().findVarHandle(IndexedList.class, "cursorFree", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Cursor cursor = new Cursor();
    @SuppressWarnings("unused") // accessed through CURSOR_FREE
    private volatile boolean cursorFree = true;

    /**
     * Takes the cursor back whatever its holder did (a loop may have stopped early); called when
     * the owning view is rebound, after which no earlier iteration may continue.
     */
    final void reclaimCursor() {
        cursorFree = true;
    }

    @Override
    public final Iterator<E> iterator() {
        if (CURSOR_FREE.compareAndSet(this, true, false)) {
            cursor.next = 0;
            return cursor;
        }
        return new Cursor();
    }

    @Override
    public final void forEach(Consumer<? super E> action) {
        Objects.requireNonNull(action, "action");
        int size = size();
        for (int i = 0; i < size; i++) {
            action.accept(get(i));
        }
    }

    private final class Cursor implements Iterator<E> {

        int next;

        @Override
        public boolean hasNext() {
            if (next < size()) {
                return true;
            }
            if (this == cursor) {
                cursorFree = true;
            }
            return false;
        }

        @Override
        public E next() {
            int i = next;
            if (i >= size()) {
                throw new NoSuchElementException("index " + i + " of a list of " + size());
            }
            next = i + 1;
            return get(i);
        }
    }
}
