package io.lowalloc.benchmarks.attr;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.attr.AttributeStore;
import io.lowalloc.core.attr.FixedAttributeBuilder;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Table 3: record {@code count} attributes, a quarter each string, long, double and boolean, with
 * distinct precomputed keys, and let the result escape. Long and double values change every
 * operation (so boxing them allocates, as it would for real measurements); strings are constants.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AttributesBenchmark extends StandardRun {

    /** Attributes per operation: 8 (a typical span) and 100 (the Go preallocation scenario). */
    @Param({"8", "100"})
    public int count;

    /**
     * How the keys look. {@code semconv}: dotted names of varied lengths like real semantic-convention
     * keys ({@code app.route.1}, {@code app.user_agent.2}, ...). {@code sameLength}:
     * {@code attribute.key.0}, {@code attribute.key.1}, ... — the worst case for a store that
     * replaces duplicate keys, because every comparison has to look at the whole key.
     */
    @Param({"semconv", "sameLength"})
    public String keys;

    private static final String[] WORDS = {
        "id", "name", "route", "status", "user_agent", "peer", "size", "retry_count", "region", "cache_hit",
        "method", "db.statement", "thread"};

    private String[] keyNames;
    private String[] strings;
    private AttributeKey<String>[] stringKeys;
    private AttributeKey<Long>[] longKeys;
    private AttributeKey<Double>[] doubleKeys;
    private AttributeKey<Boolean>[] booleanKeys;
    private FixedAttributeBuilder fixed;
    private SpanData span;
    private long counter = 1_000_000L;

    /** Precomputes keys and values and the reusable builder. */
    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        keyNames = new String[count];
        strings = new String[count];
        stringKeys = new AttributeKey[count];
        longKeys = new AttributeKey[count];
        doubleKeys = new AttributeKey[count];
        booleanKeys = new AttributeKey[count];
        for (int i = 0; i < count; i++) {
            keyNames[i] = "sameLength".equals(keys) ? "attribute.key." + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26)
                    : "app." + WORDS[i % WORDS.length] + "." + i;
            strings[i] = "value-" + i;
            stringKeys[i] = AttributeKey.stringKey(keyNames[i]);
            longKeys[i] = AttributeKey.longKey(keyNames[i]);
            doubleKeys[i] = AttributeKey.doubleKey(keyNames[i]);
            booleanKeys[i] = AttributeKey.booleanKey(keyNames[i]);
        }
        fixed = FixedAttributeBuilder.create(count);
        span = SpanData.create(SpanLimits.defaults());
    }

    /**
     * lowalloc: one {@link FixedAttributeBuilder} kept by the thread, cleared and refilled.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void fixedBuilderReused(Blackhole bh) {
        FixedAttributeBuilder b = fixed;
        b.clear();
        long v = counter++;
        for (int i = 0; i < count; i++) {
            switch (i & 3) {
                case 0: b.add(keyNames[i], strings[i]); break;
                case 1: b.add(keyNames[i], v + i); break;
                case 2: b.add(keyNames[i], (double) (v + i)); break;
                default: b.add(keyNames[i], (i & 4) == 0); break;
            }
        }
        bh.consume(b);
    }

    /**
     * lowalloc: the attribute puts of one reused {@link SpanData} (default limits), between the
     * {@code reset()} and {@code onAcquire()} a pool would call; the write guard runs on every put.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void spanPutsReused(Blackhole bh) {
        SpanData s = span;
        s.reset();
        s.onAcquire();
        long v = counter++;
        for (int i = 0; i < count; i++) {
            switch (i & 3) {
                case 0: s.put(keyNames[i], strings[i]); break;
                case 1: s.put(keyNames[i], v + i); break;
                case 2: s.put(keyNames[i], (double) (v + i)); break;
                default: s.put(keyNames[i], (i & 4) == 0); break;
            }
        }
        bh.consume(s);
    }

    /**
     * lowalloc: a fresh {@link AttributeStore} that starts empty and grows.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void storeGrowing(Blackhole bh) {
        bh.consume(fill(AttributeStore.create(0, count)));
    }

    /**
     * lowalloc: a fresh {@link AttributeStore} preallocated to {@code count}.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void storePreallocated(Blackhole bh) {
        bh.consume(fill(AttributeStore.create(count, count)));
    }

    private AttributeStore fill(AttributeStore s) {
        long v = counter++;
        for (int i = 0; i < count; i++) {
            switch (i & 3) {
                case 0: s.put(keyNames[i], strings[i]); break;
                case 1: s.put(keyNames[i], v + i); break;
                case 2: s.put(keyNames[i], (double) (v + i)); break;
                default: s.put(keyNames[i], (i & 4) == 0); break;
            }
        }
        return s;
    }

    /**
     * Naive: a fresh {@code new ArrayList<>()} of {@link KeyValue}s with boxed values, grown by
     * appending.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void listGrowing(Blackhole bh) {
        bh.consume(fill(new ArrayList<>()));
    }

    /**
     * Naive, preallocated: a fresh {@code new ArrayList<>(count)} of {@link KeyValue}s.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void listPreallocated(Blackhole bh) {
        bh.consume(fill(new ArrayList<>(count)));
    }

    private List<KeyValue> fill(List<KeyValue> list) {
        long v = counter++;
        for (int i = 0; i < count; i++) {
            switch (i & 3) {
                case 0: list.add(new KeyValue(keyNames[i], strings[i])); break;
                case 1: list.add(new KeyValue(keyNames[i], v + i)); break;
                case 2: list.add(new KeyValue(keyNames[i], (double) (v + i))); break;
                default: list.add(new KeyValue(keyNames[i], (i & 4) == 0)); break;
            }
        }
        return list;
    }

    /**
     * OpenTelemetry API: {@code Attributes.builder()}, typed keys made once, then {@code build()}.
     *
     * @param bh where the result escapes
     */
    @Benchmark
    public void otelAttributesBuilder(Blackhole bh) {
        AttributesBuilder b = Attributes.builder();
        long v = counter++;
        for (int i = 0; i < count; i++) {
            switch (i & 3) {
                case 0: b.put(stringKeys[i], strings[i]); break;
                case 1: b.put(longKeys[i], v + i); break;
                case 2: b.put(doubleKeys[i], (double) (v + i)); break;
                default: b.put(booleanKeys[i], (i & 4) == 0); break;
            }
        }
        bh.consume(b.build());
    }
}
