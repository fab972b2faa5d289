package io.lowalloc.core.batch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the records of one batch-package logger while open, and keeps them off stderr. */
final class LogCapture extends Handler implements AutoCloseable {

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final boolean useParentHandlers;

    /** Captures the logger of {@link BatchBuffer} and its worker. */
    LogCapture() {
        this(BatchBuffer.class);
    }

    /** Captures the logger named after {@code owner}. */
    LogCapture(Class<?> owner) {
        logger = Logger.getLogger(owner.getName());
        useParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
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
        logger.removeHandler(this);
        logger.setUseParentHandlers(useParentHandlers);
    }

    long count(Level level, String fragment) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level) && r.getMessage().contains(fragment))
                .count();
    }
}
