package io.lowalloc.core.it;

import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import io.lowalloc.core.testing.CountingExporter;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscArrayQueue;

/**
 * Records and exports spans through a {@link SpanRecorder}, from the main thread and a second
 * thread (so the pool's shared queue and magazines are both used), flushes and closes it, then
 * prints {@code DONE <exported> flushed=<flush result>}. With {@value #INJECT_UNSAFE} it first
 * uses a JCTools queue built on {@code sun.misc.Unsafe}, to show that the test watching for JDK
 * 25's warning can fail.
 */
public final class UnsafeUseMain {

    /** The argument that makes the main touch an Unsafe-based JCTools queue first. */
    public static final String INJECT_UNSAFE = "--inject-unsafe";

    private static final int SPANS = 20_000;

    private UnsafeUseMain() {
    }

    /**
     * Runs the scenario.
     *
     * @param args optionally {@value #INJECT_UNSAFE}
     * @throws InterruptedException if interrupted while waiting for the second thread
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals(INJECT_UNSAFE)) {
            new MpscArrayQueue<String>(2).offer("unsafe");
        }
        CountingExporter exporter = new CountingExporter();
        SpanRecorder recorder = SpanRecorder.builder().setShutdownHook(false).build(exporter);
        Thread other = new Thread(() -> record(recorder), "unsafe-use-second");
        other.start();
        record(recorder);
        other.join();
        // Spans dropped when the queue is full make flush() false; only the output matters here.
        boolean flushed = recorder.flush(10, TimeUnit.SECONDS);
        recorder.close();
        System.out.println("DONE " + exporter.spans() + " flushed=" + flushed);
    }

    private static void record(SpanRecorder recorder) {
        for (int i = 0; i < SPANS; i++) {
            recorder.end(recorder.startSpan("unsafe-check", SpanKind.INTERNAL));
        }
    }
}
