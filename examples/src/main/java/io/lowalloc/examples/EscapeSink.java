package io.lowalloc.examples;

/**
 * Where the demos' baselines put what they allocate so that it escapes: a store to a static
 * volatile field is a global escape, so the JIT's escape analysis cannot scalar-replace the object
 * and the allocation the baseline is meant to show really happens (see the README's pitfall on
 * escape analysis). Also publishes loop results so the JIT must compute them.
 */
final class EscapeSink {

    private static volatile Object object;
    private static volatile long value;

    private EscapeSink() {
    }

    /** Makes {@code o} reachable from a static field: it escapes. Allocates nothing. */
    static void escape(Object o) {
        object = o;
    }

    /** Publishes a loop's result. Allocates nothing. */
    static void consume(long v) {
        value = v;
    }

    /** Returns the last escaped object; only for tests that want to see one. */
    static Object lastEscaped() {
        return object;
    }
}
