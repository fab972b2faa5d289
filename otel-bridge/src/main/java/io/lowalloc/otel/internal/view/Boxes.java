package io.lowalloc.otel.internal.view;

/**
 * Boxing with a memo: the box made for index {@code i} is kept in {@code memo[i]} and handed out
 * again while the value there is unchanged, so recurring numeric values cost one box ever
 * instead of one per read. Races between readers are benign: boxes are immutable and safely
 * published through their final value field, and a lost memo write only costs a box.
 */
final class Boxes {

    private Boxes() {
    }

    static Object boxLong(Object[] memo, int i, long value) {
        if (i >= memo.length) {
            return value;
        }
        Object cached = memo[i];
        if (cached instanceof Long && (Long) cached == value) {
            return cached;
        }
        Long boxed = value;
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
