package io.lowalloc.benchmarks.span;

import io.lowalloc.benchmarks.StandardRun;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.otel.SpanExporterAdapter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The export worker's read side: one export of a batch of {@value #BATCH} ended
 * {@link SpanShape} spans (8 attributes, root spans, distinct ids and numeric values) through an
 * OpenTelemetry {@link SpanExporter}. Exports take {@value #BATCHES} different batches in turn, so
 * a reused view shows a span with other values than in the previous export, as in a pipeline.
 * Per {@code source}:
 * <ul>
 *   <li>{@code sdkSpanData}: the SDK's own {@code SpanData}, made once by
 *       {@code ReadableSpan.toSpanData()} in setup;</li>
 *   <li>{@code sdkToSpanData}: the same spans, with the {@code toSpanData()} call that
 *       {@code BatchSpanProcessor}'s worker makes per span inside each export;</li>
 *   <li>{@code views}: pooled core spans through {@link SpanExporterAdapter}'s reusable views —
 *       bind, export, release, as the bridge's worker does.</li>
 * </ul>
 * and per {@code exporter}: {@code stateful} and {@code reusable} OTLP request marshaling (see
 * {@link OtlpMarshalingExporter}: size pass plus write pass into a reused buffer), or
 * {@code reading} (the table-2 {@link ReadingSpanExporter}, every field once). Scores and
 * {@code gc.alloc.rate.norm} are per span ({@code @OperationsPerInvocation}). The auxiliary
 * counters {@code cpuNanos} and {@code spans} give the benchmark thread's CPU time per span
 * ({@code cpuNanos / spans}, from {@code ThreadMXBean}), which a machine busy with other work
 * inflates far less than the wall-clock score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ViewReadBenchmark.BATCH)
@State(Scope.Thread)
public class ViewReadBenchmark extends StandardRun {

    /** Spans per export: the batch size default of both processors. */
    public static final int BATCH = 512;
    /** Different batches exported in turn. */
    public static final int BATCHES = 4;

    /** Where the spans come from; see the class documentation. */
    @Param({"sdkSpanData", "sdkToSpanData", "views"})
    public String source;

    /** How the exporter reads them; see the class documentation. */
    @Param({"stateful", "reusable", "reading"})
    public String exporter;

    private final List<ReadableSpan> sdkSpans = new ArrayList<>(BATCH * BATCHES);
    private final List<List<SpanData>> sdkData = new ArrayList<>(BATCHES);
    private final List<SpanData> sdkBatch = new ArrayList<>(BATCH);
    private final List<List<io.lowalloc.core.span.SpanData>> coreSpans = new ArrayList<>(BATCHES);
    private final Completion completion = new Completion();
    private SpanExporter target;
    private SpanExporterAdapter adapter;
    private SdkTracerProvider provider;
    private int next;

    /** Records the spans of both kinds and builds the exporter. */
    @Setup(Level.Trial)
    public void setUp() {
        target = newExporter(exporter);
        provider = SdkTracerProvider.builder().addSpanProcessor(new Collector(sdkSpans)).build();
        Tracer tracer = provider.get("io.lowalloc.benchmarks");
        SplittableRandom random = new SplittableRandom(42);
        long start = System.currentTimeMillis() * 1_000_000L;
        for (int b = 0; b < BATCHES; b++) {
            coreSpans.add(new ArrayList<>(BATCH));
            sdkData.add(new ArrayList<>(BATCH));
        }
        for (int n = 0; n < BATCH * BATCHES; n++) {
            SdkPipeline.recordSpan(tracer, n);

            io.lowalloc.core.span.SpanData core = io.lowalloc.core.span.SpanData.create(SpanLimits.defaults());
            core.setTraceId(random.nextLong() | 1, random.nextLong())
                    .setSpanId(random.nextLong() | 1)
                    .setSampled(true)
                    .setName(SpanShape.NAME)
                    .setKind(SpanKind.INTERNAL)
                    .setStartEpochNanos(start + 1_000L * n);
            SpanShape.putAttributes(core, n);
            core.end(start + 1_000L * n + 250_000L);
            coreSpans.get(n / BATCH).add(core);
            sdkData.get(n / BATCH).add(sdkSpans.get(n).toSpanData());
        }
        adapter = SpanExporterAdapter.builder(target)
                .setResource(Resource.getDefault())
                .setInstrumentationScope(InstrumentationScopeInfo.create("io.lowalloc.benchmarks"))
                .build();
    }

    private static SpanExporter newExporter(String name) {
        switch (name) {
            case "stateful":
                return OtlpMarshalingExporter.stateful();
            case "reusable":
                return OtlpMarshalingExporter.reusable();
            case "reading":
                return new ReadingSpanExporter();
            default:
                throw new IllegalArgumentException("exporter must be one of [stateful, reusable, reading], was: " + name);
        }
    }

    /** Shuts the SDK provider down. */
    @TearDown(Level.Trial)
    public void tearDown() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    /** The benchmark thread's CPU time, reported by JMH as sums per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        /** CPU time of the benchmark thread in the iteration, in nanoseconds. */
        public long cpuNanos;
        /** Spans exported in the iteration. */
        public long spans;

        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long before;

        /** Notes the thread's CPU time at the start of the iteration. */
        @Setup(Level.Iteration)
        public void start() {
            cpuNanos = 0;
            spans = 0;
            before = threads.getCurrentThreadCpuTime();
        }

        /** Counts the thread's CPU time of the iteration. */
        @TearDown(Level.Iteration)
        public void finish() {
            cpuNanos = threads.getCurrentThreadCpuTime() - before;
        }
    }

    /**
     * One export of the batch.
     *
     * @param cpu the CPU time counters
     * @return the completion's count, so that nothing is optimised away
     */
    @Benchmark
    public long export(CpuTime cpu) {
        cpu.spans += BATCH;
        int b = next;
        next = (b + 1) % BATCHES;
        switch (source) {
            case "sdkSpanData":
                target.export(sdkData.get(b));
                break;
            case "sdkToSpanData":
                // What BatchSpanProcessor's worker does per export: toSpanData() into a reused list.
                sdkBatch.clear();
                for (int i = b * BATCH, end = i + BATCH; i < end; i++) {
                    sdkBatch.add(sdkSpans.get(i).toSpanData());
                }
                target.export(sdkBatch);
                break;
            default:
                adapter.export(coreSpans.get(b), completion);
                break;
        }
        return completion.successes;
    }

    /** Collects the SDK's ended spans. */
    private static final class Collector implements SpanProcessor {

        private final List<ReadableSpan> ended;

        Collector(List<ReadableSpan> ended) {
            this.ended = ended;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** Counts successes; a failed export fails the benchmark. */
    private static final class Completion implements ExportCompletion {

        long successes;

        @Override
        public void success() {
            successes++;
        }

        @Override
        public void failure(Throwable cause) {
            throw new IllegalStateException("export failed", cause);
        }
    }
}
