package io.lowalloc.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the {@code java.util.logging} records of the named loggers (and of their children)
 * while open, and keeps them off the console: a test can assert on the warnings it provokes
 * without printing them. {@link #close()} restores the loggers as they were.
 *
 * <p>Thread-safe: records may be published by any thread, such as an export worker.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    /** The records captured so far, in publication order. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    // Strong references: a logger nobody references may be collected, losing its configuration.
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Boolean> useParentHandlers = new ArrayList<>();

    private LogCapture(String... loggerNames) {
        for (String name : loggerNames) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            useParentHandlers.add(logger.getUseParentHandlers());
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }
    }

    /**
     * Starts capturing the records of the named loggers.
     *
     * @param loggerNames logger names, such as a class name or a package name
     * @return the open capture; close it to restore the loggers
     */
    public static LogCapture of(String... loggerNames) {
        return new LogCapture(loggerNames);
    }

    /**
     * Starts capturing the records of the logger named after {@code loggerClass}, the usual
     * {@code Logger.getLogger(X.class.getName())}.
     *
     * @param loggerClass the class whose logger to capture
     * @return the open capture; close it to restore the logger
     */
    public static LogCapture of(Class<?> loggerClass) {
        return new LogCapture(loggerClass.getName());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(this);
            loggers.get(i).setUseParentHandlers(useParentHandlers.get(i));
        }
    }

    /**
     * Counts the records of {@code level} whose message contains {@code fragment}.
     *
     * @param level the exact level
     * @param fragment a part of the unformatted message
     * @return the count
     */
    public long count(Level level, String fragment) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level) && r.getMessage().contains(fragment))
                .count();
    }
}
