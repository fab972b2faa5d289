package io.lowalloc.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import io.lowalloc.core.testing.Jdk25;
import org.junit.jupiter.api.Test;

/**
 * The pool keeps no state per virtual thread: on JDK 25, {@value VirtualThreadPoolMain#VIRTUAL_THREADS}
 * virtual threads acquire and release without a thread-local entry appearing on any of them, and
 * the counters balance. Skipped where no JDK 25 is installed ({@link Jdk25}).
 */
class ObjectPoolVirtualThreadTest {

    private static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    @Test
    void virtualThreadsGetNoThreadLocalEntry() throws Exception {
        ForkedJvm.Result result = ForkedJvm.of(VirtualThreadPoolMain.class).javaHome(Jdk25.homeOrSkip())
                .jvmOptions(OPEN_JAVA_LANG).run().assertSucceeded();

        assertThat(result.output()).as("output of %s", result.command())
                .contains("VIRTUAL " + VirtualThreadPoolMain.VIRTUAL_THREADS)
                .contains("GREW 0").contains("BALANCED true");
    }

    @Test
    void aVirtualThreadReadingThePoolsThreadLocalIsSeenByTheCheck() throws Exception {
        ForkedJvm.Result result = ForkedJvm.of(VirtualThreadPoolMain.class).javaHome(Jdk25.homeOrSkip())
                .jvmOptions(OPEN_JAVA_LANG).run(VirtualThreadPoolMain.INJECT_THREAD_LOCAL).assertSucceeded();

        assertThat(result.output()).as("output of %s", result.command())
                .contains("GREW " + VirtualThreadPoolMain.VIRTUAL_THREADS);
    }
}
