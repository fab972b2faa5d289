package io.lowalloc.benchmarks.span;

import io.lowalloc.core.attr.AttributeVisitor;
import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanLink;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core counterpart of {@link ReadingSpanExporter}: a no-op {@link BatchExporter} that reads every
 * field of every pooled span through the core API — ids and flags as primitives, trace state, name,
 * kind, times, status, every attribute (typed, through one reused {@link AttributeVisitor}), events
 * and links with their attributes — counts the spans, and signals success before returning. It sends
 * nothing anywhere and keeps no reference to a span, so the recorder hands the spans back to its pool
 * as soon as the call returns. No OpenTelemetry class is involved: this is what an exporter reading
 * the same fields costs without the bridge's views (no hex ids, no boxing).
 *
 * <p>Called by one exporter thread at a time (see {@link BatchExporter}); the counters may be read
 * from any thread. Allocates nothing.
 */
public final class CoreReadingExporter implements BatchExporter<SpanData> {

    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final Visitor visitor = new Visitor();
    private volatile long published;

    @Override
    public void export(List<SpanData> batch, ExportCompletion completion) {
        long sum = 0;
        int n = batch.size();
        for (int i = 0; i < n; i++) {
            sum += read(batch.get(i));
        }
        published = sum + visitor.sum;
        exported.addAndGet(n);
        calls.incrementAndGet();
        completion.success();
    }

    private long read(SpanData span) {
        long sum = span.traceIdHigh() ^ span.traceIdLow() ^ span.spanId() ^ span.parentSpanId();
        sum += span.traceFlags() + span.traceState().length() + (span.isParentRemote() ? 1 : 0);
        sum += span.name().length() + span.kind().ordinal();
        sum += span.startEpochNanos() + span.endEpochNanos();
        sum += span.statusCode().ordinal() + span.statusDescription().length();
        sum += span.droppedAttributeCount() + span.droppedEventCount() + span.droppedLinkCount();
        span.attributes().forEach(visitor);
        for (int i = 0, events = span.eventCount(); i < events; i++) {
            SpanEvent event = span.event(i);
            sum += event.epochNanos() + event.name().length();
            event.attributes().forEach(visitor);
        }
        for (int i = 0, links = span.linkCount(); i < links; i++) {
            SpanLink link = span.link(i);
            sum += link.traceIdHigh() ^ link.traceIdLow() ^ link.spanId();
            sum += link.traceFlags() + link.traceState().length();
            link.attributes().forEach(visitor);
        }
        return sum;
    }

    /**
     * Returns how many spans were exported so far.
     *
     * @return the span count
     */
    public long exportedSpans() {
        return exported.get();
    }

    /**
     * Returns how many export calls were made so far.
     *
     * @return the call count
     */
    public long exportCalls() {
        return calls.get();
    }

    /**
     * Returns a checksum of everything read, so that no read is dead code.
     *
     * @return the checksum of the last call
     */
    public long checksum() {
        return published;
    }

    /** Touches every key and value without formatting either. */
    private static final class Visitor implements AttributeVisitor {
        long sum;

        @Override
        public void visitString(String key, String value) {
            sum += key.length() + value.length();
        }

        @Override
        public void visitLong(String key, long value) {
            sum += key.length() + value;
        }

        @Override
        public void visitDouble(String key, double value) {
            sum += key.length() + Double.doubleToRawLongBits(value);
        }

        @Override
        public void visitBoolean(String key, boolean value) {
            sum += key.length() + (value ? 1 : 0);
        }

        @Override
        public void visitStringArray(String key, String[] value) {
            sum += key.length() + value.length;
        }

        @Override
        public void visitLongArray(String key, long[] value) {
            sum += key.length() + value.length;
        }

        @Override
        public void visitDoubleArray(String key, double[] value) {
            sum += key.length() + value.length;
        }

        @Override
        public void visitBooleanArray(String key, boolean[] value) {
            sum += key.length() + value.length;
        }
    }
}
