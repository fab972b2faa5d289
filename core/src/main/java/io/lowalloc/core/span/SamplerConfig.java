package io.lowalloc.core.span;

import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a {@link Sampler} from OpenTelemetry's configuration keys: {@value #SAMPLER_PROPERTY}
 * (environment {@value #SAMPLER_ENV}) names the sampler and {@value #SAMPLER_ARG_PROPERTY}
 * (environment {@value #SAMPLER_ARG_ENV}) gives the ratio of the ratio-based ones; a system
 * property wins over the environment variable, and a blank value counts as unset, as in
 * OpenTelemetry Java's autoconfiguration.
 *
 * <p>Names: {@code always_on}, {@code always_off}, {@code traceidratio},
 * {@code parentbased_always_on}, {@code parentbased_always_off},
 * {@code parentbased_traceidratio}; default {@value #DEFAULT_SAMPLER}. The ratio defaults to
 * {@value #DEFAULT_RATIO} and is read only by the two ratio samplers. Static and thread-safe;
 * allocates (configuration time only).
 */
public final class SamplerConfig {

    /** System property naming the sampler: {@value}. */
    public static final String SAMPLER_PROPERTY = "otel.traces.sampler";
    /** Environment variable naming the sampler: {@value}. */
    public static final String SAMPLER_ENV = "OTEL_TRACES_SAMPLER";
    /** System property holding the sampler argument: {@value}. */
    public static final String SAMPLER_ARG_PROPERTY = "otel.traces.sampler.arg";
    /** Environment variable holding the sampler argument: {@value}. */
    public static final String SAMPLER_ARG_ENV = "OTEL_TRACES_SAMPLER_ARG";
    /** The sampler when none is configured, as in OpenTelemetry: {@value}. */
    public static final String DEFAULT_SAMPLER = "parentbased_always_on";
    /** The ratio of {@code traceidratio} when no argument is configured: {@value}. */
    public static final double DEFAULT_RATIO = 1.0;

    private SamplerConfig() {
    }

    /**
     * Builds the sampler configured by the JVM's system properties and environment.
     *
     * @return the configured sampler
     * @throws IllegalArgumentException if a value is invalid (see
     *     {@link #from(Function, Function)})
     */
    public static Sampler fromSystem() {
        return from(System::getProperty, System::getenv);
    }

    /**
     * Builds the sampler configured by the given lookups (for tests, or a configuration source of
     * the application's own).
     *
     * @param systemProperties looks up a system property by name; returns null if unset
     * @param environment looks up an environment variable by name; returns null if unset
     * @return the configured sampler
     * @throws NullPointerException if a lookup is null
     * @throws IllegalArgumentException if the sampler name is unknown, or a ratio sampler's
     *     argument is not a number in {@code [0.0, 1.0]}; the message names the key (property or
     *     environment variable) and the value
     */
    public static Sampler from(Function<String, String> systemProperties, Function<String, String> environment) {
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(environment, "environment");
        String nameKey = keyOf(systemProperties, SAMPLER_PROPERTY, environment, SAMPLER_ENV);
        String name = nameKey == null ? DEFAULT_SAMPLER
                : lookup(SAMPLER_PROPERTY.equals(nameKey) ? systemProperties : environment, nameKey);
        String argKey = keyOf(systemProperties, SAMPLER_ARG_PROPERTY, environment, SAMPLER_ARG_ENV);
        String arg = argKey == null ? null
                : lookup(SAMPLER_ARG_PROPERTY.equals(argKey) ? systemProperties : environment, argKey);
        return switch (name) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(ratio(argKey, arg));
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio(argKey, arg)));
            default -> throw new IllegalArgumentException(nameKey + " must be one of always_on, always_off,"
                    + " traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio,"
                    + " was: " + name);
        };
    }

    /** The key that is set (system property first), or null if neither is. */
    private static String keyOf(Function<String, String> properties, String propertyKey,
            Function<String, String> environment, String envKey) {
        if (lookup(properties, propertyKey) != null) {
            return propertyKey;
        }
        return lookup(environment, envKey) != null ? envKey : null;
    }

    private static String lookup(Function<String, String> source, String key) {
        String value = source.apply(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    private static double ratio(String key, String arg) {
        if (arg == null) {
            return DEFAULT_RATIO;
        }
        double ratio;
        try {
            ratio = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number in [0.0, 1.0], was: " + arg, e);
        }
        if (!(ratio >= 0.0 && ratio <= 1.0)) {
            throw new IllegalArgumentException(key + " must be a number in [0.0, 1.0], was: " + arg);
        }
        return ratio;
    }
}
