package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static boolean root(Sampler sampler, long traceIdLow) {
        return sampler.shouldSample(false, false, false, 7L, traceIdLow, "n", SpanKind.INTERNAL);
    }

    @Test
    void alwaysOnAndAlwaysOffIgnoreTheParent() {
        for (boolean sampled : new boolean[] {false, true}) {
            for (boolean remote : new boolean[] {false, true}) {
                assertThat(Sampler.alwaysOn().shouldSample(true, sampled, remote, 1L, 2L, "n", SpanKind.SERVER))
                        .isTrue();
                assertThat(Sampler.alwaysOff().shouldSample(true, sampled, remote, 1L, 2L, "n", SpanKind.SERVER))
                        .isFalse();
            }
        }
        assertThat(Sampler.alwaysOn().description()).isEqualTo("AlwaysOnSampler");
        assertThat(Sampler.alwaysOff().description()).isEqualTo("AlwaysOffSampler");
    }

    @Test
    void traceIdRatioComparesTheAbsoluteLowHalfWithTheBound() {
        Sampler half = Sampler.traceIdRatioBased(0.5);
        long bound = (long) (0.5 * Long.MAX_VALUE);

        assertThat(root(half, bound - 1)).isTrue();
        assertThat(root(half, -(bound - 1))).as("absolute value").isTrue();
        assertThat(root(half, bound)).as("strictly below the bound").isFalse();
        assertThat(root(half, Long.MIN_VALUE)).as("abs(MIN_VALUE) is negative").isTrue();
        assertThat(half.shouldSample(false, false, false, Long.MAX_VALUE, 1L, "n", SpanKind.INTERNAL))
                .as("the high half is not read").isTrue();
    }

    @Test
    void ratioLimitsKeepNothingAndAllButMaxValue() {
        Sampler none = Sampler.traceIdRatioBased(0.0);
        Sampler all = Sampler.traceIdRatioBased(1.0);

        assertThat(root(none, Long.MIN_VALUE)).isFalse();
        assertThat(root(none, 1L)).isFalse();
        assertThat(root(all, Long.MIN_VALUE)).isTrue();
        assertThat(root(all, Long.MAX_VALUE - 1)).isTrue();
        assertThat(root(all, Long.MAX_VALUE)).as("the one id '<' leaves out").isFalse();
        assertThat(root(all, -Long.MAX_VALUE)).isFalse();
    }

    @Test
    void ratioIsAlsoAppliedToChildren() {
        Sampler none = Sampler.traceIdRatioBased(0.0);

        assertThat(none.shouldSample(true, true, true, 1L, 2L, "n", SpanKind.SERVER)).isFalse();
    }

    @Test
    void keptFractionAtAQuarterIsWithinHalfAPercentOverAMillionIds() {
        Sampler quarter = Sampler.traceIdRatioBased(0.25);
        SplittableRandom random = new SplittableRandom(12);
        int kept = 0;
        int ids = 1_000_000;
        for (int i = 0; i < ids; i++) {
            if (root(quarter, random.nextLong())) {
                kept++;
            }
        }
        double fraction = (double) kept / ids;
        System.out.printf("[sampling] traceidratio 0.25: kept %d of %d = %.5f%n", kept, ids, fraction);

        assertThat(Math.abs(fraction - 0.25)).isLessThanOrEqualTo(0.005);
    }

    @Test
    void ratioOutsideZeroToOneIsRefusedNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sampler.traceIdRatioBased(-0.1))
                .withMessage("ratio must be in [0.0, 1.0], was: -0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> Sampler.traceIdRatioBased(1.5))
                .withMessage("ratio must be in [0.0, 1.0], was: 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> Sampler.traceIdRatioBased(Double.NaN))
                .withMessage("ratio must be in [0.0, 1.0], was: NaN");
    }

    @Test
    void ratioDescriptionHasSixDecimals() {
        assertThat(Sampler.traceIdRatioBased(0.25).description()).isEqualTo("TraceIdRatioBased{0.250000}");
        assertThat(Sampler.traceIdRatioBased(0.001)).hasToString("TraceIdRatioBased{0.001000}");
    }

    @Test
    void parentBasedAsksTheRootWithoutParentAndFollowsTheParentOtherwise() {
        Sampler sampler = Sampler.parentBased(Sampler.alwaysOff());

        assertThat(sampler.shouldSample(false, false, false, 1L, 2L, "n", SpanKind.SERVER)).isFalse();
        assertThat(sampler.shouldSample(true, true, true, 1L, 2L, "n", SpanKind.SERVER)).isTrue();
        assertThat(sampler.shouldSample(true, true, false, 1L, 2L, "n", SpanKind.SERVER)).isTrue();
        assertThat(sampler.shouldSample(true, false, true, 1L, 2L, "n", SpanKind.SERVER)).isFalse();
        assertThat(sampler.shouldSample(true, false, false, 1L, 2L, "n", SpanKind.SERVER)).isFalse();
    }

    @Test
    void parentBasedPicksOneOfFourDelegatesByRemoteAndSampled() {
        // Each delegate answers the opposite of the default, so each choice shows.
        Sampler sampler = Sampler.parentBasedBuilder(Sampler.alwaysOn())
                .setRemoteParentSampled(Sampler.alwaysOff())
                .setRemoteParentNotSampled(Sampler.alwaysOn())
                .setLocalParentSampled(Sampler.alwaysOff())
                .setLocalParentNotSampled(Sampler.alwaysOn())
                .build();

        assertThat(sampler.shouldSample(false, false, false, 1L, 2L, "n", SpanKind.SERVER)).isTrue();
        assertThat(sampler.shouldSample(true, true, true, 1L, 2L, "n", SpanKind.SERVER)).isFalse();
        assertThat(sampler.shouldSample(true, false, true, 1L, 2L, "n", SpanKind.SERVER)).isTrue();
        assertThat(sampler.shouldSample(true, true, false, 1L, 2L, "n", SpanKind.SERVER)).isFalse();
        assertThat(sampler.shouldSample(true, false, false, 1L, 2L, "n", SpanKind.SERVER)).isTrue();
        assertThat(sampler.description()).isEqualTo("ParentBased{root:AlwaysOnSampler,remoteParentSampled:"
                + "AlwaysOffSampler,remoteParentNotSampled:AlwaysOnSampler,localParentSampled:AlwaysOffSampler,"
                + "localParentNotSampled:AlwaysOnSampler}");
    }

    @Test
    void parentBasedRefusesNullDelegates() {
        assertThatNullPointerException().isThrownBy(() -> Sampler.parentBased(null)).withMessage("root");
        assertThatNullPointerException()
                .isThrownBy(() -> Sampler.parentBasedBuilder(Sampler.alwaysOn()).setLocalParentSampled(null))
                .withMessage("sampler");
    }
}
