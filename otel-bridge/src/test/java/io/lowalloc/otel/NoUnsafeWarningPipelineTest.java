package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import io.lowalloc.core.testing.Jdk25;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * On JDK 25 a JVM prints "WARNING: sun.misc.Unsafe::... has been called by ..." once any code uses
 * {@code sun.misc.Unsafe}'s memory access; a JVM exporting spans through a
 * {@link PooledSpanPipeline} and OpenTelemetry's SDK must print none. Skipped where no JDK 25 is
 * installed. The core module's {@code NoUnsafeWarningTest} shows the check failing on purpose.
 */
class NoUnsafeWarningPipelineTest {

    @Test
    void pipelineOnJdk25PrintsNoUnsafeWarning() throws Exception {
        Path jdk25 = Jdk25.homeOrSkip();

        ForkedJvm.Result result = ForkedJvm.of(UnsafeUsePipelineMain.class).javaHome(jdk25).run()
                .assertSucceeded();

        assertThat(result.output()).as("output of %s", result.command()).contains("DONE ")
                .doesNotContain("sun.misc.Unsafe");
    }
}
