package io.lowalloc.otel.internal.processor;

import io.lowalloc.core.batch.BatchOptions;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads the {@code otel.bsp.*} settings of OpenTelemetry's SDK autoconfiguration (system
 * properties, then {@code OTEL_BSP_*} environment variables) into the shared
 * {@link BatchOptions.Builder} of an entry point, whose rules then apply (the
 * OpenTelemetry-compatible ones, for the span processor). Values are parsed the way the SDK's
 * autoconfiguration parses them: integers in decimal; durations as a non-negative whole number
 * followed by an optional unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
 * {@code h}, {@code d}; none means milliseconds). Blank values count as unset. Not on a hot path:
 * allocates freely. Thread-safe if the lookups are.
 */
public final class BspConfiguration {

    static final String SCHEDULE_DELAY = "otel.bsp.schedule.delay";
    static final String MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";
    static final String MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";
    static final String EXPORT_TIMEOUT = "otel.bsp.export.timeout";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    private BspConfiguration(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /**
     * Reads settings from the given sources; system properties win over environment variables.
     *
     * @param systemProperties looks up a system property; returns null if unset
     * @param environment looks up an environment variable; returns null if unset
     * @return the configuration
     * @throws NullPointerException if an argument is null
     */
    public static BspConfiguration of(Function<String, String> systemProperties, Function<String, String> environment) {
        return new BspConfiguration(Objects.requireNonNull(systemProperties, "systemProperties"),
                Objects.requireNonNull(environment, "environment"));
    }

    /**
     * The environment variable for a property key: upper case, dots and dashes as underscores.
     *
     * @param propertyKey a key such as {@code otel.bsp.max.queue.size}
     * @return its environment variable name
     */
    public static String environmentName(String propertyKey) {
        return propertyKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Applies every setting found to {@code builder}, as OpenTelemetry's autoconfigure does.
     *
     * @param builder the batching options to configure
     * @throws IllegalArgumentException naming the key, its source and the value if a value is
     *     malformed or out of range
     * @throws NullPointerException if {@code builder} is null
     */
    public void applyTo(BatchOptions.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        Setting setting = find(SCHEDULE_DELAY);
        if (setting != null) {
            long nanos = parseDurationNanos(setting);
            setting.apply(() -> builder.setScheduleDelay(nanos, TimeUnit.NANOSECONDS));
        }
        setting = find(MAX_QUEUE_SIZE);
        if (setting != null) {
            int size = parseInt(setting);
            setting.apply(() -> builder.setMaxQueueSize(size));
        }
        setting = find(MAX_EXPORT_BATCH_SIZE);
        if (setting != null) {
            int size = parseInt(setting);
            setting.apply(() -> builder.setMaxExportBatchSize(size));
        }
        setting = find(EXPORT_TIMEOUT);
        if (setting != null) {
            long nanos = parseDurationNanos(setting);
            setting.apply(() -> builder.setExporterTimeout(nanos, TimeUnit.NANOSECONDS));
        }
    }

    /** The system property if set, else the environment variable, else null (as autoconfigure). */
    private Setting find(String propertyKey) {
        String value = systemProperties.apply(propertyKey);
        if (value != null && !value.isBlank()) {
            return new Setting(propertyKey, "system property", value);
        }
        String variable = environmentName(propertyKey);
        value = environment.apply(variable);
        if (value != null && !value.isBlank()) {
            return new Setting(variable, "environment variable", value);
        }
        return null;
    }

    private static int parseInt(Setting setting) {
        try {
            return Integer.parseInt(setting.value.trim());
        } catch (NumberFormatException e) {
            throw setting.invalid("expected an integer", e);
        }
    }

    private static long parseDurationNanos(Setting setting) {
        String value = setting.value.trim();
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            throw setting.invalid("expected a non-negative whole number with an optional unit"
                    + " (ns, us, ms, s, m, h, d; default ms)", null);
        }
        long amount;
        try {
            amount = Long.parseLong(value.substring(0, digits));
        } catch (NumberFormatException e) {
            throw setting.invalid("number out of range", e);
        }
        TimeUnit unit = unit(value.substring(digits).trim());
        if (unit == null) {
            throw setting.invalid("unknown duration unit \"" + value.substring(digits).trim()
                    + "\" (expected ns, us, ms, s, m, h or d; none means ms)", null);
        }
        return unit.toNanos(amount);
    }

    private static TimeUnit unit(String suffix) {
        return switch (suffix) {
            case "", "ms" -> TimeUnit.MILLISECONDS;
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            default -> null;
        };
    }

    /** One configured value and where it came from, for error messages. */
    private record Setting(String key, String source, String value) {

        /** Runs a builder setter, naming this setting if the builder rejects the value. */
        void apply(Runnable setter) {
            try {
                setter.run();
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage(), e);
            }
        }

        IllegalArgumentException invalid(String reason, Throwable cause) {
            return new IllegalArgumentException("Invalid value for " + key + " (" + source + "): \""
                    + value + "\": " + reason, cause);
        }
    }
}
