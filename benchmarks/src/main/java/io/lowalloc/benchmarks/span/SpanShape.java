package io.lowalloc.benchmarks.span;

import io.lowalloc.core.span.SpanData;
import io.opentelemetry.api.common.AttributeKey;

/**
 * The span every pipeline records: one name and 8 attributes — 4 strings (constants), 2 longs and
 * 1 double that change with every span, and 1 boolean. Keys exist both as strings (for lowalloc)
 * and as typed {@link AttributeKey}s made once (the cheapest way to use the OpenTelemetry API).
 */
public final class SpanShape {

    /** The span name. */
    public static final String NAME = "GET /api/orders/{id}";
    /** How many attributes each span carries. */
    public static final int ATTRIBUTES = 8;

    /** String key 0. */
    public static final String HTTP_METHOD = "http.request.method";
    /** String key 1. */
    public static final String HTTP_ROUTE = "http.route";
    /** String key 2. */
    public static final String SERVER_ADDRESS = "server.address";
    /** String key 3. */
    public static final String USER_AGENT = "user_agent.original";
    /** Long key 0. */
    public static final String STATUS_CODE = "http.response.status_code";
    /** Long key 1. */
    public static final String BODY_SIZE = "http.response.body.size";
    /** Double key. */
    public static final String DURATION = "app.duration_ms";
    /** Boolean key. */
    public static final String CACHE_HIT = "app.cache_hit";

    /** Value of {@link #HTTP_METHOD}. */
    public static final String METHOD_VALUE = "GET";
    /** Value of {@link #HTTP_ROUTE}. */
    public static final String ROUTE_VALUE = "/api/orders/{id}";
    /** Value of {@link #SERVER_ADDRESS}. */
    public static final String ADDRESS_VALUE = "orders.internal.example";
    /** Value of {@link #USER_AGENT}. */
    public static final String AGENT_VALUE = "benchmark-client/1.0";

    /** Typed key for {@link #HTTP_METHOD}. */
    public static final AttributeKey<String> K_HTTP_METHOD = AttributeKey.stringKey(HTTP_METHOD);
    /** Typed key for {@link #HTTP_ROUTE}. */
    public static final AttributeKey<String> K_HTTP_ROUTE = AttributeKey.stringKey(HTTP_ROUTE);
    /** Typed key for {@link #SERVER_ADDRESS}. */
    public static final AttributeKey<String> K_SERVER_ADDRESS = AttributeKey.stringKey(SERVER_ADDRESS);
    /** Typed key for {@link #USER_AGENT}. */
    public static final AttributeKey<String> K_USER_AGENT = AttributeKey.stringKey(USER_AGENT);
    /** Typed key for {@link #STATUS_CODE}. */
    public static final AttributeKey<Long> K_STATUS_CODE = AttributeKey.longKey(STATUS_CODE);
    /** Typed key for {@link #BODY_SIZE}. */
    public static final AttributeKey<Long> K_BODY_SIZE = AttributeKey.longKey(BODY_SIZE);
    /** Typed key for {@link #DURATION}. */
    public static final AttributeKey<Double> K_DURATION = AttributeKey.doubleKey(DURATION);
    /** Typed key for {@link #CACHE_HIT}. */
    public static final AttributeKey<Boolean> K_CACHE_HIT = AttributeKey.booleanKey(CACHE_HIT);

    private SpanShape() {
    }

    /**
     * The status code value for span number {@code n}: varies, mostly outside the boxing cache.
     *
     * @param n the span's sequence number
     * @return a status-code-like long
     */
    public static long statusCode(long n) {
        return 200 + (n & 511);
    }

    /**
     * The body size value for span number {@code n}.
     *
     * @param n the span's sequence number
     * @return a size in bytes
     */
    public static long bodySize(long n) {
        return 1_000 + n;
    }

    /**
     * The duration value for span number {@code n}.
     *
     * @param n the span's sequence number
     * @return a duration in milliseconds
     */
    public static double duration(long n) {
        return (n & 1023) * 0.25;
    }

    /**
     * Writes the 8 attributes of span number {@code n} into a pooled span: the puts every lowalloc
     * row of every harness makes.
     *
     * @param span the span being recorded
     * @param n the span's sequence number, from which the varying values derive
     */
    public static void putAttributes(SpanData span, long n) {
        span.put(HTTP_METHOD, METHOD_VALUE);
        span.put(HTTP_ROUTE, ROUTE_VALUE);
        span.put(SERVER_ADDRESS, ADDRESS_VALUE);
        span.put(USER_AGENT, AGENT_VALUE);
        span.put(STATUS_CODE, statusCode(n));
        span.put(BODY_SIZE, bodySize(n));
        span.put(DURATION, duration(n));
        span.put(CACHE_HIT, (n & 1) == 0);
    }
}
