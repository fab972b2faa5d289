package io.lowalloc.otlp;

import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanEvent;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanLimits;
import io.lowalloc.core.span.SpanLink;
import io.lowalloc.core.span.StatusCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Spans for the encoder tests: {@link #everyField()} covers every field the encoder writes and
 * every value shape that could encode differently; {@link #typical(SpanData, int)} fills a span the
 * way a service would, for splitting and allocation tests. Both carry {@code tracestate}s. All spans are ended.
 */
final class EncoderSpans {

    /** Non-ASCII in one, two, three and four bytes (a surrogate pair: U+1F600 and U+1D11E). */
    static final String NON_ASCII = "a\u00e9\u20ac\uD83D\uDE00\uD834\uDD1E";
    /** A lone high surrogate, a lone low surrogate and a reversed pair: each written as '?'. */
    static final String UNPAIRED = "x\uD800y\uDC00z\uDE00\uD83D";

    /** A {@code tracestate} in the form OpenTelemetry writes back (no spaces, no empty members). */
    static final String TRACE_STATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    /** A second one, with a multi-tenant key, for links. */
    static final String LINK_TRACE_STATE = "tenant@vendor=opaque-1,other=x";

    private static final long T0 = 1_700_000_000_000_000_000L;

    private EncoderSpans() {
    }

    /** {@return limits small enough that every dropped count is non-zero in {@link #everyField()}} */
    static SpanLimits droppingLimits() {
        return SpanLimits.builder()
                .attributeLimit(40)
                .eventLimit(3)
                .preallocatedEvents(1)
                .eventAttributeInitialCapacity(1)
                .eventAttributeLimit(3)
                .linkLimit(2)
                .preallocatedLinks(1)
                .linkAttributeInitialCapacity(1)
                .linkAttributeLimit(2)
                .build();
    }

    /**
     * {@return spans covering every kind, status, flag, parent form, attribute type and count, and
     * trace states of a span and its links; fewer than 32 (the allocation test places each in a batch)}
     */
    static List<SpanData> everyField() {
        List<SpanData> spans = new ArrayList<>();
        SpanKind[] kinds = SpanKind.values();
        StatusCode[] codes = StatusCode.values();
        for (int i = 0; i < kinds.length * codes.length; i++) {
            SpanData span = SpanData.create(droppingLimits());
            span.setTraceId(0x0123456789abcdefL + i, 0xfedcba9876543210L - i)
                    .setSpanId(0x1000L + i)
                    .setKind(kinds[i % kinds.length])
                    .setName(i == 0 ? "" : i == 1 ? NON_ASCII : "span-" + i)
                    .setStartEpochNanos(T0 + i);
            switch (i % 3) {
                case 0 -> span.setParent(0L, false); // root
                case 1 -> span.setParent(0xabcL + i, true); // remote parent
                default -> span.setParent(0xdefL + i, false); // local parent
            }
            span.setTraceFlags((byte) (i % 4 == 0 ? 0 : i % 4 == 1 ? 1 : 0x81));
            StatusCode code = codes[(i / kinds.length) % codes.length];
            span.setStatus(code, code == StatusCode.ERROR ? (i % 2 == 0 ? "failed: " + NON_ASCII : "") : "ignored");
            if (i == 0) {
                everyAttribute(span);
            } else if (i % 2 == 1) {
                span.put("http.route", "/users/{id}");
                span.put("retry", (long) i);
            }
            if (i % 4 == 1) {
                eventsAndLinks(span, i);
            }
            span.end(T0 + 1000L * i + 7);
            spans.add(span);
        }
        // A span left at its defaults except ids: start, end and name all zero/empty.
        SpanData bare = SpanData.create(SpanLimits.defaults());
        bare.setTraceId(1L, 2L).setSpanId(3L);
        bare.end(0L);
        spans.add(bare);
        // A parent id under an all-zero (invalid) trace id: OpenTelemetry treats the parent as invalid.
        SpanData invalidTrace = SpanData.create(SpanLimits.defaults());
        invalidTrace.setSpanId(4L).setParent(5L, true).setName("invalid trace").setStartEpochNanos(T0);
        invalidTrace.end(T0 + 1);
        spans.add(invalidTrace);
        spans.add(traceContext());
        return spans;
    }

    /**
     * A span under a remote parent with a {@code tracestate}, and links: local with a trace state,
     * remote without one, remote and sampled with one.
     */
    private static SpanData traceContext() {
        SpanData span = SpanData.create(SpanLimits.defaults());
        span.setTraceId(0x7ace5747eL, 0x5747eL).setSpanId(0x77L).setParent(0x78L, true).setSampled(true)
                .setTraceState(TRACE_STATE).setName("trace context").setStartEpochNanos(T0);
        span.addLink(0x1L, 0x2L, 0x3L, (byte) 0, false, LINK_TRACE_STATE).put("link.kind", "local");
        span.addLink(0x4L, 0x5L, 0x6L, (byte) 0, true, "");
        span.addLink(0x7L, 0x8L, 0x9L, (byte) 1, true, TRACE_STATE);
        span.end(T0 + 99);
        return span;
    }

    /** Every attribute type and value shape, then more keys than the limit (dropped and counted). */
    private static void everyAttribute(SpanData span) {
        span.put("string", "text");
        span.put("string.empty", "");
        span.put("string.non-ascii", NON_ASCII);
        span.put("string.unpaired", UNPAIRED);
        span.put("key." + NON_ASCII, "non-ASCII key");
        span.put("long.zero", 0L);
        span.put("long.minus-one", -1L);
        span.put("long.min", Long.MIN_VALUE);
        span.put("long.max", Long.MAX_VALUE);
        span.put("long.127", 127L);
        span.put("long.128", 128L);
        span.put("double.zero", 0.0);
        span.put("double.minus-zero", -0.0);
        span.put("double.nan", Double.NaN);
        span.put("double.plus-inf", Double.POSITIVE_INFINITY);
        span.put("double.minus-inf", Double.NEGATIVE_INFINITY);
        span.put("double.min", Double.MIN_VALUE);
        span.put("double.pi", Math.PI);
        span.put("bool.true", true);
        span.put("bool.false", false);
        span.put("strings", new String[] {"a", "", NON_ASCII, UNPAIRED});
        span.put("strings.empty", new String[0]);
        span.put("longs", new long[] {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 300L});
        span.put("longs.empty", new long[0]);
        span.put("doubles", new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1.5});
        span.put("doubles.empty", new double[0]);
        span.put("booleans", new boolean[] {true, false, false});
        span.put("booleans.empty", new boolean[0]);
        span.put("string.replaced", "first");
        span.put("string.replaced", "second");
        int limit = span.limits().attributeLimit();
        for (int k = span.attributes().size(); k < limit + 3; k++) {
            span.put("filler." + k, k);
        }
    }

    /** Events and links with attributes, past their limits (dropped counts non-zero). */
    private static void eventsAndLinks(SpanData span, int i) {
        SpanEvent first = span.addEvent("exception", T0 + 10);
        first.put("exception.type", "java.lang.IllegalStateException");
        first.put("exception.message", NON_ASCII);
        first.put("attempt", 2L);
        first.put("over.limit", true);
        span.addEvent("", T0 + 20).put("ratio", 0.25);
        span.addEvent(NON_ASCII, 0L).put("tags", new String[] {"x", "y"});
        span.addEvent("dropped", T0 + 40);
        SpanLink sampled = span.addLink(0x1111L * i, 0x2222L, 0x3333L, (byte) 1);
        sampled.put("link.kind", "producer");
        sampled.put("link.index", 0L);
        sampled.put("over.limit", 1.5);
        span.addLink(0L, 0x4444L, 0x5555L, (byte) 0).put("flags", new boolean[] {true});
        span.addLink(0x6666L, 0x7777L, 0x8888L, (byte) 1);
    }

    /**
     * Writes a typical server span into {@code span} (acquired) and ends it: ids from {@code i},
     * a remote parent and {@link #TRACE_STATE} on every second span, eight attributes, one event on
     * every fourth span; allocates nothing once the span is warm.
     *
     * @param span the span to fill, acquired
     * @param i a per-span number
     * @return the span
     */
    static SpanData typical(SpanData span, int i) {
        span.setTraceId(0x5eedL + i, 0x7a11L * (i + 1))
                .setSpanId(0x1000L + i)
                .setParent(0x2000L + i, (i & 1) == 0)
                .setSampled(true)
                // Spans under a remote parent carry its tracestate, as a server's spans would.
                .setTraceState((i & 1) == 0 ? TRACE_STATE : "")
                .setKind(SpanKind.SERVER)
                .setName("GET /users/{id}")
                .setStartEpochNanos(T0 + 1000L * i);
        span.put("http.request.method", "GET");
        span.put("http.route", "/users/{id}");
        span.put("url.path", "/users/12345");
        span.put("http.response.status_code", 200L);
        span.put("server.port", 8080L);
        span.put("network.protocol.version", "1.1");
        span.put("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)");
        span.put("cache.hit", (i & 1) == 0);
        if ((i & 3) == 0) {
            span.addEvent("cache.miss", T0 + 1000L * i + 10).put("key", "users:12345");
        }
        span.setStatus(StatusCode.OK);
        span.end(T0 + 1000L * i + 500);
        return span;
    }
}
