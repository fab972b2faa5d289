package io.lowalloc.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import io.lowalloc.core.testing.Jdk25;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * On JDK 25 a JVM prints "WARNING: sun.misc.Unsafe::... has been called by ..." once any code uses
 * {@code sun.misc.Unsafe}'s memory access; a JVM that records and exports spans through a
 * {@code SpanRecorder} must print none, with platform and virtual threads recording (and the
 * recorder's accounting must balance). Skipped where no JDK 25 is installed ({@link Jdk25}).
 */
class NoUnsafeWarningTest {

    private static final String WARNING = "sun.misc.Unsafe";

    @Test
    void recorderOnJdk25PrintsNoUnsafeWarning() throws Exception {
        Path jdk25 = Jdk25.homeOrSkip();

        ForkedJvm.Result result = ForkedJvm.of(UnsafeUseMain.class).javaHome(jdk25).run().assertSucceeded();

        assertThat(result.output()).as("output of %s", result.command()).contains("DONE ")
                .contains("VIRTUAL " + UnsafeUseMain.VIRTUAL_THREADS).contains("BALANCED true")
                .doesNotContain(WARNING);
    }

    @Test
    void usingAnUnsafeQueueOnJdk25PrintsTheWarningThisTestLooksFor() throws Exception {
        Path jdk25 = Jdk25.homeOrSkip();

        ForkedJvm.Result result = ForkedJvm.of(UnsafeUseMain.class).javaHome(jdk25)
                .run(UnsafeUseMain.INJECT_UNSAFE).assertSucceeded();

        assertThat(result.output()).as("output of %s", result.command()).contains("DONE ")
                .contains("WARNING: " + WARNING);
    }
}
