package io.lowalloc.otel;

import io.lowalloc.core.testing.Await;
import io.lowalloc.otel.testing.ScriptedExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * One contract for both processors: the same scenarios run on an SDK tracer provider with
 * OpenTelemetry's {@link BatchSpanProcessor} and with {@link BoundedBatchSpanProcessor}, both into
 * an {@link InMemorySpanExporter} (which keeps references), with deterministic ids and clock;
 * the exported spans must be equal field by field. Behaviour shared by both processors is checked
 * once per processor.
 */
class SpanProcessorContractTest {

    static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "contract"));
    // One instance for both runs: its stack trace, recorded as an attribute, is then identical.
    static final IllegalStateException EXCEPTION = new IllegalStateException("boom");
    static final long T0 = 1_700_000_000_000_000_000L;
    static final Value<?> STRUCTURED = Value.of(Value.of(1L), Value.of("two"));

    /** The processor under test. */
    enum Kind {
        STOCK {
            @Override
            SpanProcessor create(SpanExporter exporter, Scenario scenario) {
                return BatchSpanProcessor.builder(exporter)
                        .setExportUnsampledSpans(scenario.exportUnsampled)
                        .setScheduleDelay(scenario.scheduleDelayMillis, TimeUnit.MILLISECONDS)
                        .build();
            }
        },
        BOUNDED {
            @Override
            SpanProcessor create(SpanExporter exporter, Scenario scenario) {
                return BoundedBatchSpanProcessor.builder(exporter)
                        .setExportUnsampledSpans(scenario.exportUnsampled)
                        .setScheduleDelay(scenario.scheduleDelayMillis, TimeUnit.MILLISECONDS)
                        .build();
            }
        };

        abstract SpanProcessor create(SpanExporter exporter, Scenario scenario);
    }

    /** What the application does with the tracer provider, and how everything is configured. */
    static final class Scenario {
        final String name;
        final Consumer<SdkTracerProvider> body;
        final int expectedSpans;
        SpanLimits sdkLimits = SpanLimits.getDefault();
        Sampler sampler = Sampler.parentBased(Sampler.alwaysOn());
        boolean exportUnsampled;
        long scheduleDelayMillis = 60_000;

        Scenario(String name, int expectedSpans, Consumer<SdkTracerProvider> body) {
            this.name = name;
            this.expectedSpans = expectedSpans;
            this.body = body;
        }

        Scenario limits(SpanLimits sdk) {
            this.sdkLimits = sdk;
            return this;
        }

        Scenario sampler(Sampler sampler, boolean exportUnsampled) {
            this.sampler = sampler;
            this.exportUnsampled = exportUnsampled;
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("attributes of every type", 1, SpanProcessorContractTest::allAttributeTypes),
                new Scenario("events", 1, SpanProcessorContractTest::events),
                new Scenario("links", 1, SpanProcessorContractTest::links),
                new Scenario("statuses", 5, SpanProcessorContractTest::statuses),
                new Scenario("kinds", 5, SpanProcessorContractTest::kinds),
                new Scenario("parent and children", 3, SpanProcessorContractTest::parentAndChildren),
                new Scenario("remote parent", 2, SpanProcessorContractTest::remoteParent),
                new Scenario("unsampled spans are skipped", 2, SpanProcessorContractTest::sampledAndUnsampled)
                        .sampler(new RecordOnlyByName(), false),
                new Scenario("unsampled spans exported on request", 4, SpanProcessorContractTest::sampledAndUnsampled)
                        .sampler(new RecordOnlyByName(), true),
                new Scenario("limits exceeded", 2, SpanProcessorContractTest::overLimits)
                        .limits(SpanLimits.builder()
                                        .setMaxNumberOfAttributes(3)
                                        .setMaxNumberOfEvents(2)
                                        .setMaxNumberOfLinks(2)
                                        .setMaxNumberOfAttributesPerEvent(2)
                                        .setMaxNumberOfAttributesPerLink(1)
                                        .setMaxAttributeValueLength(4)
                                        .build()),
                new Scenario("many spans, many tracers, several batches", 1_500,
                        SpanProcessorContractTest::manySpans));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void boundedProcessorExportsTheSameDataAsBatchSpanProcessor(Scenario scenario) {
        List<SpanData> stock = run(Kind.STOCK, scenario);
        List<SpanData> bounded = run(Kind.BOUNDED, scenario);

        assertThat(stock).as("spans exported by BatchSpanProcessor").hasSize(scenario.expectedSpans);
        SpanDataComparison.assertSameSpans(bounded, stock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void scheduleDelayExportsWithoutAFlush(Kind kind) {
        Scenario scenario = new Scenario("delay", 1, provider -> provider.get("t").spanBuilder("s").startSpan().end());
        scenario.scheduleDelayMillis = 20;
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = provider(kind.create(exporter, scenario), scenario);
        try {
            scenario.body.accept(provider);
            Await.until(() -> !exporter.getFinishedSpanItems().isEmpty(), "an export without a flush");
            assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("s");
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shutdownExportsWhatIsQueuedThenShutsTheExporterDown(Kind kind) {
        ScriptedExporter exporter = new ScriptedExporter();
        Scenario scenario = new Scenario("shutdown", 3, SpanProcessorContractTest::parentAndChildren);
        SdkTracerProvider provider = provider(kind.create(exporter, scenario), scenario);
        scenario.body.accept(provider);

        CompletableResultCode result = provider.shutdown().join(10, TimeUnit.SECONDS);

        assertThat(result.isSuccess()).isTrue();
        assertThat(exporter.exportedNames).hasSize(3);
        assertThat(exporter.shutdownCalls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void spansEndedAfterShutdownAreNotExported(Kind kind) {
        ScriptedExporter exporter = new ScriptedExporter();
        Scenario scenario = new Scenario("after shutdown", 0, provider -> { });
        SpanProcessor processor = kind.create(exporter, scenario);
        SdkTracerProvider provider = provider(processor, scenario);
        Span late = provider.get("t").spanBuilder("late").startSpan();
        processor.shutdown().join(10, TimeUnit.SECONDS);

        late.end();

        // Both reject synchronously in onEnd (a flush after shutdown would never complete for the
        // stock processor, whose worker has stopped).
        assertThat(exporter.exportedNames).isEmpty();
    }

    /**
     * What the copy into the core's data model used to lose (trace state, the remote flag of links,
     * the parent's own trace flags, structured (VALUE) attributes, an end time before the start
     * time) now reaches the exporter as the SDK recorded it, because the exporter gets the SDK's
     * own snapshot.
     */
    @Test
    void boundedProcessorKeepsWhatTheCoreModelCannotHold() {
        Scenario scenario = new Scenario("model limits", 2, SpanProcessorContractTest::outsideTheCoreModel)
                .sampler(Sampler.alwaysOn(), false);
        List<SpanData> stock = run(Kind.STOCK, scenario);
        List<SpanData> bounded = run(Kind.BOUNDED, scenario);
        SpanData s = byName(stock, "child");
        SpanData b = byName(bounded, "child");

        assertThat(s.getSpanContext().getTraceState().get("vendor")).isEqualTo("x");
        assertThat(b.getSpanContext().getTraceState()).isEqualTo(s.getSpanContext().getTraceState());
        assertThat(b.getParentSpanContext().getTraceFlags()).isEqualTo(s.getParentSpanContext().getTraceFlags());
        assertThat(s.getLinks().get(0).getSpanContext().isRemote()).isTrue();
        assertThat(b.getLinks().get(0).getSpanContext().isRemote()).isTrue();
        assertThat(b.getAttributes().get(AttributeKey.valueKey("structured")))
                .isEqualTo(s.getAttributes().get(AttributeKey.valueKey("structured"))).isNotNull();
        SpanData backwards = byName(stock, "ends before it starts");
        assertThat(backwards.getEndEpochNanos()).isLessThan(backwards.getStartEpochNanos());
        assertThat(byName(bounded, "ends before it starts").getEndEpochNanos()).isEqualTo(backwards.getEndEpochNanos());
        SpanDataComparison.assertSameSpans(bounded, stock);
    }

    // ------------------------------------------------------------------ scenarios

    static void allAttributeTypes(SdkTracerProvider provider) {
        Span span = tracer(provider).spanBuilder("typed")
                .setAttribute("builder.string", "set at start")
                .startSpan();
        span.setAttribute("string", "value");
        span.setAttribute("long", 1_234_567_890_123L);
        span.setAttribute("small.long", 7L);
        span.setAttribute("double", 2.5);
        span.setAttribute("boolean", true);
        span.setAttribute(AttributeKey.stringArrayKey("strings"), Arrays.asList("a", "b", ""));
        span.setAttribute(AttributeKey.longArrayKey("longs"), Arrays.asList(1L, -2L, 300_000L));
        span.setAttribute(AttributeKey.doubleArrayKey("doubles"), Arrays.asList(0.5, -1.25));
        span.setAttribute(AttributeKey.booleanArrayKey("booleans"), Arrays.asList(true, false, true));
        span.setAttribute(AttributeKey.longArrayKey("empty"), List.of());
        span.setAttribute("string", "overwritten");
        span.end();
    }

    static void events(SdkTracerProvider provider) {
        Span span = tracer(provider).spanBuilder("with events").setStartTimestamp(T0, TimeUnit.NANOSECONDS).startSpan();
        span.addEvent("plain");
        span.addEvent("timed", T0 + 10, TimeUnit.NANOSECONDS);
        span.addEvent("with attributes", Attributes.of(AttributeKey.stringKey("k"), "v",
                AttributeKey.longKey("n"), 42L));
        span.addEvent("timed with attributes", Attributes.of(AttributeKey.booleanKey("b"), false),
                T0 + 20, TimeUnit.NANOSECONDS);
        span.recordException(EXCEPTION, Attributes.of(AttributeKey.stringKey("extra"), "x"));
        span.end(T0 + 100, TimeUnit.NANOSECONDS);
    }

    static void links(SdkTracerProvider provider) {
        SpanContext first = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
                TraceFlags.getSampled(), TraceState.getDefault());
        SpanContext second = SpanContext.create("fedcba9876543210fedcba9876543210", "fedcba9876543210",
                TraceFlags.getDefault(), TraceState.getDefault());
        Span span = tracer(provider).spanBuilder("with links")
                .addLink(first)
                .addLink(second, Attributes.of(AttributeKey.stringKey("why"), "batch", AttributeKey.longKey("n"), 2L))
                .startSpan();
        span.addLink(first, Attributes.of(AttributeKey.doubleKey("weight"), 0.75));
        span.end();
    }

    static void statuses(SdkTracerProvider provider) {
        Tracer tracer = tracer(provider);
        tracer.spanBuilder("unset").startSpan().end();
        tracer.spanBuilder("ok").startSpan().setStatus(StatusCode.OK, "ignored for OK").end();
        tracer.spanBuilder("error").startSpan().setStatus(StatusCode.ERROR, "it broke").end();
        tracer.spanBuilder("ok is final").startSpan().setStatus(StatusCode.OK).setStatus(StatusCode.ERROR, "late").end();
        tracer.spanBuilder("error then unset").startSpan().setStatus(StatusCode.ERROR).setStatus(StatusCode.UNSET).end();
    }

    static void kinds(SdkTracerProvider provider) {
        for (SpanKind kind : SpanKind.values()) {
            tracer(provider).spanBuilder(kind.name()).setSpanKind(kind).startSpan().end();
        }
    }

    static void parentAndChildren(SdkTracerProvider provider) {
        Tracer tracer = tracer(provider);
        Span root = tracer.spanBuilder("root").setSpanKind(SpanKind.SERVER).startSpan();
        Span child = tracer.spanBuilder("child").setParent(Context.root().with(root)).startSpan();
        Span grandchild = tracer.spanBuilder("grandchild").setParent(Context.root().with(child)).startSpan();
        grandchild.updateName("grandchild renamed");
        grandchild.end();
        child.end();
        root.end();
    }

    static void remoteParent(SdkTracerProvider provider) {
        SpanContext remote = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        Tracer tracer = tracer(provider);
        Span server = tracer.spanBuilder("server").setSpanKind(SpanKind.SERVER)
                .setParent(Context.root().with(Span.wrap(remote))).startSpan();
        tracer.spanBuilder("local child").setParent(Context.root().with(server)).startSpan().end();
        server.end();
    }

    static void sampledAndUnsampled(SdkTracerProvider provider) {
        Tracer tracer = tracer(provider);
        tracer.spanBuilder("sampled 1").startSpan().end();
        tracer.spanBuilder("record only 1").startSpan().setAttribute("k", "v").end();
        tracer.spanBuilder("sampled 2").startSpan().end();
        tracer.spanBuilder("record only 2").startSpan().end();
    }

    static void overLimits(SdkTracerProvider provider) {
        SpanContext linked = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
                TraceFlags.getSampled(), TraceState.getDefault());
        Span span = tracer(provider).spanBuilder("over limits").startSpan();
        for (int i = 0; i < 6; i++) {
            span.setAttribute("attribute." + i, "long value " + i);
        }
        span.setAttribute("attribute.0", "replaced, not dropped");
        for (int i = 0; i < 5; i++) {
            span.addEvent("event " + i, Attributes.of(AttributeKey.longKey("a"), 1L, AttributeKey.longKey("b"), 2L,
                    AttributeKey.longKey("c"), 3L));
        }
        for (int i = 0; i < 4; i++) {
            span.addLink(linked, Attributes.of(AttributeKey.stringKey("x"), "1", AttributeKey.stringKey("y"), "2"));
        }
        span.end();
        tracer(provider).spanBuilder("within limits").setAttribute("k", "v").startSpan().end();
    }

    static void manySpans(SdkTracerProvider provider) {
        Tracer[] tracers = {
            provider.get("a"),
            provider.tracerBuilder("b").setInstrumentationVersion("1.2.3").build(),
            provider.tracerBuilder("c").setInstrumentationVersion("2.0").setSchemaUrl("https://example.com/s").build(),
        };
        for (int i = 0; i < 1_500; i++) {
            Span span = tracers[i % 3].spanBuilder("span " + i).startSpan();
            span.setAttribute("i", i);
            span.end();
        }
    }

    static void outsideTheCoreModel(SdkTracerProvider provider) {
        SpanContext remote = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.builder().put("vendor", "x").build());
        Tracer tracer = tracer(provider);
        Span child = tracer.spanBuilder("child")
                .setParent(Context.root().with(Span.wrap(remote)))
                .addLink(remote)
                .startSpan();
        child.setAttribute(AttributeKey.valueKey("structured"), STRUCTURED);
        child.end();
        tracer.spanBuilder("ends before it starts").setStartTimestamp(T0, TimeUnit.NANOSECONDS).startSpan()
                .end(T0 - 5, TimeUnit.NANOSECONDS);
    }

    // ------------------------------------------------------------------ harness

    static Tracer tracer(SdkTracerProvider provider) {
        return provider.get("contract-test");
    }

    static List<SpanData> run(Kind kind, Scenario scenario) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = provider(kind.create(exporter, scenario), scenario);
        try {
            scenario.body.accept(provider);
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as(kind + " flush").isTrue();
            return exporter.getFinishedSpanItems();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    static SdkTracerProvider provider(SpanProcessor processor, Scenario scenario) {
        return SdkTracerProvider.builder()
                .setResource(RESOURCE)
                .setClock(TestClock.create(Instant.ofEpochSecond(1_700_000_000L)))
                .setIdGenerator(new SequentialIdGenerator())
                .setSpanLimits(scenario.sdkLimits)
                .setSampler(scenario.sampler)
                .addSpanProcessor(processor)
                .build();
    }

    static SpanData byName(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans));
    }

    /** Records and samples every span except those named "record only ...", which it only records. */
    static final class RecordOnlyByName implements Sampler {
        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, List<LinkData> parentLinks) {
            return name.startsWith("record only") ? SamplingResult.recordOnly() : SamplingResult.recordAndSample();
        }

        @Override
        public String getDescription() {
            return "RecordOnlyByName";
        }
    }
}
