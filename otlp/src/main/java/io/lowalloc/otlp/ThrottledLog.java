package io.lowalloc.otlp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per interval at most, with a count of the lines held back; asking whether a line
 * may pass allocates nothing, so callers build their message only after {@link #permits()} said
 * yes. Thread-safe.
 */
final class ThrottledLog {

    /** Interval between two lines of one log: ten seconds, in nanoseconds. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger logger;
    private final Level level;
    // The System.nanoTime() from which the next line may pass; one CAS winner per interval.
    private final AtomicLong opensAt = new AtomicLong(System.nanoTime());
    private final AtomicLong heldBack = new AtomicLong();

    ThrottledLog(Logger logger, Level level) {
        this.logger = logger;
        this.level = level;
    }

    /** {@return true if the caller should log its line now, through {@link #log}} */
    boolean permits() {
        if (!logger.isLoggable(level)) {
            return false;
        }
        long now = System.nanoTime();
        long open = opensAt.get();
        if (now - open >= 0 && opensAt.compareAndSet(open, now + INTERVAL_NANOS)) {
            return true;
        }
        heldBack.incrementAndGet();
        return false;
    }

    /**
     * Logs a line permitted by {@link #permits()}.
     *
     * @param message the line
     * @param thrown an exception to attach, or null
     */
    void log(String message, Throwable thrown) {
        long held = heldBack.getAndSet(0);
        logger.log(level, held == 0 ? message : message + " (" + held + " similar lines held back)", thrown);
    }
}
