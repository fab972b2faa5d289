package io.lowalloc.core.span;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.BatchOptions;
import java.util.concurrent.TimeUnit;

/**
 * Ends spans on a recorder that exports only every hour, then returns from {@code main} without
 * closing it: what reaches the exporter is what the shutdown hook delivered at JVM exit. Prints
 * {@code EXPORTED <n>} for every export call. Arguments: {@code --failing} makes every export
 * fail; {@code --no-shutdown-hook} builds the recorder without its shutdown hook.
 */
public final class RecorderExitMain {

    /** Spans ended before {@code main} returns. */
    static final int SPANS = 5;

    private RecorderExitMain() {
    }

    /**
     * Runs the scenario.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        boolean failing = false;
        boolean hook = true;
        for (String arg : args) {
            if (arg.equals("--failing")) {
                failing = true;
            } else if (arg.equals("--no-shutdown-hook")) {
                hook = false;
            }
        }
        boolean fail = failing;
        BatchExporter<SpanData> exporter = (batch, completion) -> {
            System.out.println("EXPORTED " + batch.size());
            if (fail) {
                completion.failure(null);
            } else {
                completion.success();
            }
        };
        SpanRecorder.Builder builder = SpanRecorder.builder()
                .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS).build())
                .setShutdownHook(hook);
        SpanRecorder recorder = builder.build(exporter);
        for (int i = 0; i < SPANS; i++) {
            recorder.end(recorder.startSpan("at-exit-" + i, SpanKind.INTERNAL));
        }
        System.out.println("ENDED " + SPANS);
    }
}
