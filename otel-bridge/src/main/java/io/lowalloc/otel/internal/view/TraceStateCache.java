package io.lowalloc.otel.internal.view;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;

/**
 * OpenTelemetry {@link TraceState}s parsed from the W3C {@code tracestate} strings that pooled
 * spans carry, in one bounded, direct-mapped table of {@value #SIZE} entries shared by every view:
 * a string's slot is chosen by its hash and a new string replaces the slot's entry, so input an
 * attacker controls can evict entries but never grow the table. A hit allocates nothing (the
 * string's hash is cached by {@code String}, and the same string instance compares by identity
 * first); a miss parses once and allocates the entry and the {@code TraceState}. A value that is
 * not a valid {@code tracestate} (see {@link io.lowalloc.core.span.TraceState#isValid}) gives
 * {@link TraceState#getDefault()}, as OpenTelemetry's W3C propagator discards one. Thread-safe:
 * entries are immutable and published through a plain array store, which the final fields make
 * safe; a racing miss may parse twice.
 *
 * <p>Not API: public only for the bridge's own packages.
 */
public final class TraceStateCache {

    /** Entries in the table: {@value}. */
    public static final int SIZE = 256;

    private static final Entry[] TABLE = new Entry[SIZE];

    private TraceStateCache() {
    }

    /**
     * Returns the OpenTelemetry form of a {@code tracestate} value.
     *
     * @param w3c the header value as a span carries it; {@code ""} for none
     * @return the parsed trace state; {@link TraceState#getDefault()} for {@code ""} or an invalid
     *     value
     */
    public static TraceState get(String w3c) {
        if (w3c.isEmpty()) {
            return TraceState.getDefault();
        }
        int slot = w3c.hashCode() & (SIZE - 1);
        Entry entry = TABLE[slot];
        if (entry != null && (entry.w3c == w3c || entry.w3c.equals(w3c))) {
            return entry.parsed;
        }
        TraceState parsed = parse(w3c);
        TABLE[slot] = new Entry(w3c, parsed);
        return parsed;
    }

    /** For tests: whether {@code w3c} is in the table now. */
    static boolean contains(String w3c) {
        Entry entry = TABLE[w3c.hashCode() & (SIZE - 1)];
        return entry != null && entry.w3c.equals(w3c);
    }

    private static TraceState parse(String w3c) {
        if (!io.lowalloc.core.span.TraceState.isValid(w3c)) {
            return TraceState.getDefault();
        }
        String[] members = w3c.split(",", -1);
        TraceStateBuilder builder = TraceState.builder();
        // OpenTelemetry's builder puts each new entry first: add from the last member to keep the order.
        for (int i = members.length - 1; i >= 0; i--) {
            String member = members[i].strip();
            if (!member.isEmpty()) {
                int eq = member.indexOf('=');
                builder.put(member.substring(0, eq), member.substring(eq + 1));
            }
        }
        return builder.build();
    }

    private static final class Entry {
        final String w3c;
        final TraceState parsed;

        Entry(String w3c, TraceState parsed) {
            this.w3c = w3c;
            this.parsed = parsed;
        }
    }
}
