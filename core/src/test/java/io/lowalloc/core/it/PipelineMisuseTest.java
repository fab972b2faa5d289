package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.batch.BatchBuffer;
import io.lowalloc.core.batch.BatchStats;
import io.lowalloc.core.pool.HandOffReleaser;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.PoolStats;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanState;
import io.lowalloc.core.span.StatusCode;
import io.lowalloc.core.testing.CountingExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Misuse seen through the whole pipeline: each one raises the documented exception, or returns
 * false and moves the documented counter, and leaves pool and buffer consistent and usable.
 */
class PipelineMisuseTest {

    private static final String SUBMITTED_RELEASE_MESSAGE = "cannot release a SUBMITTED span: the pipeline it was"
            + " submitted to owns it and returns it to the pool (through the pool's hand-off releaser)";

    private final ObjectPool<SpanData> pool = SpanData.newPool(16, SpanLimits.defaults());
    private final HandOffReleaser<SpanData> releaser = pool.claimHandOffReleaser();
    private final List<BatchBuffer<SpanData>> buffers = new ArrayList<>();
    private final CountingExporter exporter = new CountingExporter();

    @AfterEach
    void closeAndCheckTheAccounting() {
        for (BatchBuffer<SpanData> buffer : buffers) {
            buffer.close();
            BatchStats stats = buffer.stats();
            assertThat(stats.pending()).as("pending after close: %s", stats).isZero();
            assertThat(stats.isBalanced()).as("invariant: %s", stats).isTrue();
        }
        assertThat(exporter.notSubmitted()).isZero();
    }

    /** A buffer that exports only on flush or close: a span offered to it stays queued. */
    private BatchBuffer<SpanData> buffer(HandOffReleaser<SpanData> releaseTo) {
        BatchBuffer<SpanData> buffer = BatchBuffer.builder(exporter)
                .setScheduleDelay(1, TimeUnit.HOURS)
                .setCompletionHook(releaseTo::release)
                .build();
        buffers.add(buffer);
        return buffer;
    }

    private SpanData endedAndSubmitted(ObjectPool<SpanData> from) {
        SpanData span = from.acquire();
        span.setName("misuse").setSpanId(42L);
        span.put("attempt", 1L);
        span.end(1L);
        span.markSubmitted();
        return span;
    }

    @Test
    void releasingASpanTheHookAlreadyReleasedThrowsAndChangesNothing() {
        BatchBuffer<SpanData> buffer = buffer(releaser);
        SpanData span = endedAndSubmitted(pool);
        assertThat(buffer.offer(span)).isTrue();
        assertThat(buffer.flush()).isTrue();
        PoolStats before = pool.stats();

        assertThatThrownBy(() -> pool.release(span))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("object already released (its state is POOLED) to " + pool);

        assertThat(pool.stats()).isEqualTo(before);
        assertThat(before.outstanding()).isZero();
        assertThat(span.poolSlot().state()).isEqualTo(PoolSlot.State.POOLED);
        SpanData again = pool.acquire();
        assertThat(again).isSameAs(span);
        assertThat(again.state()).isEqualTo(SpanState.ACQUIRED);
        pool.release(again);
        assertThat(pool.stats().outstanding()).isZero();
    }

    /**
     * Issue 9, broken promise 7, step by step: {@code markSubmitted(); offer(s); pool.release(s)}
     * must throw naming the state and change nothing, so the next acquire cannot hand out the
     * queued span and the exporter reads the data of the holder that submitted it.
     */
    @Test
    void releasingAQueuedSpanThrowsNamingTheStateAndTheBufferKeepsIt() {
        List<String> exportedNames = new CopyOnWriteArrayList<>();
        BatchBuffer<SpanData> buffer = BatchBuffer.<SpanData>builder((batch, completion) -> {
            for (SpanData s : batch) {
                exportedNames.add(s.name() + "#" + s.spanId());
            }
            completion.success();
        }).setScheduleDelay(1, TimeUnit.HOURS).setCompletionHook(releaser::release).build();
        buffers.add(buffer);
        SpanData span = endedAndSubmitted(pool);
        assertThat(buffer.offer(span)).isTrue();
        PoolStats before = pool.stats();

        assertThatThrownBy(() -> pool.release(span))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(SUBMITTED_RELEASE_MESSAGE);

        assertThat(pool.stats()).as("a refused release changes no counter").isEqualTo(before);
        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
        assertThat(span.poolSlot().state()).isEqualTo(PoolSlot.State.ACQUIRED);
        SpanData next = pool.acquire();
        assertThat(next).as("the queued span is not handed out again").isNotSameAs(span);
        next.setName("next holder").setSpanId(43L);
        assertThat(buffer.flush()).isTrue();
        assertThat(exportedNames).as("the exporter read the submitting holder's data").containsExactly("misuse#42");
        assertThat(span.state()).as("released by the completion hook").isEqualTo(SpanState.FREE);
        assertThat(next.name()).as("the next holder's span is untouched").isEqualTo("next holder");
        assertThat(pool.stats().outstanding()).isEqualTo(1);
        pool.release(next);
        assertThat(pool.stats().outstanding()).isZero();
    }

