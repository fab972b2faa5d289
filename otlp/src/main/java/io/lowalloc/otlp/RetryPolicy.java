package io.lowalloc.otlp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the exporter retries a request that failed for a reason the OTLP specification calls
 * transient (HTTP 429, 502, 503, 504, or a failed connection): at most {@code maxAttempts} attempts
 * in all, waiting between two of them a backoff that starts at {@code initialBackoff}, grows by
 * {@code backoffMultiplier} per retry up to {@code maxBackoff}, and is jittered by up to 20 % either
 * way; a server's {@code Retry-After} (in seconds) replaces the backoff for that wait. Every attempt
 * and wait stays within the exporter's timeout: a wait that would end past it is not started.
 *
 * @param maxAttempts attempts in all, the first included; 1 disables retries; 1 to 100
 * @param initialBackoff the first backoff; positive
 * @param maxBackoff the largest backoff; at least {@code initialBackoff}
 * @param backoffMultiplier the growth per retry; at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier) {

    /** OpenTelemetry Java's default attempts: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** OpenTelemetry Java's default initial backoff, in milliseconds: {@value}. */
    public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 1_000;
    /** OpenTelemetry Java's default largest backoff, in milliseconds: {@value}. */
    public static final long DEFAULT_MAX_BACKOFF_MILLIS = 5_000;
    /** OpenTelemetry Java's default backoff multiplier: {@value}. */
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 1.5;

    /**
     * Validates the policy.
     *
     * @param maxAttempts attempts in all, the first included; 1 to 100
     * @param initialBackoff the first backoff; positive
     * @param maxBackoff the largest backoff; at least {@code initialBackoff}
     * @param backoffMultiplier the growth per retry; at least 1
     * @throws IllegalArgumentException naming the argument out of range
     * @throws NullPointerException if a duration is null
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 100], got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least initialBackoff (" + initialBackoff
                    + "), got " + maxBackoff);
        }
        if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
            throw new IllegalArgumentException("backoffMultiplier must be finite and at least 1, got "
                    + backoffMultiplier);
        }
    }

    /** {@return OpenTelemetry Java's default policy: 5 attempts, 1 s initial, 5 s max, x1.5} */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
                Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS), DEFAULT_BACKOFF_MULTIPLIER);
    }

    /** {@return a policy that makes one attempt only} */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
                Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS), DEFAULT_BACKOFF_MULTIPLIER);
    }
}
