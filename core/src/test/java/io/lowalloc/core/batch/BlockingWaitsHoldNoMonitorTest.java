package io.lowalloc.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.lowalloc.core.testing.RecordingExporter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The three places an application thread can wait in the library (an offer under
 * {@link FullQueuePolicy#BLOCK}, {@link BatchBuffer#flush(long, TimeUnit)} and
 * {@link BatchBuffer#close(long, TimeUnit)}) wait without a monitor: no {@code Object.wait} frame
 * and no monitor held, so a virtual thread waiting there on JDK 21 to 23 unmounts from its carrier
 * instead of pinning it. Each case parks an application thread behind an export that the test holds
 * open and inspects the parked thread's stack and locks.
 */
class BlockingWaitsHoldNoMonitorTest {

    private static void assertWaitsWithoutMonitor(Thread waiter, String what) {
        // One snapshot whose own state is a wait: a BLOCK offer spins and yields between parks, so
        // the thread's state and its stack must come from the same ThreadInfo.
        ThreadInfo[] waiting = new ThreadInfo[1];
        Await.until(() -> {
            ThreadInfo info = ManagementFactory.getThreadMXBean()
                    .getThreadInfo(new long[] {waiter.getId()}, true, true)[0];
            boolean parked = info != null && (info.getThreadState() == Thread.State.WAITING
                    || info.getThreadState() == Thread.State.TIMED_WAITING) && info.getLockInfo() != null;
            waiting[0] = parked ? info : null;
            return parked;
        }, what + " to wait");
        ThreadInfo info = waiting[0];
        assertThat(info.getLockedMonitors()).as("%s: monitors held while waiting", what).isEmpty();
        assertThat(Arrays.stream(info.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName()))
                .as("%s: stack of the waiting thread", what)
                .doesNotContain("java.lang.Object.wait", "java.lang.Object.wait0")
                .anyMatch(frame -> frame.startsWith("jdk.internal.misc.Unsafe.park")
                        || frame.startsWith("sun.misc.Unsafe.park"));
        assertThat(info.getLockInfo().getClassName()).as(what).isNotEqualTo(Object.class.getName());
    }

    private static Thread start(Runnable body) {
        Thread t = new Thread(body, "waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void flushWaitsOnALockNotAMonitor() throws Exception {
        RecordingExporter<Object> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Object> buffer = BatchBuffer.builder(exporter).setMaxExportBatchSize(1).build()) {
            buffer.offer("held");
            Await.until(() -> exporter.completions.size() == 1, "the first export to be held");
            AtomicBoolean flushed = new AtomicBoolean();
            Thread waiter = start(() -> flushed.set(buffer.flush(30, TimeUnit.SECONDS)));
            assertWaitsWithoutMonitor(waiter, "flush");
            exporter.completions.get(0).success();
            waiter.join(10_000);
            assertThat(flushed).isTrue();
        }
    }

    @Test
    void closeWaitsOnALockNotAMonitor() throws Exception {
        RecordingExporter<Object> exporter = RecordingExporter.holdingFirst();
        BatchBuffer<Object> buffer = BatchBuffer.builder(exporter).setMaxExportBatchSize(1).build();
        buffer.offer("held");
        Await.until(() -> exporter.completions.size() == 1, "the first export to be held");
        AtomicBoolean closed = new AtomicBoolean();
        Thread waiter = start(() -> closed.set(buffer.close(30, TimeUnit.SECONDS)));
        assertWaitsWithoutMonitor(waiter, "close");
        exporter.completions.get(0).success();
        waiter.join(10_000);
        assertThat(closed).isTrue();
    }

    @Test
    void aBlockingOfferWaitsWithoutAMonitor() throws Exception {
        RecordingExporter<Object> exporter = RecordingExporter.holdingFirst();
        try (BatchBuffer<Object> buffer = BatchBuffer.builder(exporter)
                .setMaxQueueSize(1).setMaxExportBatchSize(1)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK).setMaxBlockTime(30, TimeUnit.SECONDS).build()) {
            buffer.offer("held");
            Await.until(() -> exporter.completions.size() == 1, "the first export to be held");
            buffer.offer("queued"); // fills the queue of one
            AtomicBoolean offered = new AtomicBoolean();
            Thread waiter = start(() -> offered.set(buffer.offer("blocked")));
            assertWaitsWithoutMonitor(waiter, "a BLOCK offer");
            exporter.completions.get(0).success();
            waiter.join(10_000);
            assertThat(offered).isTrue();
        }
    }
}
