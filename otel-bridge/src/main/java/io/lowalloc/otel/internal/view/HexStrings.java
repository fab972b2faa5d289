package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.HexIds;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hex id strings with the least allocation a {@code String} allows: one {@code String} and its
 * Latin-1 byte array per id. The digits go into a per-thread scratch buffer first, so no
 * temporary {@code char[]} is made, as {@link HexIds#traceIdToHex} would. Each 32-bit half of an
 * id becomes its 8 lowercase digits in a few register operations (below) and one 8-byte store,
 * instead of 8 table look-ups and byte stores: an OpenTelemetry exporter asks for 2 or 3 of these
 * strings per span on the export worker, where the SDK had made them on the recording thread.
 */
final class HexStrings {

    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[HexIds.TRACE_ID_HEX_LENGTH]);
    // Big-endian: the most significant digit is the first character.
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private HexStrings() {
    }

    static String traceId(long high, long low) {
        byte[] scratch = SCRATCH.get();
        putHex(high, scratch, 0);
        putHex(low, scratch, HexIds.SPAN_ID_HEX_LENGTH);
        return new String(scratch, 0, HexIds.TRACE_ID_HEX_LENGTH, StandardCharsets.ISO_8859_1);
    }

    static String spanId(long spanId) {
        byte[] scratch = SCRATCH.get();
        putHex(spanId, scratch, 0);
        return new String(scratch, 0, HexIds.SPAN_ID_HEX_LENGTH, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as 16 lowercase hex ASCII bytes at {@code dst[offset]}. */
    static void putHex(long value, byte[] dst, int offset) {
        EIGHT_BYTES.set(dst, offset, hexDigits((int) (value >>> 32)));
        EIGHT_BYTES.set(dst, offset + Long.BYTES, hexDigits((int) value));
    }

    /** {@return the 8 lowercase hex ASCII digits of {@code value}, most significant in the top byte} */
    static long hexDigits(int value) {
        // Spread the 8 nibbles to one per byte, in order: 16-bit halves, then bytes, then nibbles.
        long x = value & 0xFFFF_FFFFL;
        x = ((x & 0xFFFF_0000L) << 16) | (x & 0x0000_FFFFL);
        x = ((x & 0x0000_FF00_0000_FF00L) << 8) | (x & 0x0000_00FF_0000_00FFL);
        x = ((x & 0x00F0_00F0_00F0_00F0L) << 4) | (x & 0x000F_000F_000F_000FL);
        // Per byte n in 0..15: bit 4 of n + 6 is set exactly when n >= 10; no byte carries into the next.
        long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
        // '0' + n for digits; 'a' - 10 + n = '0' + 39 + n for letters.
        return x + 0x3030_3030_3030_3030L + letters * 39;
    }
}
