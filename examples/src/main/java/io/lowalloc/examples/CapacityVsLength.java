package io.lowalloc.examples;

import io.lowalloc.core.attr.AttributeStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Go pitfall "preallocate capacity, not length" in Java: {@code make([]T, 0, n)} is
 * {@code new ArrayList<>(n)} — room for n, size 0, the first {@code add} lands at index 0 —
 * while {@code make([]T, n)} is {@code new T[n]} — length n, pre-filled with {@code null}s, so
 * anything appended after it (say through {@code Arrays.asList}) lands at index n behind n empty
 * slots. The library's {@link AttributeStore#create(int, int)} takes a capacity: it starts empty.
 */
public final class CapacityVsLength {

    private CapacityVsLength() {
    }

    /**
     * Where the first appended element landed in each case.
     *
     * @param capacityIndex index of the first element added to {@code new ArrayList<>(n)}: 0
     * @param capacitySize that list's size afterwards: 1
     * @param lengthIndex index of the first element appended after a pre-filled {@code new T[n]}: n
     * @param lengthSize that list's size afterwards: n + 1, n of them {@code null}
     * @param storeSize size of {@code AttributeStore.create(n, n)} after one put: 1
     * @param storeCapacity its capacity: n
     */
    public record Result(int capacityIndex, int capacitySize, int lengthIndex, int lengthSize, int storeSize,
            int storeCapacity) {
    }

    /**
     * Appends one element to storage sized for {@code n} both ways and reports where it landed.
     *
     * @param n the size to preallocate, {@code > 0}
     * @return where the element landed
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public static Result append(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, was: " + n);
        }
        List<String> withCapacity = new ArrayList<>(n); // Go: make([]T, 0, n)
        withCapacity.add("kv");

        String[] withLength = new String[n]; // Go: make([]T, n) — n zero values already there
        List<String> appended = new ArrayList<>(Arrays.asList(withLength));
        appended.add("kv"); // Go: append(s, kv) lands at index n

        AttributeStore store = AttributeStore.create(n, n);
        store.put("kv", 1L);
        return new Result(withCapacity.indexOf("kv"), withCapacity.size(), appended.indexOf("kv"), appended.size(),
                store.size(), store.capacity());
    }
}
