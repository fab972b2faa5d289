package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.attr.FixedAttributeBuilder;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation contract of {@link SpanData}: after warm-up a whole recording cycle
 * (acquire, ids, 8 attributes, events, end, submit, reset) allocates nothing. The pool is not
 * involved: the cycle calls {@code onAcquire()} and {@code reset()} as the pool would.
 */
class SpanDataAllocationTest {

    private static final int OPS = 1_000_000;

    @Test
    void recordingCycleWithEightAttributesAndAnEventAllocatesNothing() {
        SpanData span = new SpanData(SpanLimits.defaults());

        AllocationAssertions.Measurement m = AllocationAssertions.assertZeroAllocationPerOp(
                "SpanData cycle, 8 attributes + 1 event", OPS, i -> {
                    span.onAcquire();
                    span.setTraceId(i, ~i).setSpanId(i + 1L).setParent(i, false).setSampled(true)
                            .setName("GET /users/{id}").setKind(SpanKind.SERVER).setStartEpochNanos(i);
                    span.put("http.method", "GET");
                    span.put("http.route", "/users/{id}");
                    span.put("http.status_code", 200L);
                    span.put("net.peer.port", (long) i);
                    span.put("db.latency_ratio", 0.5);
                    span.put("load", i * 0.25);
                    span.put("cache.hit", true);
                    span.put("retried", (i & 1) == 0);
                    span.addEvent("cache.miss", i + 10L).put("attempt", (long) i);
                    span.setStatus(StatusCode.OK);
                    span.end(i + 100L);
                    span.markSubmitted();
                    span.reset();
                });

        assertThat(m.ops()).isEqualTo(OPS);
        assertThat(span.state()).isEqualTo(SpanState.FREE);
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
        AllocationAssertions.Operation cycle = i -> {
            span.onAcquire();
            for (String key : keys) {
                span.put(key, (long) i);
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
        };

        AllocationAssertions.Measurement first = AllocationAssertions.measure(0, 1, cycle);
        AllocationAssertions.Measurement steady =
                AllocationAssertions.assertZeroAllocationPerOp("SpanData cycle after growth (40 attributes,"
                        + " 6 events x 5 attributes, 3 links)", 30_000, 100_000, cycle);

        assertThat(first.bytes()).as("first cycle grows the storage").isPositive();
        assertThat(steady.bytesPerOp()).isLessThan(1.0);
    }

    @Test
    void droppingPastEveryLimitAllocatesNothing() {
        SpanLimits limits = SpanLimits.builder()
                .attributeInitialCapacity(2).attributeLimit(2)
                .eventLimit(1).preallocatedEvents(1).eventAttributeInitialCapacity(1).eventAttributeLimit(1)
                .linkLimit(0).preallocatedLinks(0)
                .build();
        SpanData span = new SpanData(limits);

        AllocationAssertions.assertZeroAllocationPerOp("SpanData cycle dropping past limits", OPS, i -> {
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
        });

        assertThat(span.droppedAttributeCount()).isZero();
    }

    @Test
    void copyingAFixedAttributeBuilderIntoASpanAllocatesNothing() {
        SpanData span = new SpanData(SpanLimits.defaults());
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create();

        AllocationAssertions.assertZeroAllocationPerOp("FixedAttributeBuilder.copyTo(span) cycle", OPS, i -> {
            attrs.clear();
            attrs.add("http.method", "GET").add("http.route", "/").add("status", 200L).add("port", (long) i)
                    .add("ratio", 0.5).add("load", i * 0.5).add("hit", true).add("retried", false);
            span.onAcquire();
            attrs.copyTo(span);
            span.end(i);
            span.reset();
        });

        assertThat(attrs.size()).isEqualTo(8);
    }
}
