package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerConfigTest {

    private static Sampler from(Map<String, String> properties, Map<String, String> environment) {
        return SamplerConfig.from(properties::get, environment::get);
    }

    private static String describe(Map<String, String> properties, Map<String, String> environment) {
        return from(properties, environment).description();
    }

    @Test
    void withoutConfigurationTheSamplerIsParentBasedAlwaysOn() {
        assertThat(describe(Map.of(), Map.of())).isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).description());
    }

    @Test
    void eachNameMakesItsSampler() {
        Map<String, String> arg = Map.of("otel.traces.sampler.arg", "0.25");
        assertThat(from(Map.of("otel.traces.sampler", "always_on"), Map.of())).isSameAs(Sampler.alwaysOn());
        assertThat(from(Map.of("otel.traces.sampler", "always_off"), Map.of())).isSameAs(Sampler.alwaysOff());
        assertThat(describe(Map.of("otel.traces.sampler", "traceidratio", "otel.traces.sampler.arg", "0.25"),
                Map.of())).isEqualTo("TraceIdRatioBased{0.250000}");
        assertThat(describe(Map.of("otel.traces.sampler", "parentbased_always_on"), arg))
                .isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).description());
        assertThat(describe(Map.of("otel.traces.sampler", "parentbased_always_off"), Map.of()))
                .isEqualTo(Sampler.parentBased(Sampler.alwaysOff()).description());
        assertThat(describe(Map.of("otel.traces.sampler", "parentbased_traceidratio",
                "otel.traces.sampler.arg", "0.001"), Map.of()))
                .isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.001)).description());
    }

    @Test
    void theRatioDefaultsToOne() {
        assertThat(describe(Map.of("otel.traces.sampler", "traceidratio"), Map.of()))
                .isEqualTo("TraceIdRatioBased{1.000000}");
    }

    @Test
    void environmentVariablesAreReadAndSystemPropertiesWin() {
        Map<String, String> env = Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.5");

        assertThat(describe(Map.of(), env)).isEqualTo("TraceIdRatioBased{0.500000}");
        assertThat(describe(Map.of("otel.traces.sampler.arg", "0.125"), env)).isEqualTo("TraceIdRatioBased{0.125000}");
        assertThat(from(Map.of("otel.traces.sampler", "always_off"), env)).isSameAs(Sampler.alwaysOff());
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(from(Map.of("otel.traces.sampler", " "), Map.of("OTEL_TRACES_SAMPLER", "always_off")))
                .isSameAs(Sampler.alwaysOff());
        assertThat(describe(Map.of("otel.traces.sampler", "traceidratio", "otel.traces.sampler.arg", ""), Map.of()))
                .isEqualTo("TraceIdRatioBased{1.000000}");
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKeyAndTheValue() {
        String allowed = " must be one of always_on, always_off, traceidratio, parentbased_always_on,"
                + " parentbased_always_off, parentbased_traceidratio, was: ";
        assertThatIllegalArgumentException()
                .isThrownBy(() -> from(Map.of("otel.traces.sampler", "jaeger_remote"), Map.of()))
                .withMessage("otel.traces.sampler" + allowed + "jaeger_remote");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> from(Map.of(), Map.of("OTEL_TRACES_SAMPLER", "ALWAYS_ON")))
                .withMessage("OTEL_TRACES_SAMPLER" + allowed + "ALWAYS_ON");
    }

    @Test
    void eachBadRatioIsRefusedNamingTheKeyAndTheValue() {
        for (String bad : new String[] {"1.5", "-0.1", "NaN", "half", "0,5"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> from(Map.of("otel.traces.sampler",
                    "parentbased_traceidratio", "otel.traces.sampler.arg", bad), Map.of()))
                    .withMessage("otel.traces.sampler.arg must be a number in [0.0, 1.0], was: " + bad);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> from(Map.of(),
                Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "2")))
                .withMessage("OTEL_TRACES_SAMPLER_ARG must be a number in [0.0, 1.0], was: 2");
    }

    @Test
    void theArgumentIsIgnoredBySamplersWithoutARatio() {
        assertThat(from(Map.of("otel.traces.sampler", "always_on", "otel.traces.sampler.arg", "half"), Map.of()))
                .isSameAs(Sampler.alwaysOn());
    }

    @Test
    void fromSystemReadsTheJvmsConfiguration() {
        String before = System.getProperty("otel.traces.sampler");
        System.setProperty("otel.traces.sampler", "always_off");
        try {
            assertThat(SamplerConfig.fromSystem()).isSameAs(Sampler.alwaysOff());
        } finally {
            if (before == null) {
                System.clearProperty("otel.traces.sampler");
            } else {
                System.setProperty("otel.traces.sampler", before);
            }
        }
    }
}