    @Test
    void releasingASpanToAnotherPoolThrowsAndTheWrongHookLeavesItToItsOwner() {
        ObjectPool<SpanData> otherPool = SpanData.newPool(16, SpanLimits.defaults());
        SpanData span = endedAndSubmitted(pool);

        assertThatThrownBy(() -> otherPool.release(span))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("object was not created by this pool (" + otherPool + "); it belongs to " + pool);

        // Through a pipeline wired to the wrong pool: the hook throws, the worker logs it and
        // carries on, the span is counted as exported and neither pool is corrupted.
        BatchBuffer<SpanData> buffer = buffer(otherPool.claimHandOffReleaser());
        assertThat(buffer.offer(span)).isTrue();
        assertThat(buffer.flush()).isTrue();
        assertThat(buffer.stats().exported()).isEqualTo(1);
        assertThat(otherPool.stats().acquired() + otherPool.stats().released()).isZero();
        assertThat(pool.stats().outstanding()).isEqualTo(1);
        assertThat(span.poolSlot().state()).isEqualTo(PoolSlot.State.ACQUIRED);
        releaser.release(span);
        assertThat(pool.stats().outstanding()).isZero();
        assertThat(span.state()).isEqualTo(SpanState.FREE);
    }

    @Test
    void writingToASpanAfterOfferThrowsSpanAlreadySubmitted() {
        BatchBuffer<SpanData> buffer = buffer(releaser);
        SpanData span = endedAndSubmitted(pool);
        assertThat(buffer.offer(span)).isTrue();

        assertThat(buffer.stats().pending()).as("still queued").isEqualTo(1);
        assertThatThrownBy(() -> span.setName("changed")).isInstanceOf(IllegalStateException.class)
                .hasMessage("span already submitted");
        assertThatThrownBy(() -> span.put("attempt", 2L)).isInstanceOf(IllegalStateException.class)
                .hasMessage("span already submitted");
        assertThatThrownBy(() -> span.setStatus(StatusCode.ERROR, "late")).isInstanceOf(IllegalStateException.class)
                .hasMessage("span already submitted");
        assertThatThrownBy(() -> span.addEvent("late", 2L)).isInstanceOf(IllegalStateException.class)
                .hasMessage("span already submitted");
        assertThatThrownBy(() -> span.end(2L)).isInstanceOf(IllegalStateException.class)
                .hasMessage("span already submitted");
        assertThatThrownBy(span::markSubmitted).isInstanceOf(IllegalStateException.class)
                .hasMessage("span already submitted");

        assertThat(buffer.flush()).isTrue();
        assertThat(exporter.spans()).isEqualTo(1);
        // Exported and released by the hook: a stale reference now finds the span free.
        assertThatThrownBy(() -> span.setName("changed")).isInstanceOf(IllegalStateException.class)
                .hasMessage("span is free (released to its pool)");
        assertThat(span.name()).isEmpty();
        assertThat(pool.stats().outstanding()).isZero();
    }

    @Test
    void submittingASpanThatWasNotEndedThrowsSpanNotEndedYet() {
        SpanData span = pool.acquire();

        assertThatThrownBy(span::markSubmitted).isInstanceOf(IllegalStateException.class)
                .hasMessage("span not ended yet");

        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        pool.release(span);
    }

    @Test
    void offeringAfterCloseReturnsFalseCountsItAndLeavesTheSpanToTheCaller() {
        BatchBuffer<SpanData> buffer = buffer(releaser);
        buffer.close();
        SpanData span = endedAndSubmitted(pool);

        assertThat(buffer.offer(span)).isFalse();

        BatchStats stats = buffer.stats();
        assertThat(stats.rejectedAfterClose()).isEqualTo(1);
        assertThat(stats.dropped()).isEqualTo(1);
        assertThat(stats.offered()).isEqualTo(1);
        assertThat(stats.isBalanced()).isTrue();
        assertThat(exporter.spans()).isZero();
        assertThat(pool.stats().outstanding()).as("the refused span is still the caller's").isEqualTo(1);
        assertThatThrownBy(() -> pool.release(span)).isInstanceOf(IllegalStateException.class)
                .hasMessage(SUBMITTED_RELEASE_MESSAGE);
        releaser.release(span);
        assertThat(pool.stats().outstanding()).isZero();
    }
}
