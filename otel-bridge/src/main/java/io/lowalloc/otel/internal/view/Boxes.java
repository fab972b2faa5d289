package io.lowalloc.otel.internal.view;

/**
 * Boxing with a memo: the box made for index {@code i} is kept in {@code memo[i]} and handed out
 * again while the value there is unchanged, so recurring numeric values cost one box ever
 * instead of one per read. Races between readers are benign: boxes are immutable and safely
 * published through their final value field, and a lost memo write only costs a box.
 *
 * <p>Longs in {@code [0, }{@value #SMALL_LONG_LIMIT}{@code )} (HTTP status codes, small counts
 * and sizes) come from a table made once, so they cost no box at all: {@code Long.valueOf} only
 * caches {@code [-128, 127]}.
 */
final class Boxes {

    /** Longs below this, from 0, are handed out from a shared table: {@value}. */
    static final int SMALL_LONG_LIMIT = 1024;

    private static final Long[] SMALL_LONGS = smallLongs();

    private Boxes() {
    }

    /** {@return {@code value} boxed: the shared box of a small long, else a new one} */
    static Long box(long value) {
        return value >= 0 && value < SMALL_LONG_LIMIT ? SMALL_LONGS[(int) value] : Long.valueOf(value);
    }

    /**
     * {@return {@code previous} when it is a box of {@code value}, else {@code value} boxed}: for a
     * caller that keeps the box it hands out (a view's resolved values), so that no second memo
     * is written. The store of a new box into a long-lived array is what costs (with G1 each one
     * dirties a card for the refinement threads), so a box is stored once, where it is shown.
     */
    static Object reuseLong(Object previous, long value) {
        if (previous instanceof Long && (Long) previous == value) {
            return previous;
        }
        return box(value);
    }

    /** {@return as {@link #reuseLong}, for a double compared by its raw bits (-0.0, NaN payloads)} */
    static Object reuseDouble(Object previous, double value) {
        if (previous instanceof Double
                && Double.doubleToRawLongBits((Double) previous) == Double.doubleToRawLongBits(value)) {
            return previous;
        }
        return value;
    }

    private static Long[] smallLongs() {
        Long[] table = new Long[SMALL_LONG_LIMIT];
        for (int i = 0; i < table.length; i++) {
            table[i] = Long.valueOf(i);
        }
        return table;
    }

    static Object boxLong(Object[] memo, int i, long value) {
        if (i >= memo.length) {
            return box(value);
        }
        Object cached = memo[i];
        if (cached instanceof Long && (Long) cached == value) {
            return cached;
        }
        Long boxed = box(value);
        memo[i] = boxed;
        return boxed;
    }

    static Object boxDouble(Object[] memo, int i, double value) {
        if (i >= memo.length) {
            return value;
        }
        Object cached = memo[i];
        // Raw bits: -0.0 and NaN payloads must come back exactly as stored.
        if (cached instanceof Double
                && Double.doubleToRawLongBits((Double) cached) == Double.doubleToRawLongBits(value)) {
            return cached;
        }
        Double boxed = value;
        memo[i] = boxed;
        return boxed;
    }
}
