package io.lowalloc.examples;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.gc.GcMonitor;
import io.lowalloc.core.gc.GcPauseStats;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.Ids;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A span-recording workload at a fixed rate, the same with and without pooling, measured with a
 * {@link GcMonitor}: spans of 8 attributes are recorded in chunks on schedule, each stays "in
 * flight" in a window of {@value #IN_FLIGHT} spans (as if queued for export) and is then retired —
 * dropped to the GC, or released to a pool.
 */
final class FixedRateWorkload {

    /** Spans held at once, as a pipeline's queue would hold them: {@value}. */
    static final int IN_FLIGHT = 1024;

    /** Spans recorded back to back before the schedule is checked: {@value}. */
    private static final int CHUNK = 1_000;

    /** How long to wait for the JVM to deliver the notification of a requested GC. */
    private static final long GC_NOTIFICATION_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final int spansPerSecond;
    private final long durationNanos;
    private final Recipe recipe = new Recipe(new String[] {"service.name", "http.method", "http.route",
        "http.status_code", "net.peer.port", "user.id", "db.system", "cache.hit"}, "checkout", "GET", "/cart/{id}");

    FixedRateWorkload(int spansPerSecond, long durationNanos) {
        this.spansPerSecond = spansPerSecond;
        this.durationNanos = durationNanos;
    }

    /**
     * What one side of the comparison measured.
     *
     * @param spans spans recorded
     * @param nanos how long recording took
     * @param allocatedBytes bytes allocated by the recording thread
     * @param gc the GC pauses during the recording
     */
    record Result(long spans, long nanos, long allocatedBytes, GcPauseStats gc) {

        /** GCs per second of recording: the monitor's pause count over the recording time. */
        double gcsPerSecond() {
            return nanos <= 0 ? 0.0 : gc.pauseCount() * 1e9 / nanos;
        }

        /** The achieved recording rate in spans per second. */
        double spansPerSecond() {
            return nanos <= 0 ? 0.0 : spans * 1e9 / nanos;
        }
    }

    /** Runs the workload making a new span each time; retired spans are left to the GC. */
    Result runUnpooled(AllocationMeter meter) {
        return run(null, meter);
    }

    /** Runs the workload with spans from {@code pool}; retired spans are released to it. */
    Result runPooled(ObjectPool<SpanData> pool, AllocationMeter meter) {
        return run(pool, meter);
    }

    private Result run(ObjectPool<SpanData> pool, AllocationMeter meter) {
        SpanData[] window = new SpanData[IN_FLIGHT];
        long totalSpans = (long) spansPerSecond * durationNanos / 1_000_000_000L;
        double nanosPerSpan = 1e9 / spansPerSecond;
        AllocationMeter.Measurement allocated = meter.startCurrentThread();
        try (GcMonitor monitor = GcMonitor.create().start()) {
            settle(monitor);
            allocated.restart();
            long start = System.nanoTime();
            long done = 0;
            while (done < totalSpans) {
                long due = start + (long) (done * nanosPerSpan);
                long ahead = due - System.nanoTime();
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead);
                }
                long end = Math.min(totalSpans, done + CHUNK);
                for (; done < end; done++) {
                    int slot = (int) (done % IN_FLIGHT);
                    if (window[slot] != null && pool != null) {
                        pool.release(window[slot]);
                    }
                    SpanData span = pool != null ? pool.acquire() : SpanData.create(SpanPoolDemo.LIMITS);
                    recipe.fill(span, done);
                    window[slot] = span;
                }
            }
            long nanos = System.nanoTime() - start;
            long bytes = allocated.bytesSinceStart();
            for (int i = 0; i < window.length; i++) {
                if (window[i] != null && pool != null) {
                    pool.release(window[i]);
                }
                window[i] = null;
            }
            // Notifications arrive asynchronously, shortly after each GC: give the last one time.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            return new Result(totalSpans, nanos, bytes, monitor.snapshot());
        }
    }

    /**
     * Starts both sides from the same state: a full GC, whose notification is waited for and then
     * cleared from the monitor, so it is not counted against either side.
     */
    private static void settle(GcMonitor monitor) {
        if (monitor.collectorNames().isEmpty()) {
            return; // Epsilon GC: there is nothing to settle and nothing to wait for
        }
        long before = monitor.snapshot().pauseCount();
        System.gc();
        long deadline = System.nanoTime() + GC_NOTIFICATION_WAIT_NANOS;
        while (monitor.snapshot().pauseCount() == before && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        monitor.reset();
    }

    /** The content of every span: name, ids, kind, times, 8 attributes. Strings in fields. */
    private static final class Recipe {
        private final String[] keys;
        private final String service;
        private final String method;
        private final String route;

        Recipe(String[] keys, String service, String method, String route) {
            this.keys = keys;
            this.service = service;
            this.method = method;
            this.route = route;
        }

        void fill(SpanData span, long n) {
            long now = System.currentTimeMillis() * 1_000_000L;
            span.setTraceId(Ids.randomTraceIdHigh(), Ids.randomTraceIdLow())
                    .setSpanId(Ids.randomSpanId())
                    .setName(route)
                    .setKind(SpanKind.SERVER)
                    .setStartEpochNanos(now);
            span.put(keys[0], service);
            span.put(keys[1], method);
            span.put(keys[2], route);
            span.put(keys[3], 200L);
            span.put(keys[4], 443L);
            span.put(keys[5], n);
            span.put(keys[6], service);
            span.put(keys[7], (n & 1) == 0);
            span.end(now + 1_000L);
        }
    }
}
