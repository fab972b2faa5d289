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
     * with {@link System#nanoTime()} and then answers {@code anchor + (nanoTime() - anchorNanoTime)}.
     * Its timestamps have nanosecond resolution and never go backwards, so a span's end is never
     * before its start even when NTP steps the wall clock; in exchange the clock drifts from wall
     * time as {@code nanoTime} and the wall clock tick at slightly different rates (the same trade
     * as the OpenTelemetry SDK's per-trace anchored clock). Each call anchors (and allocates) a new
     * clock: keep the instance, and make a fresh one periodically where bounded drift matters more
     * than monotonicity across instances. The returned clock is thread-safe and allocation-free.
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
