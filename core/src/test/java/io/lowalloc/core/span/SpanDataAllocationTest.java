package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.attr.FixedAttributeBuilder;
import io.lowalloc.core.gc.AllocationMeter;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation contract of {@link SpanData}: after warm-up a whole recording cycle
 * (acquire, ids, 8 attributes, events, end, submit, reset) allocates nothing. The pool is not
 * involved: the cycle calls {@code onAcquire()} and {@code reset()} as the pool would. Measured
 * with {@link AllocationMeter#bytesPerOp}: the least of up to 3 rounds of {@value #OPS} cycles,
 * after warming up the very same cycle; one test injects an allocation to show it is caught.
 */
class SpanDataAllocationTest {

    private static final long WARM_UP_OPS = 200_000;
    private static final long OPS = 1_000_000;

    /** Written by the injected allocation so that escape analysis cannot remove it. */
    private static volatile Object escape;

    private final AllocationMeter meter = AllocationMeter.create();

    private double bytesPerOp(String what, long warmUpOps, long ops, LongUnaryOperator op) {
        double perOp = meter.bytesPerOp(warmUpOps, ops, op);
        System.out.printf("[allocation] %s: %.3f B/op over %,d ops%n", what, perOp, ops);
        return perOp;
    }

    /** Writes the 8 attributes of a typical server span: 2 each of String, long, double, boolean. */
    static void putEightAttributes(SpanData span, long i) {
        span.put("http.method", "GET");
        span.put("http.route", "/users/{id}");
        span.put("http.status_code", 200L);
        span.put("net.peer.port", i);
        span.put("db.latency_ratio", 0.5);
        span.put("load", i * 0.25);
        span.put("cache.hit", true);
        span.put("retried", (i & 1) == 0);
    }

    /** Records a span with 8 attributes and an event, ends and submits it, then resets it. */
    private static LongUnaryOperator recordingCycle(SpanData span, boolean injectAllocation) {
        return i -> {
            span.onAcquire();
            span.setTraceId(i, ~i).setSpanId(i + 1L).setParent(i, false).setSampled(true)
                    .setName("GET /users/{id}").setKind(SpanKind.SERVER).setStartEpochNanos(i);
            putEightAttributes(span, i);
            span.addEvent("cache.miss", i + 10L).put("attempt", i);
            if (injectAllocation) {
                escape = new Object();
            }
            span.setStatus(StatusCode.OK);
            span.end(i + 100L);
            span.markSubmitted();
            span.reset();
            return i;
        };
    }

    @Test
    void recordingCycleWithEightAttributesAndAnEventAllocatesNothing() {
        SpanData span = new SpanData(SpanLimits.defaults());

        double perOp = bytesPerOp("SpanData cycle, 8 attributes + 1 event", WARM_UP_OPS, OPS,
                recordingCycle(span, false));

        assertThat(perOp).isZero();
        assertThat(span.state()).isEqualTo(SpanState.FREE);
    }

    @Test
    void oneInjectedAllocationPerRecordingCycleIsDetected() {
        SpanData span = new SpanData(SpanLimits.defaults());

        // An allocation in every cycle shows in all 3 rounds, so shorter rounds suffice.
        double perOp = bytesPerOp("SpanData cycle + new Object()", WARM_UP_OPS, OPS / 10, recordingCycle(span, true));

        assertThat(perOp).isGreaterThanOrEqualTo(16.0);
        assertThat(escape).isNotNull();
    }

    @Test
    void growthAllocatesOnlyWhileWarmingUpThenNothing() {
        SpanLimits limits = SpanLimits.builder()
                .attributeInitialCapacity(0).attributeLimit(64)
                .preallocatedEvents(0).eventAttributeInitialCapacity(0)
                .preallocatedLinks(0).linkAttributeInitialCapacity(0)
                .build();
        SpanData span = new SpanData(limits);
        String[] keys = new String[40];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = "key." + k;
        }
        LongUnaryOperator cycle = i -> {
            span.onAcquire();
            for (String key : keys) {
                span.put(key, i);
            }
            for (int e = 0; e < 6; e++) {
                SpanEvent event = span.addEvent("event", i);
                event.put("a", 1L);
                event.put("b", "text");
                event.put("c", true);
                event.put("d", 1.5);
                event.put("e", 2L);
            }
            for (int l = 0; l < 3; l++) {
                span.addLink(i, i, i, (byte) 1).put("link.kind", "follows");
            }
            span.end(i);
            span.reset();
            return i;
        };

        AllocationMeter.Measurement firstCycle = meter.startCurrentThread();
        cycle.applyAsLong(0);
        long first = firstCycle.bytesSinceStart();
        double steady = bytesPerOp("SpanData cycle after growth (40 attributes, 6 events x 5 attributes, 3 links)",
                30_000, 100_000, cycle);

        assertThat(first).as("first cycle grows the storage").isPositive();
        assertThat(steady).isZero();
    }

    /**
     * Default limits preallocate nothing: the first cycle grows a span's storage to 100 attributes
     * (the hash index included), one event and one link; after that the same cycle allocates
     * nothing.
     */
    @Test
    void hundredAttributesOnDefaultLimitsGrowOnceThenAllocateNothing() {
        SpanData span = new SpanData(SpanLimits.defaults());
        String[] keys = new String[100];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = "attribute.key." + (char) ('a' + k / 26) + (char) ('a' + k % 26);
        }
        LongUnaryOperator cycle = i -> {
            span.onAcquire();
            for (int k = 0; k < keys.length; k++) {
                span.put(keys[k], i + k);
            }
            span.put(keys[0], "replaced");
            span.addEvent("retry", i).put("attempt", i);
            span.addLink(i, i, i, (byte) 1).put("link.kind", "follows");
            span.end(i);
            span.reset();
            return i;
        };

        AllocationMeter.Measurement firstCycle = meter.startCurrentThread();
        cycle.applyAsLong(0);
        long first = firstCycle.bytesSinceStart();
        double steady = bytesPerOp("SpanData cycle after growth (100 attributes, default limits)", WARM_UP_OPS / 4,
                OPS / 4, cycle);

        assertThat(first).as("first cycle grows the storage").isPositive();
        assertThat(steady).isZero();
        assertThat(span.store().capacity()).isEqualTo(SpanLimits.DEFAULT_ATTRIBUTE_LIMIT);
    }

    @Test
    void droppingPastEveryLimitAllocatesNothing() {
        SpanLimits limits = SpanLimits.builder()
                .attributeInitialCapacity(2).attributeLimit(2)
                .eventLimit(1).preallocatedEvents(1).eventAttributeInitialCapacity(1).eventAttributeLimit(1)
                .linkLimit(0).preallocatedLinks(0)
                .build();
        SpanData span = new SpanData(limits);

        double perOp = bytesPerOp("SpanData cycle dropping past limits", WARM_UP_OPS, OPS, i -> {
            span.onAcquire();
            span.put("a", 1L);
            span.put("b", 2L);
            span.put("c", 3L);
            span.addEvent("kept", i).put("x", 1L);
            span.event(0).put("y", 2L);
            span.addEvent("dropped", i).put("z", "v");
            span.addLink(1L, 2L, 3L, (byte) 1).put("l", true);
            span.end(i);
            span.reset();
            return i;
        });

        assertThat(perOp).isZero();
        assertThat(span.droppedAttributeCount()).isZero();
    }

    @Test
    void copyingAFixedAttributeBuilderIntoASpanAllocatesNothing() {
        SpanData span = new SpanData(SpanLimits.defaults());
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create();

        double perOp = bytesPerOp("FixedAttributeBuilder.copyTo(span) cycle", WARM_UP_OPS, OPS, i -> {
            attrs.clear();
            attrs.add("http.method", "GET").add("http.route", "/").add("status", 200L).add("port", i)
                    .add("ratio", 0.5).add("load", i * 0.5).add("hit", true).add("retried", false);
            span.onAcquire();
            attrs.copyTo(span);
            span.end(i);
            span.reset();
            return i;
        });

        assertThat(perOp).isZero();
        assertThat(attrs.size()).isEqualTo(8);
    }
}
