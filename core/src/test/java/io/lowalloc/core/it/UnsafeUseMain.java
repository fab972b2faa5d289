package io.lowalloc.core.it;

import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.CountingExporter;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscArrayQueue;

/**
 * Records and exports spans through a {@link SpanRecorder}, from the main thread, a second
 * thread and, on a JDK with virtual threads, {@value #VIRTUAL_THREADS} virtual threads (so the
 * pool's magazines and its shared queue are both used), flushes and closes it, then prints
 * {@code VIRTUAL <threads>}, {@code BALANCED <accounting balances>} and
 * {@code DONE <exported> flushed=<flush result>}. With {@value #INJECT_UNSAFE} it first
 * uses a JCTools queue built on {@code sun.misc.Unsafe}, to show that the test watching for JDK
 * 25's warning can fail.
 */
public final class UnsafeUseMain {

    /** The argument that makes the main touch an Unsafe-based JCTools queue first. */
    public static final String INJECT_UNSAFE = "--inject-unsafe";

    /** Virtual threads that record spans, where the JDK has them. */
    public static final int VIRTUAL_THREADS = 1_000;

    private static final int SPANS = 20_000;
    private static final int SPANS_PER_VIRTUAL_THREAD = 20;

    private UnsafeUseMain() {
    }

    /**
     * Runs the scenario.
     *
     * @param args optionally {@value #INJECT_UNSAFE}
     * @throws InterruptedException if interrupted while waiting for a thread
     * @throws ReflectiveOperationException if the JDK's virtual thread factory fails
     */
    public static void main(String[] args) throws InterruptedException, ReflectiveOperationException {
        if (args.length > 0 && args[0].equals(INJECT_UNSAFE)) {
            new MpscArrayQueue<String>(2).offer("unsafe");
        }
        CountingExporter exporter = new CountingExporter();
        SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false).build(exporter);
        Thread other = new Thread(() -> record(recorder), "unsafe-use-second");
        other.start();
        record(recorder);
        other.join();
        System.out.println("VIRTUAL " + recordOnVirtualThreads(recorder));
        // Spans dropped when the queue is full make flush() false; only the output matters here.
        boolean flushed = recorder.flush(10, TimeUnit.SECONDS);
        recorder.close();
        System.out.println("BALANCED " + recorder.stats().isBalanced());
        System.out.println("DONE " + exporter.spans() + " flushed=" + flushed);
    }

    // Through reflection: the test classes compile for Java 17, which has no virtual threads.
    private static int recordOnVirtualThreads(SpanRecorder recorder) throws ReflectiveOperationException,
            InterruptedException {
        Method start;
        try {
            start = Thread.class.getMethod("startVirtualThread", Runnable.class);
        } catch (NoSuchMethodException beforeJdk21) {
            return 0;
        }
        Thread[] threads = new Thread[VIRTUAL_THREADS];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = (Thread) start.invoke(null, (Runnable) () -> {
                for (int i = 0; i < SPANS_PER_VIRTUAL_THREAD; i++) {
                    recorder.end(recorder.startSpan("unsafe-check-virtual", SpanKind.INTERNAL));
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return threads.length;
    }

    private static void record(SpanRecorder recorder) {
        for (int i = 0; i < SPANS; i++) {
            recorder.end(recorder.startSpan("unsafe-check", SpanKind.INTERNAL));
        }
    }
}
