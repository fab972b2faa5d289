package io.lowalloc.core.batch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets at most one line per interval through to a {@link Logger} and counts the lines it held
 * back. Used on paths that can fire millions of times a second (drops), so saying "no" allocates
 * nothing; callers build their message only after {@link #shouldLog()} said yes.
 *
 * <p>Thread-safe.
 */
final class RateLimitedLog {

    /** Interval between two lines of one log, in nanoseconds. */
    static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

    private final Logger logger;
    private final Level level;
    private final long intervalNanos;
    // Earliest System.nanoTime() at which the next line may pass; CAS decides which racing
    // caller gets the slot, so exactly one line passes per interval.
    private final AtomicLong nextAllowedNanos;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger logger, Level level, long intervalNanos) {
        this.logger = logger;
        this.level = level;
        this.intervalNanos = intervalNanos;
        this.nextAllowedNanos = new AtomicLong(System.nanoTime());
    }

    /**
     * Decides whether the caller may log now; allocation-free.
     *
     * @return true if the caller should call {@link #log(String, Throwable)} now
     */
    boolean shouldLog() {
        if (!logger.isLoggable(level)) {
            return false;
        }
        long now = System.nanoTime();
        long next = nextAllowedNanos.get();
        if (now - next >= 0 && nextAllowedNanos.compareAndSet(next, now + intervalNanos)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    /**
     * Logs one line, appending how many lines were held back since the previous one.
     *
     * @param message the message (built by the caller after {@link #shouldLog()} said yes)
     * @param thrown an exception to attach, or null
     */
    void log(String message, Throwable thrown) {
        long held = suppressed.getAndSet(0);
        String line = held == 0 ? message : message + " (" + held + " similar messages suppressed)";
        logger.log(level, line, thrown);
    }
}
