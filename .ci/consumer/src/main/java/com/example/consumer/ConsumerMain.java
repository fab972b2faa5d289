package com.example.consumer;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import java.util.concurrent.atomic.AtomicLong;

/** Records two spans through the installed artifacts and exits non-zero unless both were exported. */
public final class ConsumerMain {

    private ConsumerMain() {
    }

    /**
     * Runs the check.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        AtomicLong exported = new AtomicLong();
        SpanRecorder recorder = SpanRecorder.create((batch, result) -> {
            exported.addAndGet(batch.size());
            result.success();
        });
        SpanData span = recorder.startSpan("GET /users/{id}", SpanKind.SERVER);
        recorder.end(recorder.startSpan("SELECT users", SpanKind.CLIENT, span));
        recorder.end(span);
        boolean flushed = recorder.flush();
        boolean balanced = recorder.stats().isBalanced();
        recorder.close();
        if (!flushed || exported.get() != 2 || !balanced) {
            System.err.println("consumer: flushed=" + flushed + ", exported=" + exported.get() + " (expected 2), balanced="
                    + balanced);
            System.exit(1);
        }
        System.out.println("consumer: 2 spans recorded and exported with the modules the BOM manages");
    }
}
