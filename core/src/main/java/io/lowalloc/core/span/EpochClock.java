package io.lowalloc.core.span;

import java.time.Instant;

/**
 * A source of wall-clock timestamps as nanoseconds since the Unix epoch in a {@code long} — the
 * representation of span start/end times ({@code long} nanos last until the year 2262).
 *
 * <p>Implementations must not allocate in {@link #nowEpochNanos()}; tests may supply a fixed or
 * stepping clock through a lambda.
 */
@FunctionalInterface
public interface EpochClock {

    /**
     * Returns the current time in nanoseconds since 1970-01-01T00:00:00Z.
     *
     * @return epoch nanoseconds
     */
    long nowEpochNanos();

    /**
     * Returns a clock anchored to the system wall clock now: it reads {@link Instant#now()} once
     * (microsecond or better precision on current JDKs) together with {@link System#nanoTime()},
     * and thereafter answers {@code anchor + (System.nanoTime() - anchorNanoTime)}. That gives
     * nanosecond resolution, no allocation per call, and timestamps that never go backwards within
     * one clock instance, so a span's end is never before its start even when NTP steps the wall
     * clock.
     *
     * <p>Drift trade-off: {@code nanoTime} and the wall clock tick at slightly different rates (NTP
     * slewing, adjustments, a suspended VM or host), so an anchored clock slowly diverges from
     * wall time — typically by some microseconds to milliseconds per hour. The OpenTelemetry SDK
     * makes the same trade by anchoring a clock per local root span and sharing it with its children.
     * Each call of this method anchors a new clock (and allocates it); hold on to the instance, and
     * create a fresh one periodically (e.g. per trace, per batch, or every few minutes) where bounded
     * drift matters more than cross-instance monotonicity.
     *
     * <p>The returned clock is thread-safe and allocation-free.
     *
     * @return a new clock anchored now
     */
    static EpochClock system() {
        Instant wall = Instant.now();
        long anchorNanoTime = System.nanoTime();
        long anchorEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
        // Captures two longs once; the per-call path is one nanoTime read and two additions.
        return () -> anchorEpochNanos + (System.nanoTime() - anchorNanoTime);
    }
}
