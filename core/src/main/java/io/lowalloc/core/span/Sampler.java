package io.lowalloc.core.span;

/**
 * Decides whether a span about to start is sampled (recorded and exported) or not, with the
 * names and semantics of the OpenTelemetry specification's built-in samplers. A sampled span is
 * recorded and exported; an unsampled one still gets valid ids (so outgoing {@code traceparent}
 * headers carry the trace with sampled=0) but ignores writes and never reaches the exporter (see
 * {@link SpanRecorder}).
 *
 * <p>Built-ins: {@link #alwaysOn()}, {@link #alwaysOff()}, {@link #traceIdRatioBased(double)} and
 * {@link #parentBased(Sampler)} (and {@link #parentBasedBuilder(Sampler)} for its four parent
 * delegates); {@link SamplerConfig} builds them from {@code otel.traces.sampler} and
 * {@code otel.traces.sampler.arg}. They take the same decision as the OpenTelemetry Java SDK's
 * samplers of the same name for the same trace id and parent.
 *
 * <p>Implementations must be thread-safe and should not allocate: {@code shouldSample} runs on
 * every span start. The built-ins are immutable and allocate nothing.
 */
public interface Sampler {

    /**
     * Decides about one span. The arguments are those of OpenTelemetry's
     * {@code Sampler.shouldSample} that the built-ins read, as primitives.
     *
     * @param hasParent whether the span has a valid parent (false for a root span)
     * @param parentSampled the parent's sampled flag; false without a parent
     * @param parentRemote whether the parent was propagated from another process; false without
     *     a parent
     * @param traceIdHigh the high 64 bits of the span's trace id
     * @param traceIdLow the low 64 bits of the span's trace id
     * @param name the span name
     * @param kind the span kind
     * @return true to record and export the span, false to drop it
     */
    boolean shouldSample(boolean hasParent, boolean parentSampled, boolean parentRemote, long traceIdHigh,
            long traceIdLow, String name, SpanKind kind);

    /**
     * Describes the sampler as OpenTelemetry Java's {@code getDescription()} does for the same
     * sampler, e.g. {@code "TraceIdRatioBased{0.250000}"}.
     *
     * @return the description
     */
    String description();

    /**
     * Returns the sampler that samples every span ({@code always_on}, description
     * {@code "AlwaysOnSampler"}).
     *
     * @return the shared instance
     */
    static Sampler alwaysOn() {
        return ConstantSampler.ALWAYS_ON;
    }

    /**
     * Returns the sampler that samples no span ({@code always_off}, description
     * {@code "AlwaysOffSampler"}).
     *
     * @return the shared instance
     */
    static Sampler alwaysOff() {
        return ConstantSampler.ALWAYS_OFF;
    }

    /**
     * Returns the sampler that keeps a trace when its trace id falls under {@code ratio}
     * ({@code traceidratio}), whatever the parent: the absolute value of the low 64 bits of the
     * trace id, as a signed {@code long}, is compared with an upper bound of
     * {@code ratio * Long.MAX_VALUE} (with ratio 0 keeping nothing and 1 keeping every id but
     * {@code ±Long.MAX_VALUE}), the rule of OpenTelemetry Java's {@code TraceIdRatioBasedSampler}.
     *
     * @param ratio the fraction of traces kept, in {@code [0.0, 1.0]}
     * @return a new sampler
     * @throws IllegalArgumentException if {@code ratio} is outside {@code [0.0, 1.0]} or NaN
     */
    static Sampler traceIdRatioBased(double ratio) {
        return TraceIdRatioSampler.create(ratio);
    }

    /**
     * Returns the sampler that follows the parent's sampled flag and asks {@code root} for root
     * spans ({@code parentbased_*}); same as {@code parentBasedBuilder(root).build()}.
     *
     * @param root decides for spans without a parent
     * @return a new sampler
     * @throws NullPointerException if {@code root} is null
     */
    static Sampler parentBased(Sampler root) {
        return parentBasedBuilder(root).build();
    }

    /**
     * Starts a builder of a parent-based sampler with its four parent delegates, as
     * OpenTelemetry's {@code ParentBasedSamplerBuilder}.
     *
     * @param root decides for spans without a parent
     * @return a new builder
     * @throws NullPointerException if {@code root} is null
     */
    static ParentBasedSampler.Builder parentBasedBuilder(Sampler root) {
        return ParentBasedSampler.builder(root);
    }
}
