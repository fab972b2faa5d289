package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.HexIds;
import java.nio.charset.StandardCharsets;

/**
 * Hex id strings with the least allocation a {@code String} allows: the digits are written into a
 * per-thread scratch buffer and copied once into the string's own Latin-1 array, so a trace id
 * costs one {@code String} and one 32-byte array (72 bytes with compressed references), a span id
 * one {@code String} and one 16-byte array (56 bytes); {@link HexIds#traceIdToHex} would also make a
 * temporary {@code char[]}.
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
