package io.lowalloc.core.span;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** {@code traceidratio}: see {@link Sampler#traceIdRatioBased(double)} for the rule. */
final class TraceIdRatioSampler implements Sampler {

    private final double ratio;
    private final long idUpperBound;

    private TraceIdRatioSampler(double ratio, long idUpperBound) {
        this.ratio = ratio;
        this.idUpperBound = idUpperBound;
    }

    static TraceIdRatioSampler create(double ratio) {
        if (!(ratio >= 0.0 && ratio <= 1.0)) { // also refuses NaN
            throw new IllegalArgumentException("ratio must be in [0.0, 1.0], was: " + ratio);
        }
        // The limits are special-cased, as OpenTelemetry does: Long.MIN_VALUE keeps nothing, even
        // the id whose absolute value is Long.MIN_VALUE; the product would lose precision there.
        long bound = ratio == 0.0 ? Long.MIN_VALUE : ratio == 1.0 ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
        return new TraceIdRatioSampler(ratio, bound);
    }

    @Override
    public boolean shouldSample(boolean hasParent, boolean parentSampled, boolean parentRemote, long traceIdHigh,
            long traceIdLow, String name, SpanKind kind) {
        return Math.abs(traceIdLow) < idUpperBound;
    }

    /** The ratio this sampler was made with. */
    double ratio() {
        return ratio;
    }

    @Override
    public String description() {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setDecimalSeparator('.');
        return "TraceIdRatioBased{" + new DecimalFormat("0.000000", symbols).format(ratio) + "}";
    }

    @Override
    public String toString() {
        return description();
    }
}
