package io.lowalloc.core.span;

/** {@code always_on} and {@code always_off}. */
enum ConstantSampler implements Sampler {
    ALWAYS_ON("AlwaysOnSampler", true),
    ALWAYS_OFF("AlwaysOffSampler", false);

    private final String description;
    private final boolean decision;

    ConstantSampler(String description, boolean decision) {
        this.description = description;
        this.decision = decision;
    }

    @Override
    public boolean shouldSample(boolean hasParent, boolean parentSampled, boolean parentRemote, long traceIdHigh,
            long traceIdLow, String name, SpanKind kind) {
        return decision;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
