package io.lowalloc.otel.internal.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

/**
 * Base of the read-only lists the views return (the batch, events, links, array values): random
 * access by index, {@link #forEach} without an iterator, and iterators that stay valid only
 * within the binding they were made in.
 *
 * <p>Like every view, a list is stamped with its owner's {@link Generation} when it is handed out
 * and throws {@link IllegalStateException} naming copy mode on any read once the owner is rebound
 * or released; so do its iterators, list iterators, sub-lists and spliterators.
 *
 * <p>One reusable iterator per list is handed out at most once per generation (taken by
 * compare-and-set), so an exporter's single for-each loop over the batch, or over the events or
 * links of each span, allocates nothing. Any further {@link #iterator()} in the same generation
 * (a nested or second loop, another thread) gets a new iterator: an iterator that reported its end
 * therefore keeps reporting it, and one left unfinished never moves on its own.
 *
 * @param <E> the element type
 */
public abstract class IndexedList<E> extends AbstractList<E> implements RandomAccess {

    private static final String WHAT = "List view read after its export completed";
    private static final String ITERATOR = "Iterator of a list view used after its export completed";
    private static final VarHandle CURSOR_GENERATION;

    static {
        try {
            CURSOR_GENERATION = MethodHandles.lookup().findVarHandle(IndexedList.class, "cursorGeneration", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Generation owner;
    // Plain; see Generation for the ordering argument.
    private int stamp;
    private final Cursor cursor = new Cursor(0, 0);
    // The generation the reusable cursor was last handed out in; compare-and-set so that two
    // threads starting a loop in one generation never share it.
    @SuppressWarnings("unused") // accessed through CURSOR_GENERATION
    private int cursorGeneration;

    IndexedList(Generation owner) {
        this.owner = owner;
    }

    /** {@return the number of elements, unchecked} */
    abstract int length();

    /** {@return the element at {@code index}, in range, unchecked; a view element is handed out} */
    abstract E element(int index);

    /** Marks this list handed out under the owner's current generation. */
    final void handOut() {
        int g = owner.current();
        if (stamp != g) {
            stamp = g;
        }
    }

    private void check() {
        owner.check(stamp, WHAT);
    }

    @Override
    public final int size() {
        check();
        return length();
    }

    @Override
    public final E get(int index) {
        check();
        return element(Objects.checkIndex(index, length()));
    }

    @Override
    public final void forEach(Consumer<? super E> action) {
        Objects.requireNonNull(action, "action");
        check();
        int size = length();
        for (int i = 0; i < size; i++) {
            action.accept(element(i));
        }
    }

    @Override
    public final Iterator<E> iterator() {
        check();
        int g = owner.current();
        int last = cursorGeneration;
        if (last != g && CURSOR_GENERATION.compareAndSet(this, last, g)) {
            cursor.generation = g;
            cursor.next = 0;
            return cursor;
        }
        return new Cursor(g, 0);
    }

    @Override
    public final ListIterator<E> listIterator(int index) {
        check();
        Objects.checkIndex(index, length() + 1);
        return new Cursor(owner.current(), index);
    }

    @Override
    public final Spliterator<E> spliterator() {
        check();
        return Spliterators.spliterator(new Cursor(owner.current(), 0), length(), Spliterator.ORDERED);
    }

    @Override
    public final List<E> subList(int fromIndex, int toIndex) {
        check();
        Objects.checkFromToIndex(fromIndex, toIndex, length());
        return new Range(owner.current(), fromIndex, toIndex - fromIndex);
    }

    /** {@return {@code [e1, e2, ...]} of the current elements, or {@code List{unbound}} when stale; allocates} */
    @Override
    public final String toString() {
        if (stamp != owner.current()) {
            return "List{unbound}";
        }
        StringBuilder b = new StringBuilder().append('[');
        for (int i = 0, n = length(); i < n; i++) {
            b.append(i > 0 ? ", " : "").append(element(i));
        }
        return b.append(']').toString();
    }

    /** A read-only list iterator valid in the generation it was made in. */
    private final class Cursor implements ListIterator<E> {

        int generation;
        int next;

        Cursor(int generation, int next) {
            this.generation = generation;
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            owner.check(generation, ITERATOR);
            return next < length();
        }

        @Override
        public E next() {
            owner.check(generation, ITERATOR);
            int i = next;
            if (i >= length()) {
                throw new NoSuchElementException("index " + i + " of a list of " + length());
            }
            next = i + 1;
            return element(i);
        }

        @Override
        public boolean hasPrevious() {
            owner.check(generation, ITERATOR);
            return next > 0;
        }

        @Override
        public E previous() {
            owner.check(generation, ITERATOR);
            int i = next - 1;
            if (i < 0) {
                throw new NoSuchElementException("index -1 of a list of " + length());
            }
            next = i;
            return element(i);
        }

        @Override
        public int nextIndex() {
            owner.check(generation, ITERATOR);
            return next;
        }

        @Override
        public int previousIndex() {
            owner.check(generation, ITERATOR);
            return next - 1;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException("read-only list");
        }

        @Override
        public void set(E e) {
            throw new UnsupportedOperationException("read-only list");
        }

        @Override
        public void add(E e) {
            throw new UnsupportedOperationException("read-only list");
        }
    }

    /** A read-only sub-list valid in the generation it was made in. */
    private final class Range extends AbstractList<E> implements RandomAccess {

        private final int generation;
        private final int offset;
        private final int size;

        Range(int generation, int offset, int size) {
            this.generation = generation;
            this.offset = offset;
            this.size = size;
        }

        @Override
        public E get(int index) {
            owner.check(generation, WHAT);
            return element(offset + Objects.checkIndex(index, size));
        }

        @Override
        public int size() {
            owner.check(generation, WHAT);
            return size;
        }
    }
}
