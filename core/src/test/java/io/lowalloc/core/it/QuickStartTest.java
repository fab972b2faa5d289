package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.attr.FixedAttributeBuilder;
import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.EpochClock;
import io.lowalloc.core.span.Ids;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The README's quick start, kept compiling and passing: the lines between the markers are pasted there. */
class QuickStartTest {

    @Test
    void recordsOneSpanAndExportsItThroughTheBatchBuffer() {
        // quickstart:begin
        ObjectPool<SpanData> pool = SpanData.newPool(4096, SpanLimits.defaults());
        AtomicLong exported = new AtomicLong();
        BatchBuffer<SpanData> buffer = BatchBuffer.<SpanData>builder((batch, result) -> {
            exported.addAndGet(batch.size()); // read or copy the spans here, then report the result
            result.success();
        }).setCompletionHook(pool::release).build(); // exported spans go back to the pool
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create(); // one per thread, reused
        EpochClock clock = EpochClock.system();

        SpanData span = pool.acquire();
        span.setTraceId(Ids.randomTraceIdHigh(), Ids.randomTraceIdLow()).setSpanId(Ids.randomSpanId())
                .setName("GET /users/{id}").setKind(SpanKind.SERVER).setStartEpochNanos(clock.nowEpochNanos());
        attrs.clear();
        attrs.add("http.method", "GET").add("http.status_code", 200L).add("cache.hit", true).copyTo(span);
        span.end(clock.nowEpochNanos());
        span.markSubmitted();
        if (!buffer.offer(span)) { pool.release(span); } // refused (queue full or closed): still ours
        assertThat(buffer.flush()).isTrue(); // waits until it is exported and back in the pool
        BatchStats stats = buffer.stats();
        assertThat(stats.exported()).isEqualTo(1);
        assertThat(stats.isBalanced()).isTrue(); // offered = exported + dropped + failed + abandoned + pending
        buffer.close();
        // quickstart:end

        assertThat(exported).hasValue(1);
        assertThat(pool.stats().outstanding()).isZero();
        assertThat(span.attributes().size()).as("reset when released").isZero();
    }
}
