package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.testing.CountingExporter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Unsampled spans through a warm {@link SpanRecorder} allocate nothing on the producing thread: a
 * root and a nested child, 8 attributes, an event, a link, status, an outgoing {@code traceparent}
 * and a log line, both ended. The second test injects one allocation per cycle to show the
 * measurement catches it.
 */
class UnsampledSpanAllocationTest {

    private static final long WARM_UP = 300_000;
    private static final long OPS = 1_000_000;

    /** Written by the injected allocation so that escape analysis cannot remove it. */
    private static volatile Object escape;

    private final AllocationMeter meter = AllocationMeter.create();
    private final CountingExporter exporter = new CountingExporter();
    private final SpanRecorder recorder = SpanRecorder.builder()
            .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS).build())
            .setShutdownHook(false)
            .setSampler(Sampler.parentBased(Sampler.alwaysOff()))
            .build(exporter);
    private final byte[] header = new byte[Traceparent.LENGTH];
    private final StringBuilder logLine = new StringBuilder(64);

    @AfterEach
    void close() {
        recorder.close();
        RecorderStats stats = recorder.stats();
        assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
        assertThat(stats.batch().offered()).as("never queued").isZero();
        assertThat(exporter.spans()).isZero();
    }

    private LongUnaryOperator cycle(boolean injectAllocation) {
        return i -> {
            SpanData root = recorder.startSpan("GET /users/{id}", SpanKind.SERVER);
            SpanDataAllocationTest.putEightAttributes(root, i);
            SpanData child = recorder.startSpan("SELECT users", SpanKind.CLIENT, root);
            child.put("db.system", "postgresql");
            child.addEvent("retry", i).put("attempt", i);
            child.addLink(i, ~i, i + 1, (byte) 1, true, "a=b").put("k", i);
            child.setStatus(StatusCode.ERROR, "timeout");
            Traceparent.write(child.traceIdHigh(), child.traceIdLow(), child.spanId(), child.traceFlags(), header, 0);
            logLine.setLength(0);
            HexIds.appendHex(child.spanId(), HexIds.appendTraceId(child.traceIdHigh(), child.traceIdLow(), logLine));
            if (injectAllocation) {
                escape = new Object();
            }
            recorder.end(child);
            recorder.end(root);
            return header[54] + logLine.charAt(40);
        };
    }

    @Test
    void unsampledRootAndChildAllocateNothing() {
        double perOp = meter.bytesPerOp(WARM_UP, OPS, cycle(false));
        System.out.printf("[allocation] unsampled root + child cycle: %.4f B/op%n", perOp);

        assertThat(perOp).isZero();
        assertThat(recorder.stats().notSampled()).isGreaterThanOrEqualTo(2 * (WARM_UP + OPS));
    }

    @Test
    void oneInjectedAllocationPerCycleIsDetected() {
        double perOp = meter.bytesPerOp(WARM_UP, OPS / 10, cycle(true));
        System.out.printf("[allocation] unsampled cycle + new Object(): %.4f B/op%n", perOp);

        assertThat(perOp).isGreaterThanOrEqualTo(16.0);
    }
}
