package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.HexIds;
import io.lowalloc.core.span.Sampler;
import io.lowalloc.core.span.SpanKind;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core samplers take OpenTelemetry Java's decision for the same trace id and parent: each
 * built-in against the SDK's sampler of the same name, over 100,000 random trace ids (the id
 * bounds included) per ratio, and with parents of the four kinds.
 */
class SamplerCompatibilityTest {

    private static final int IDS = 100_000;
    private static final long[] EDGE_IDS = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE};

    private static long lowHalf(SplittableRandom random, int i) {
        return i < EDGE_IDS.length ? EDGE_IDS[i] : random.nextLong();
    }

    private static boolean otel(io.opentelemetry.sdk.trace.samplers.Sampler sampler, Context parent,
            String traceId) {
        SamplingDecision decision = sampler.shouldSample(parent, traceId, "span",
                io.opentelemetry.api.trace.SpanKind.INTERNAL, Attributes.empty(), List.of()).getDecision();
        return decision == SamplingDecision.RECORD_AND_SAMPLE;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.001, 0.25, 0.5, 1.0})
    void traceIdRatioDecidesAsOpenTelemetry(double ratio) {
        Sampler ours = Sampler.traceIdRatioBased(ratio);
        io.opentelemetry.sdk.trace.samplers.Sampler theirs =
                io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(ratio);
        SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(ratio));
        int kept = 0;
        for (int i = 0; i < IDS; i++) {
            long high = random.nextLong();
            long low = lowHalf(random, i);
            boolean expected = otel(theirs, Context.root(), HexIds.traceIdToHex(high, low));
            boolean actual = ours.shouldSample(false, false, false, high, low, "span", SpanKind.INTERNAL);
            assertThat(actual).as("ratio %s, trace id %s", ratio, HexIds.traceIdToHex(high, low)).isEqualTo(expected);
            kept += actual ? 1 : 0;
        }
        System.out.printf("[sampling] traceidratio %s: kept %d of %d, as OpenTelemetry%n", ratio, kept, IDS);
        assertThat(ours.description()).isEqualTo(theirs.getDescription());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.001, 0.25, 0.5, 1.0})
    void parentBasedDecidesAsOpenTelemetryForEveryKindOfParent(double ratio) {
        // Two delegates flipped from their defaults, so that a mixed-up choice of delegate shows.
        Sampler ours = Sampler.parentBasedBuilder(Sampler.traceIdRatioBased(ratio))
                .setRemoteParentNotSampled(Sampler.alwaysOn())
                .setLocalParentSampled(Sampler.alwaysOff())
                .build();
        io.opentelemetry.sdk.trace.samplers.Sampler theirs = io.opentelemetry.sdk.trace.samplers.Sampler
                .parentBasedBuilder(io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(ratio))
                .setRemoteParentNotSampled(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOn())
                .setLocalParentSampled(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff())
                .build();
        Sampler ourDefault = Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
        io.opentelemetry.sdk.trace.samplers.Sampler theirDefault = io.opentelemetry.sdk.trace.samplers.Sampler
                .parentBased(io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(ratio));
        SplittableRandom random = new SplittableRandom(~Double.doubleToLongBits(ratio));
        for (int i = 0; i < IDS; i++) {
            long high = random.nextLong();
            long low = lowHalf(random, i);
            String traceId = HexIds.traceIdToHex(high, low);
            int kind = random.nextInt(5); // 0: no parent; else remote x sampled
            boolean hasParent = kind > 0;
            boolean remote = kind == 1 || kind == 2;
            boolean sampled = kind == 1 || kind == 3;
            Context parent = Context.root();
            if (hasParent) {
                TraceFlags flags = sampled ? TraceFlags.getSampled() : TraceFlags.getDefault();
                String spanId = "00f067aa0ba902b7";
                SpanContext context = remote
                        ? SpanContext.createFromRemoteParent(traceId, spanId, flags, TraceState.getDefault())
                        : SpanContext.create(traceId, spanId, flags, TraceState.getDefault());
                parent = parent.with(Span.wrap(context));
            }
            assertThat(ours.shouldSample(hasParent, sampled, remote, high, low, "span", SpanKind.INTERNAL))
                    .as("ratio %s, parent kind %d, trace id %s", ratio, kind, traceId)
                    .isEqualTo(otel(theirs, parent, traceId));
            assertThat(ourDefault.shouldSample(hasParent, sampled, remote, high, low, "span", SpanKind.INTERNAL))
                    .as("default delegates: ratio %s, parent kind %d, trace id %s", ratio, kind, traceId)
                    .isEqualTo(otel(theirDefault, parent, traceId));
        }
        assertThat(ours.description()).isEqualTo(theirs.getDescription());
        assertThat(ourDefault.description()).isEqualTo(theirDefault.getDescription());
    }
}
