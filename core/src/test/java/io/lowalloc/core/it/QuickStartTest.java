package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.attr.FixedAttributeBuilder;
import io.lowalloc.core.span.RecorderStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The README's quick start, kept compiling and passing: the lines between the markers are pasted there. */
class QuickStartTest {

    @Test
    void recordsTwoSpansAndExportsThemThroughTheRecorder() {
        // readme:quickstart:begin
        AtomicLong exported = new AtomicLong();
        SpanRecorder recorder = SpanRecorder.create((batch, result) -> {
            exported.addAndGet(batch.size()); // read or copy the spans here, then report the result
            result.success();
        }); // a span pool, a batch buffer and its worker, with OpenTelemetry's batching defaults
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create(); // reused; not one per virtual thread

        SpanData span = recorder.startSpan("GET /users/{id}", SpanKind.SERVER); // new trace, random ids
        attrs.clear();
        attrs.add("http.method", "GET").add("http.status_code", 200L).add("cache.hit", true).copyTo(span);
        SpanData query = recorder.startSpan("SELECT users", SpanKind.CLIENT, span); // a child, same trace
        recorder.end(query); // ends and queues it; it goes back to the pool once exported (or if refused)
        recorder.end(span);
        assertThat(recorder.flush()).isTrue(); // waits until both are exported and back in the pool
        RecorderStats stats = recorder.stats();
        assertThat(stats.batch().exported()).isEqualTo(2);
        assertThat(stats.isBalanced()).isTrue(); // offered = exported + dropped + failed + abandoned + pending
        recorder.close();
        // readme:quickstart:end

        assertThat(exported).hasValue(2);
        assertThat(recorder.stats().pool().outstanding()).isZero();
        assertThat(span.attributes().size()).as("reset when released").isZero();
    }
}
