package io.lowalloc.otlp;

import java.util.Arrays;

/**
 * The sizes an encoder's size pass computes (nested message sizes, and the UTF-8 tokens of
 * strings, see {@link Utf8#measure(String, int)}), kept
 * in the order its write pass needs them: a message reserves its slot before its children push
 * theirs and fills it once they are sized, so the write pass reads every value with one
 * {@link #next()} in the same pre-order walk. This is how nested length prefixes are written
 * without allocating and without measuring anything twice.
 *
 * <p>The array grows (doubling) only when a request has more sized items than any before it.
 * Not thread-safe: one per encoder.
 */
final class SizeQueue {

    private int[] sizes;
    private int count;
    private int cursor;

    SizeQueue(int initialCapacity) {
        this.sizes = new int[Math.max(16, initialCapacity)];
    }

    /** Empties the queue for a new size pass. */
    void clear() {
        count = 0;
        cursor = 0;
    }

    /** {@return how many values are queued: a mark to {@link #truncate(int)} back to} */
    int mark() {
        return count;
    }

    /**
     * Drops every value queued after {@code mark} (a span sized but left for the next request).
     *
     * @param mark a value {@link #mark()} returned during this size pass
     */
    void truncate(int mark) {
        count = mark;
    }

    /** {@return the index of a new slot whose value {@link #set(int, int)} fills later} */
    int reserve() {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, 2 * sizes.length);
        }
        return count++;
    }

    /**
     * Fills a reserved slot.
     *
     * @param slot the index {@link #reserve()} returned
     * @param size the value
     */
    void set(int slot, int size) {
        sizes[slot] = size;
    }

    /**
     * Queues a value.
     *
     * @param size the value
     */
    void push(int size) {
        // Reserve first: sizes[reserve()] would store into the array read before reserve() grew it.
        int slot = reserve();
        sizes[slot] = size;
    }

    /** Starts the write pass: {@link #next()} reads from the first value again. */
    void rewind() {
        cursor = 0;
    }

    /**
     * {@return the next value of the write pass}
     *
     * @throws IllegalStateException if the write pass reads more values than the size pass queued
     *     (the data changed between the two passes)
     */
    int next() {
        if (cursor >= count) {
            throw new IllegalStateException("span data changed while it was being encoded");
        }
        return sizes[cursor++];
    }

    /** {@return whether the write pass read exactly the values the size pass queued} */
    boolean fullyRead() {
        return cursor == count;
    }
}
