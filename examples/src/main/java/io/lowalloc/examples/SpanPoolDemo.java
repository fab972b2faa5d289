package io.lowalloc.examples;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.EpochClock;
import io.lowalloc.core.span.Ids;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Scenario 1, "Span Pool Demo": records the same spans twice — once making a new {@link SpanData}
 * for each (the baseline, whose spans escape to a static sink so the JIT cannot remove the
 * allocation), once acquiring them from an {@link ObjectPool} and releasing them — and compares
 * the time ({@link System#nanoTime()}) and the bytes allocated on the recording thread
 * ({@link AllocationMeter}). Each figure is the best of {@value LoopMeter#ROUNDS} rounds after a
 * warm-up of the same loop, the two sides' rounds interleaved ({@link LoopMeter#compare}).
 *
 * <p>Not thread-safe; run it on one thread.
 */
public final class SpanPoolDemo {

    /** Warm-up operations before each side is measured: {@value}. */
    static final int WARMUP_OPS = 50_000;

    /**
     * Storage of every span in this demo: room for 16 attributes (like the Go example's
     * {@code make([]attribute.KeyValue, 0, 16)}), no preallocated events or links.
     */
    static final SpanLimits LIMITS = SpanLimits.builder().preallocatedEvents(0).preallocatedLinks(0).build();

    private static final String SERVICE_KEY = "service.name";
    private static final String SERVICE = "checkout";
    private static final String ITERATION_KEY = "iteration";
    private static final String SPAN_NAME = "operation";

    private SpanPoolDemo() {
    }

    /**
     * The measured figures of one run.
     *
     * @param spans spans recorded per measured round, on each side
     * @param unpooledNanos the fastest round making a new span each time, in nanoseconds
     * @param unpooledBytes bytes allocated by the least-allocating such round
     * @param pooledNanos the fastest round using the pool, in nanoseconds
     * @param pooledBytes bytes allocated by the least-allocating such round
     */
    public record Result(int spans, long unpooledNanos, long unpooledBytes, long pooledNanos, long pooledBytes) {
    }

    /**
     * Runs the scenario and prints its section.
     *
     * @param spans spans per measured round, {@code > 0}
     * @param out where the section is printed
     * @return the measured figures
     * @throws IllegalArgumentException if {@code spans <= 0}
     * @throws NullPointerException if {@code out} is null
     */
    public static Result run(int spans, PrintStream out) {
        if (spans <= 0) {
            throw new IllegalArgumentException("spans must be > 0, was: " + spans);
        }
        Objects.requireNonNull(out, "out");
        out.println();
        out.println("--- Span Pool Demo ---");
        LoopMeter meter = new LoopMeter(AllocationMeter.create());
        Recipe recipe = new Recipe(SERVICE_KEY, SERVICE, ITERATION_KEY, SPAN_NAME);
        ObjectPool<SpanData> pool = SpanData.newPool(16, LIMITS);
        pool.prefill(1);

        LoopMeter.Comparison side = meter.compare(
                new UnpooledSpans(recipe)::run, new PooledSpans(pool, recipe)::run, spans, WARMUP_OPS);
        LoopMeter.Result unpooled = side.baseline();
        LoopMeter.Result pooled = side.candidate();
        Result result = new Result(spans, unpooled.nanos(), unpooled.bytes(), pooled.nanos(), pooled.bytes());

        out.printf(Locale.ROOT, "📊 Without Pool: %s, Alloc: %d bytes (%.1f B/span)%n",
                Figures.duration(result.unpooledNanos()), result.unpooledBytes(),
                (double) result.unpooledBytes() / spans);
        out.printf(Locale.ROOT, "📊 With Pool:    %s, Alloc: %d bytes (%.1f B/span)%n",
                Figures.duration(result.pooledNanos()), result.pooledBytes(), (double) result.pooledBytes() / spans);
        out.printf(Locale.ROOT, "🚀 Improvement:  %s, %s%n",
                Figures.speedup(result.unpooledNanos(), result.pooledNanos()),
                Figures.allocationRatio(result.unpooledBytes(), result.pooledBytes()));
        out.printf(Locale.ROOT, "   (%d spans per round, best of %d rounds each, interleaved with the other side, after warm-up; pool: %s)%n",
                spans, LoopMeter.ROUNDS, pool.stats());
        return result;
    }

    /**
     * What both sides record per span: ids, name, kind, times and two attributes. Holds the strings
     * in fields rather than as literals: a C2 compile request resolves its class's string literals
     * on the requesting thread, which would be charged to a measured round.
     */
    private static final class Recipe {
        private final EpochClock clock = EpochClock.system();
        private final String serviceKey;
        private final String service;
        private final String iterationKey;
        private final String name;

        Recipe(String serviceKey, String service, String iterationKey, String name) {
            this.serviceKey = serviceKey;
            this.service = service;
            this.iterationKey = iterationKey;
            this.name = name;
        }

        long fill(SpanData span, int iteration) {
            long start = clock.nowEpochNanos();
            span.setTraceId(Ids.randomTraceIdHigh(), Ids.randomTraceIdLow())
                    .setSpanId(Ids.randomSpanId())
                    .setName(name)
                    .setKind(SpanKind.SERVER)
                    .setStartEpochNanos(start);
            span.put(serviceKey, service);
            span.put(iterationKey, iteration);
            span.end(clock.nowEpochNanos());
            return span.spanId();
        }
    }

    /**
     * The baseline: a new span per operation. It escapes to {@link EscapeSink}, as a span handed to
     * a real pipeline would, so the allocation cannot be optimized away.
     */
    private static final class UnpooledSpans {
        private final Recipe recipe;

        UnpooledSpans(Recipe recipe) {
            this.recipe = recipe;
        }

        long run(int iterations) {
            long sum = 0;
            for (int i = 0; i < iterations; i++) {
                SpanData span = SpanData.create(LIMITS);
                sum += recipe.fill(span, i);
                EscapeSink.escape(span);
            }
            return sum;
        }
    }

    /** The same spans from a pool: acquire, fill, end, release. */
    private static final class PooledSpans {
        private final ObjectPool<SpanData> pool;
        private final Recipe recipe;

        PooledSpans(ObjectPool<SpanData> pool, Recipe recipe) {
            this.pool = pool;
            this.recipe = recipe;
        }

        long run(int iterations) {
            long sum = 0;
            for (int i = 0; i < iterations; i++) {
                SpanData span = pool.acquire();
                sum += recipe.fill(span, i);
                pool.release(span);
            }
            return sum;
        }
    }
}
