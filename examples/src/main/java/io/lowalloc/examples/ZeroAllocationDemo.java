package io.lowalloc.examples;

import io.lowalloc.core.attr.FixedAttributeBuilder;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.span.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scenario 3, "Zero-Allocation Demo": gives each span the same three attributes
 * ({@code service=api}, {@code status=200}, {@code method=GET}) twice — once through a fresh
 * {@code ArrayList} of key-value objects per span (the usual Java code: the list, its array, one
 * object per attribute and a boxed status), once through one reused
 * {@link FixedAttributeBuilder} copied into the span — and compares time and bytes allocated on
 * the recording thread ({@link AllocationMeter}, best of {@value LoopMeter#ROUNDS} rounds after
 * warm-up, the two sides' rounds interleaved). When the builder side allocated nothing, the ratio line says
 * "Inf less allocation (0 bytes)".
 *
 * <p>Not thread-safe; run it on one thread.
 */
public final class ZeroAllocationDemo {

    /** Warm-up operations before each side is measured: {@value}. */
    static final int WARMUP_OPS = 100_000;

    private ZeroAllocationDemo() {
    }

    /**
     * The measured figures of one run.
     *
     * @param spans spans given attributes per measured round, on each side
     * @param freshListNanos the fastest round with a fresh attribute list per span, in nanoseconds
     * @param freshListBytes bytes allocated by the least-allocating such round
     * @param builderNanos the fastest round with the reused builder, in nanoseconds
     * @param builderBytes bytes allocated by the least-allocating such round
     */
    public record Result(int spans, long freshListNanos, long freshListBytes, long builderNanos, long builderBytes) {
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
        out.println("--- Zero-Allocation Demo ---");
        Attributes attributes = new Attributes("service", "api", "status", 200, "method", "GET");
        LoopMeter meter = new LoopMeter(AllocationMeter.create());
        LoopMeter.Comparison side = meter.compare(
                new FreshList(attributes)::run, new ReusedBuilder(attributes)::run, spans, WARMUP_OPS);
        LoopMeter.Result fresh = side.baseline();
        LoopMeter.Result builder = side.candidate();
        Result result = new Result(spans, fresh.nanos(), fresh.bytes(), builder.nanos(), builder.bytes());

        out.printf(Locale.ROOT, "📊 Fresh list per span:    %s, Alloc: %d bytes (%.1f B/span)%n",
                Figures.duration(result.freshListNanos()), result.freshListBytes(),
                (double) result.freshListBytes() / spans);
        out.printf(Locale.ROOT, "📊 FixedAttributeBuilder:  %s, Alloc: %d bytes (%.1f B/span)%n",
                Figures.duration(result.builderNanos()), result.builderBytes(),
                (double) result.builderBytes() / spans);
        out.printf(Locale.ROOT, "🚀 Improvement:            %s, %s%n",
                Figures.speedup(result.freshListNanos(), result.builderNanos()),
                Figures.allocationRatio(result.freshListBytes(), result.builderBytes()));
        out.printf(Locale.ROOT, "   (%d spans per round, best of %d rounds each, interleaved with the other side, after warm-up)%n", spans, LoopMeter.ROUNDS);
        return result;
    }

    /** The three attributes both sides record; strings held in fields, not literals (see LoopMeter). */
    private static final class Attributes {
        final String serviceKey;
        final String service;
        final String statusKey;
        final long status;
        final String methodKey;
        final String method;

        Attributes(String serviceKey, String service, String statusKey, long status, String methodKey,
                String method) {
            this.serviceKey = serviceKey;
            this.service = service;
            this.statusKey = statusKey;
            this.status = status;
            this.methodKey = methodKey;
            this.method = method;
        }
    }

    /** One attribute of the baseline's list: a key and a boxed value, as generic Java code keeps it. */
    private record KeyValue(String key, Object value) {
    }

    /**
     * The baseline: a fresh list per span, copied into the span. The list escapes, as one kept by
     * a span or handed to an exporter would, so the JIT cannot scalar-replace it.
     */
    private static final class FreshList {
        private final Attributes a;
        private final SpanData span = SpanData.create(SpanPoolDemo.LIMITS);

        FreshList(Attributes a) {
            this.a = a;
        }

        long run(int iterations) {
            long sum = 0;
            for (int i = 0; i < iterations; i++) {
                List<KeyValue> attrs = new ArrayList<>(3);
                attrs.add(new KeyValue(a.serviceKey, a.service));
                attrs.add(new KeyValue(a.statusKey, Long.valueOf(a.status)));
                attrs.add(new KeyValue(a.methodKey, a.method));
                span.reset();
                span.onAcquire();
                for (int k = 0; k < attrs.size(); k++) {
                    KeyValue kv = attrs.get(k);
                    if (kv.value() instanceof Long) {
                        span.put(kv.key(), ((Long) kv.value()).longValue());
                    } else {
                        span.put(kv.key(), (String) kv.value());
                    }
                }
                EscapeSink.escape(attrs);
                sum += span.attributes().size();
            }
            return sum;
        }
    }

    /** The same attributes through one builder, cleared and refilled per span. */
    private static final class ReusedBuilder {
        private final Attributes a;
        private final SpanData span = SpanData.create(SpanPoolDemo.LIMITS);
        private final FixedAttributeBuilder builder = FixedAttributeBuilder.create();

        ReusedBuilder(Attributes a) {
            this.a = a;
        }

        long run(int iterations) {
            long sum = 0;
            for (int i = 0; i < iterations; i++) {
                builder.clear();
                builder.add(a.serviceKey, a.service).add(a.statusKey, a.status).add(a.methodKey, a.method);
                span.reset();
                span.onAcquire();
                builder.copyTo(span);
                sum += span.attributes().size();
            }
            return sum;
        }
    }
}
