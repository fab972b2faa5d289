package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    private final Logger logger = Logger.getLogger(BatchBuffer.class.getName());

    @Test
    void letsOneLinePerIntervalThroughAndReportsTheSuppressedCount() throws InterruptedException {
        try (LogCapture logs = LogCapture.of(BatchBuffer.class)) {
            RateLimitedLog log = new RateLimitedLog(logger, Level.WARNING, TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(log.shouldLog()).isTrue();
            log.log("first", null);
            for (int i = 0; i < 5; i++) {
                assertThat(log.shouldLog()).isFalse();
            }
            Thread.sleep(120);
            assertThat(log.shouldLog()).isTrue();
            log.log("second", null);
            assertThat(logs.records).extracting(r -> r.getMessage())
                    .containsExactly("first", "second (5 similar messages suppressed)");
        }
    }

    @Test
    void saysNoWhenTheLevelIsDisabled() {
        Level previous = logger.getLevel();
        logger.setLevel(Level.SEVERE);
        try {
            RateLimitedLog log = new RateLimitedLog(logger, Level.WARNING, 1);
            assertThat(log.shouldLog()).isFalse();
        } finally {
            logger.setLevel(previous);
        }
    }
}
