package io.lowalloc.otel;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.gc.AllocationMeter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipeline (BLOCK policy, so every span is exported) feeding a {@link FieldReadingExporter},
 * driven by an {@link AllocationWorkload} under a remote parent made current on the producer
 * thread, and a meter that sums the bytes allocated by the producer (the calling thread), by the
 * pipeline's export worker thread and by its exporter thread (which runs the exporter's calls) —
 * every thread that touches a span.
 */
final class PipelineRig implements AutoCloseable {

    private static final AtomicInteger RIGS = new AtomicInteger();

    final FieldReadingExporter exporter;
    final PooledSpanPipeline pipeline;
    final AllocationWorkload workload;
    private final String workerName;
    private final Thread worker;
    private Thread exporterThread; // started by the worker; found after the warm-up
    private final Scope parentScope;
    private final AllocationMeter meter = AllocationMeter.create();

    PipelineRig(boolean readHexIds, boolean injectAllocation, boolean distinctLongs) {
        this.exporter = new FieldReadingExporter(readHexIds, injectAllocation);
        this.workerName = "allocation-rig-" + RIGS.incrementAndGet();
        this.pipeline = PooledSpanPipeline.builder(exporter)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(1, TimeUnit.MINUTES)
                .setWorkerThreadName(workerName)
                .build();
        this.worker = findThread(workerName);
        this.workload = new AllocationWorkload(pipeline, WorkloadText.TEXT, distinctLongs);
        SpanContext parent = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
        this.parentScope = Context.root().with(Span.wrap(parent)).makeCurrent();
    }

    /**
     * Runs {@code warmupSpans}, then up to {@code rounds} measured rounds of {@code spans} spans,
     * each followed by a flush, and returns the least bytes per span allocated by the producer,
     * the worker and the exporter thread together in a round (a one-off JIT event in one round is not charged to the
     * spans; a steady allocation shows in every round).
     */
    double bytesPerSpan(long warmupSpans, long spans, int rounds) {
        for (long done = 0; done < warmupSpans; done += spans) {
            workload.run(Math.min(spans, warmupSpans - done));
            pipeline.flush();
        }
        exporterThread = findThread(workerName + "-exporter");
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long before = allocatedBytes();
            workload.run(spans);
            pipeline.flush();
            least = Math.min(least, allocatedBytes() - before);
        }
        return (double) least / spans;
    }

    private long allocatedBytes() {
        return meter.currentThreadAllocatedBytes() + meter.threadAllocatedBytes(worker)
                + meter.threadAllocatedBytes(exporterThread);
    }

    private static Thread findThread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    @Override
    public void close() {
        parentScope.close();
        pipeline.close();
    }
}
