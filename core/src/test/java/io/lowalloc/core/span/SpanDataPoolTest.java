package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.pool.HandOffReleaser;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.PoolStats;
import org.junit.jupiter.api.Test;

/**
 * {@link SpanData#newPool(int, SpanLimits)} with the real {@link ObjectPool}: the pool drives
 * {@code onAcquire()} and {@code reset()}. The only span tests that need a working pool.
 */

class SpanDataPoolTest {

    @Test
    void newPoolHasTheRequestedCapacity() {
        ObjectPool<SpanData> pool = SpanData.newPool(8, SpanLimits.defaults());

        assertThat(pool.capacity()).isEqualTo(8);
    }

    @Test
    void acquiredSpanIsWritableAndUsesTheGivenLimits() {
        SpanLimits limits = SpanLimits.builder().attributeLimit(32).build();
        ObjectPool<SpanData> pool = SpanData.newPool(4, limits);

        SpanData span = pool.acquire();

        assertThat(span.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(span.limits()).isSameAs(limits);
        span.setName("op").put("k", 1L);
        assertThat(span.attributes().size()).isEqualTo(1);
    }

    @Test
    void prefilledSpansAreHandedOutAcquired() {
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanLimits.defaults());

        assertThat(pool.prefill(2)).isEqualTo(2);

        assertThat(pool.acquire().state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(pool.acquire().state()).isEqualTo(SpanState.ACQUIRED);
    }

    @Test
    void releaseResetsTheSpanAndLaterWritesThroughStaleReferencesThrow() {
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanLimits.defaults());
        HandOffReleaser<SpanData> releaser = pool.claimHandOffReleaser();
        SpanData span = pool.acquire();
        span.setName("op").setSpanId(7L).put("k", "v");
        SpanEvent event = span.addEvent("e", 1L);
        SpanLink link = span.addLink(1L, 2L, 3L, (byte) 1);
        span.end(2L);
        span.markSubmitted();

        releaser.release(span);

        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertThat(span.name()).isEmpty();
        assertThat(span.spanId()).isZero();
        assertThat(span.attributes().size()).isZero();
        assertThat(span.eventCount()).isZero();
        assertThat(span.linkCount()).isZero();
        assertThatThrownBy(() -> span.put("k", 1L))
                .isInstanceOf(IllegalStateException.class).hasMessage("span is free (released to its pool)");
        assertThatThrownBy(() -> event.put("k", 1L))
                .isInstanceOf(IllegalStateException.class).hasMessage("span is free (released to its pool)");
        assertThatThrownBy(() -> link.put("k", 1L))
                .isInstanceOf(IllegalStateException.class).hasMessage("span is free (released to its pool)");
    }

    @Test
    void aPlainReleaseOfASubmittedSpanThrowsNamingTheStateAndChangesNothing() {
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanLimits.defaults());
        HandOffReleaser<SpanData> releaser = pool.claimHandOffReleaser();
        SpanData span = pool.acquire();
        span.setName("queued");
        span.end(1L);
        span.markSubmitted();
        PoolStats before = pool.stats();

        assertThatThrownBy(() -> pool.release(span)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot release a SUBMITTED span: the pipeline it was submitted to owns it and"
                        + " returns it to the pool (through the pool's hand-off releaser)");

        assertThat(pool.stats()).isEqualTo(before);
        assertThat(span.state()).isEqualTo(SpanState.SUBMITTED);
        assertThat(span.name()).isEqualTo("queued");
        assertThat(span.poolSlot().state()).isEqualTo(PoolSlot.State.ACQUIRED);
        releaser.release(span);
        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertThat(pool.stats().outstanding()).isZero();
    }

    @Test
    void releasingAnEndedSpanThatWasNeverSubmittedIsAllowed() {
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanLimits.defaults());
        SpanData span = pool.acquire();
        span.setName("ended, never submitted");
        span.end(1L);

        pool.release(span);

        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertThat(pool.stats().outstanding()).isZero();
    }

    @Test
    void releasingAnUnsentAcquiredSpanIsAllowed() {
        ObjectPool<SpanData> pool = SpanData.newPool(4, SpanLimits.defaults());
        SpanData span = pool.acquire();
        span.setName("abandoned before end");

        pool.release(span);

        assertThat(span.state()).isEqualTo(SpanState.FREE);
        assertThat(span.name()).isEmpty();
    }

    @Test
    void reacquiredSpanIsCleanAndKeepsItsGrownStorage() {
        ObjectPool<SpanData> pool = SpanData.newPool(1, SpanLimits.defaults());
        SpanData first = pool.acquire();
        for (int i = 0; i < 40; i++) {
            first.put("k" + i, (long) i);
        }
        first.end(1L);
        pool.release(first);

        SpanData second = pool.acquire();

        assertThat(second).isSameAs(first);
        assertThat(second.state()).isEqualTo(SpanState.ACQUIRED);
        assertThat(second.attributes().size()).isZero();
        assertThat(second.store().capacity()).isEqualTo(64);
    }

    @Test
    void pooledRecordingCycleAllocatesNothing() {
        ObjectPool<SpanData> pool = SpanData.newPool(16, SpanLimits.defaults());
        HandOffReleaser<SpanData> releaser = pool.claimHandOffReleaser();

        double perOp = AllocationMeter.create().bytesPerOp(200_000, 1_000_000, i -> {
            SpanData span = pool.acquire();
            span.setTraceId(i, i).setSpanId(i + 1L).setName("op").setStartEpochNanos(i);
            SpanDataAllocationTest.putEightAttributes(span, i);
            span.addEvent("e", i).put("n", 1L);
            span.end(i + 1L);
            span.markSubmitted();
            releaser.release(span);
            return i;
        });

        System.out.printf("[allocation] pool acquire + SpanData cycle + hand-off release: %.3f B/op%n", perOp);
        assertThat(perOp).isZero();
        assertThat(pool.stats().misses()).isEqualTo(1);
    }
}
