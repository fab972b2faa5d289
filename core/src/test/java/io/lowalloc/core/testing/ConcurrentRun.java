package io.lowalloc.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one body on several threads released together by a single latch, so that the bodies
 * overlap as much as the scheduler allows, and waits for all of them. What a body throws is
 * collected, not lost on its thread: the test asserts on the collection (a body may also watch it
 * to give up once a partner failed).
 */
public final class ConcurrentRun {

    /** How long {@link #run} waits for each thread before it fails, in seconds. */
    public static final long TIMEOUT_SECONDS = 60;

    /** The work of one thread. */
    @FunctionalInterface
    public interface Body {

        /**
         * Does the work of one thread.
         *
         * @param thread the thread's index, in {@code [0, threads)}
         * @throws Exception anything; it is added to the run's errors
         */
        void run(int thread) throws Exception;
    }

    private ConcurrentRun() {
    }

    /**
     * Starts {@code threads} daemon threads named {@code namePrefix + index}, releases them
     * together into {@code body}, and returns once every one has finished.
     *
     * @param namePrefix the thread names' prefix
     * @param threads how many threads
     * @param errors where each thread adds what its body threw; thread-safe, such as a
     *     {@code ConcurrentLinkedQueue}
     * @param body the work of each thread
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if a thread is still running after {@value #TIMEOUT_SECONDS} s
     */
    public static void run(String namePrefix, int threads, Collection<Throwable> errors, Body body)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    body.run(thread);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, namePrefix + t);
            // A stuck thread must not keep the test JVM alive after the failure is reported.
            worker.setDaemon(true);
            worker.start();
            started.add(worker);
        }
        start.countDown();
        for (Thread worker : started) {
            worker.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            assertThat(worker.isAlive()).as("%s finished", worker.getName()).isFalse();
        }
    }
}
