package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.HexIds;
import java.nio.charset.StandardCharsets;

/**
 * Hex id strings with the least allocation a {@code String} allows: one {@code String} and its
 * Latin-1 byte array per id. The digits go into a per-thread scratch buffer first, so no
 * temporary {@code char[]} is made, as {@link HexIds#traceIdToHex} would.
 */
final class HexStrings {

    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[HexIds.TRACE_ID_HEX_LENGTH]);

    private HexStrings() {
    }

    static String traceId(long high, long low) {
        byte[] scratch = SCRATCH.get();
        HexIds.writeHex(high, scratch, 0);
        HexIds.writeHex(low, scratch, HexIds.SPAN_ID_HEX_LENGTH);
        return new String(scratch, 0, HexIds.TRACE_ID_HEX_LENGTH, StandardCharsets.ISO_8859_1);
    }

    static String spanId(long spanId) {
        byte[] scratch = SCRATCH.get();
        HexIds.writeHex(spanId, scratch, 0);
        return new String(scratch, 0, HexIds.SPAN_ID_HEX_LENGTH, StandardCharsets.ISO_8859_1);
    }
}
