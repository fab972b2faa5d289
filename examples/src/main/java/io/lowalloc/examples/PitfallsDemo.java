package io.lowalloc.examples;

import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanData;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs the pitfalls of {@code examples/README.md} and prints what happened: the pool's reset on
 * release, the library detecting use after release and double release, capacity versus length,
 * escape analysis, and the batch-size trade-off.
 *
 * <p>Not thread-safe; run it on one thread.
 */
public final class PitfallsDemo {

    /** Items offered in each batch-size run: {@value}. */
    public static final int BATCH_SIZING_ITEMS = 200;

    /** Pause between two offers in the batch-size runs: {@value} µs. */
    public static final long BATCH_SIZING_INTERVAL_MICROS = 1_000L;

    private PitfallsDemo() {
    }

    /**
     * What each pitfall showed.
     *
     * @param reuse what the next holder of a released span saw
     * @param useAfterRelease the exception the library threw on a write after release, or {@code null} if none
     * @param doubleRelease the exception the library threw on a second release, or {@code null} if none
     * @param capacityVsLength where an appended element landed
     * @param escapeAnalysis bytes per operation with and without escape
     * @param smallBatch the batch-size run with batch size 10
     * @param largeBatch the batch-size run with batch size 100
     */
    public record Result(PoolMisuse.Reuse reuse, IllegalStateException useAfterRelease,
            IllegalStateException doubleRelease, CapacityVsLength.Result capacityVsLength,
            EscapeAnalysis.Result escapeAnalysis, BatchSizing.Result smallBatch, BatchSizing.Result largeBatch) {
    }

    /**
     * Runs every pitfall and prints its section.
     *
     * @param out where the section is printed
     * @return what each pitfall showed
     * @throws NullPointerException if {@code out} is null
     */
    public static Result run(PrintStream out) {
        Objects.requireNonNull(out, "out");
        out.println();
        out.println("--- Pitfalls (examples/README.md) ---");
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanPoolDemo.LIMITS);

        PoolMisuse.Reuse reuse = PoolMisuse.reuseAfterRelease(pool);
        out.printf(Locale.ROOT, "%s Reset before release: the next holder got %s with name \"%s\" and %d attributes%n",
                reuse.nameSeen().isEmpty() && reuse.attributesSeen() == 0 ? "✅" : "❌",
                reuse.sameInstance() ? "the same span" : "another span", reuse.nameSeen(), reuse.attributesSeen());

        IllegalStateException afterRelease = expectMisuse(() -> PoolMisuse.modifyAfterRelease(pool));
        out.printf(Locale.ROOT, "%s Use after release detected: %s%n", afterRelease != null ? "✅" : "❌",
                afterRelease != null ? afterRelease : "NOT detected");
        IllegalStateException twice = expectMisuse(() -> PoolMisuse.releaseTwice(pool));
        out.printf(Locale.ROOT, "%s Double release detected:    %s%n", twice != null ? "✅" : "❌",
                twice != null ? twice : "NOT detected");

        CapacityVsLength.Result append = CapacityVsLength.append(PreallocationDemo.ATTRIBUTES);
        out.printf(Locale.ROOT, "✅ Capacity vs length: new ArrayList<>(%d).add(x) lands at index %d; "
                        + "appending after new String[%d] lands at index %d (size %d)%n",
                PreallocationDemo.ATTRIBUTES, append.capacityIndex(), PreallocationDemo.ATTRIBUTES,
                append.lengthIndex(), append.lengthSize());

        EscapeAnalysis.Result escape = EscapeAnalysis.measure();
        out.printf(Locale.ROOT, "✅ Escape analysis: same allocation, %.1f B/op kept local (scalar-replaced "
                        + "when 0), %.1f B/op when it escapes%n",
                escape.nonEscapingBytesPerOp(), escape.escapingBytesPerOp());

        BatchSizing.Result small = BatchSizing.measure(10, BATCH_SIZING_ITEMS, BATCH_SIZING_INTERVAL_MICROS);
        BatchSizing.Result large = BatchSizing.measure(100, BATCH_SIZING_ITEMS, BATCH_SIZING_INTERVAL_MICROS);
        out.printf(Locale.ROOT, "✅ Batch size (%d items, one per %d µs): batch %d -> %d export calls, "
                        + "mean wait %.1f ms; batch %d -> %d calls, mean wait %.1f ms%n",
                BATCH_SIZING_ITEMS, BATCH_SIZING_INTERVAL_MICROS, small.batchSize(), small.exportCalls(),
                small.meanWaitMillis(), large.batchSize(), large.exportCalls(), large.meanWaitMillis());
        return new Result(reuse, afterRelease, twice, append, escape, small, large);
    }

    private static IllegalStateException expectMisuse(Runnable misuse) {
        try {
            misuse.run();
            return null;
        } catch (IllegalStateException detected) {
            return detected;
        }
    }
}
