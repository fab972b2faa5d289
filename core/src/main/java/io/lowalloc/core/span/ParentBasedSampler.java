package io.lowalloc.core.span;

import java.util.Objects;

/**
 * A sampler that follows the parent: a root span is decided by the root sampler, a child by one
 * of four delegates chosen by whether its parent is remote and sampled, as OpenTelemetry's
 * {@code ParentBased} sampler. Defaults: {@link Sampler#alwaysOn()} for sampled parents,
 * {@link Sampler#alwaysOff()} for unsampled ones, so by default a child copies its parent's
 * decision. Immutable, thread-safe, allocation-free when its delegates are.
 */
public final class ParentBasedSampler implements Sampler {

    private final Sampler root;
    private final Sampler remoteParentSampled;
    private final Sampler remoteParentNotSampled;
    private final Sampler localParentSampled;
    private final Sampler localParentNotSampled;

    private ParentBasedSampler(Builder b) {
        this.root = b.root;
        this.remoteParentSampled = b.remoteParentSampled;
        this.remoteParentNotSampled = b.remoteParentNotSampled;
        this.localParentSampled = b.localParentSampled;
        this.localParentNotSampled = b.localParentNotSampled;
    }

    static Builder builder(Sampler root) {
        return new Builder(Objects.requireNonNull(root, "root"));
    }

    @Override
    public boolean shouldSample(boolean hasParent, boolean parentSampled, boolean parentRemote, long traceIdHigh,
            long traceIdLow, String name, SpanKind kind) {
        Sampler delegate = !hasParent ? root
                : parentRemote ? (parentSampled ? remoteParentSampled : remoteParentNotSampled)
                : (parentSampled ? localParentSampled : localParentNotSampled);
        return delegate.shouldSample(hasParent, parentSampled, parentRemote, traceIdHigh, traceIdLow, name, kind);
    }

    /**
     * Describes the sampler and its five delegates as OpenTelemetry's {@code ParentBased} does.
     * Allocates.
     *
     * @return the description
     */
    @Override
    public String description() {
        return "ParentBased{root:" + root.description() + ",remoteParentSampled:" + remoteParentSampled.description()
                + ",remoteParentNotSampled:" + remoteParentNotSampled.description() + ",localParentSampled:"
                + localParentSampled.description() + ",localParentNotSampled:" + localParentNotSampled.description()
                + "}";
    }

    /** {@return {@link #description()}} */
    @Override
    public String toString() {
        return description();
    }

    /** Configures a {@link ParentBasedSampler}; setters return this. Not thread-safe. */
    public static final class Builder {

        private final Sampler root;
        private Sampler remoteParentSampled = Sampler.alwaysOn();
        private Sampler remoteParentNotSampled = Sampler.alwaysOff();
        private Sampler localParentSampled = Sampler.alwaysOn();
        private Sampler localParentNotSampled = Sampler.alwaysOff();

        private Builder(Sampler root) {
            this.root = root;
        }

        /**
         * Sets the sampler for spans whose parent is remote and sampled. Default
         * {@link Sampler#alwaysOn()}.
         *
         * @param sampler the delegate
         * @return this
         * @throws NullPointerException if {@code sampler} is null
         */
        public Builder setRemoteParentSampled(Sampler sampler) {
            this.remoteParentSampled = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Sets the sampler for spans whose parent is remote and not sampled. Default
         * {@link Sampler#alwaysOff()}.
         *
         * @param sampler the delegate
         * @return this
         * @throws NullPointerException if {@code sampler} is null
         */
        public Builder setRemoteParentNotSampled(Sampler sampler) {
            this.remoteParentNotSampled = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Sets the sampler for spans whose parent is local and sampled. Default
         * {@link Sampler#alwaysOn()}.
         *
         * @param sampler the delegate
         * @return this
         * @throws NullPointerException if {@code sampler} is null
         */
        public Builder setLocalParentSampled(Sampler sampler) {
            this.localParentSampled = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Sets the sampler for spans whose parent is local and not sampled. Default
         * {@link Sampler#alwaysOff()}.
         *
         * @param sampler the delegate
         * @return this
         * @throws NullPointerException if {@code sampler} is null
         */
        public Builder setLocalParentNotSampled(Sampler sampler) {
            this.localParentNotSampled = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Builds the sampler.
         *
         * @return a new sampler
         */
        public ParentBasedSampler build() {
            return new ParentBasedSampler(this);
        }
    }
}
