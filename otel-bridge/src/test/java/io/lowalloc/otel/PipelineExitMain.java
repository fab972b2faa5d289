package io.lowalloc.otel;

import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.ExportOnlyExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Ends spans on a pipeline that exports only every hour, then returns from {@code main} without
 * closing it: what reaches the exporter is what the shutdown hook delivered at JVM exit. Prints
 * {@code EXPORTED <n>} for every export call and {@code SHUTDOWN} when the exporter is shut down.
 * The argument {@code --no-shutdown-hook} builds the pipeline without its shutdown hook.
 */
public final class PipelineExitMain {

    /** Spans ended before {@code main} returns. */
    static final int SPANS = 5;

    private PipelineExitMain() {
    }

    /**
     * Runs the scenario.
     *
     * @param args the option above
     */
    public static void main(String[] args) {
        SpanExporter exporter = new ExportOnlyExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                System.out.println("EXPORTED " + spans.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                System.out.println("SHUTDOWN");
                return CompletableResultCode.ofSuccess();
            }
        };
        boolean hook = args.length == 0 || !args[0].equals("--no-shutdown-hook");
        PooledSpanPipeline.Builder builder = PooledSpanPipeline.builder(exporter).setScheduleDelay(1, TimeUnit.HOURS)
                .setShutdownHook(hook);
        PooledSpanPipeline pipeline = builder.build();
        for (int i = 0; i < SPANS; i++) {
            pipeline.end(pipeline.startSpan("at-exit-" + i, SpanKind.INTERNAL));
        }
        System.out.println("ENDED " + SPANS);
    }
}
