package io.lowalloc.core.span;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.gc.AllocationMeter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HexIdsTest {

    private static final long W3C_HIGH = 0x0af7651916cd43ddL;
    private static final long W3C_LOW = 0x8448eb211c80319cL;

    private static final long[] EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL,
        0xfedcba9876543210L, 0x8000000000000001L};

    private static final AllocationMeter METER = AllocationMeter.create();

    /** Escapes allocations so the JIT cannot remove them. */
    static volatile Object sink;

    @ParameterizedTest
    @CsvSource({
        "0, 0000000000000000",
        "1, 0000000000000001",
        "-1, ffffffffffffffff",
        "-9223372036854775808, 8000000000000000",
        "9223372036854775807, 7fffffffffffffff",
        "81985529216486895, 0123456789abcdef"})
    void spanIdToHexIsSixteenLowercaseDigits(long value, String expected) {
        assertThat(HexIds.spanIdToHex(value)).isEqualTo(expected);
    }

    @Test
    void traceIdToHexWritesHighHalfFirst() {
        assertThat(HexIds.traceIdToHex(W3C_HIGH, W3C_LOW)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(HexIds.traceIdToHex(0, 1)).isEqualTo("00000000000000000000000000000001");
        assertThat(HexIds.traceIdToHex(Long.MIN_VALUE, -1)).isEqualTo("8000000000000000ffffffffffffffff");
    }

    @Test
    void hexRoundTripsEdgeAndRandomValues() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = Arrays.copyOf(EDGES, EDGES.length + 1000);
        for (int i = EDGES.length; i < values.length; i++) {
            values[i] = random.nextLong();
        }
        for (long value : values) {
            String hex = HexIds.spanIdToHex(value);
            assertThat(HexIds.parseLong16(hex, 0)).as(hex).isEqualTo(value);
            assertThat(HexIds.parseLong16(hex.toUpperCase(Locale.ROOT), 0)).as(hex).isEqualTo(value);
        }
    }

    @Test
    void writeHexIntoCharsAtOffsetTouchesOnlyItsSixteenPositions() {
        char[] dst = new char[20];
        Arrays.fill(dst, '.');

        int end = HexIds.writeHex(0x0123456789abcdefL, dst, 2);

        assertThat(end).isEqualTo(18);
        assertThat(new String(dst)).isEqualTo("..0123456789abcdef..");
    }

    @Test
    void writeHexIntoBytesAtOffsetTouchesOnlyItsSixteenPositions() {
        byte[] dst = new byte[20];
        Arrays.fill(dst, (byte) '.');

        int end = HexIds.writeHex(Long.MIN_VALUE, dst, 4);

        assertThat(end).isEqualTo(20);
        assertThat(new String(dst, US_ASCII)).isEqualTo("....8000000000000000");
    }

    @Test
    void writeHexChainsThroughTheReturnedIndex() {
        char[] dst = new char[32];

        HexIds.writeHex(W3C_LOW, dst, HexIds.writeHex(W3C_HIGH, dst, 0));

        assertThat(new String(dst)).isEqualTo(HexIds.traceIdToHex(W3C_HIGH, W3C_LOW));
    }

    @Test
    void parseLong16ReadsAtOffsetInEitherCase() {
        assertThat(HexIds.parseLong16("xx0123456789ABCDEFyy", 2)).isEqualTo(0x0123456789abcdefL);
        assertThat(HexIds.parseLong16(new StringBuilder("FfFfFfFfFfFfFfFf"), 0)).isEqualTo(-1L);
    }

    @Test
    void parseLong16NamesTheInvalidCharacterAndItsIndex() {
        assertThatThrownBy(() -> HexIds.parseLong16("xx0123g56789abcdef", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character 'g' at index 6");
        assertThatThrownBy(() -> HexIds.parseLong16("0123456789abcde\u00e9", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character U+00E9 at index 15");
        assertThatThrownBy(() -> HexIds.parseLong16("01234567 9abcdef0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character ' ' at index 8");
        assertThatThrownBy(() -> HexIds.parseLong16("-123456789abcdef", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character '-' at index 0");
    }

    @Test
    void parseLong16ChecksTheRange() {
        assertThatThrownBy(() -> HexIds.parseLong16("0123456789abcdef", 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 0] to fit 16 characters into s.length() 16, was: 1");
        assertThatThrownBy(() -> HexIds.parseLong16("0123456789abcdef", -1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 0] to fit 16 characters into s.length() 16, was: -1");
        assertThatThrownBy(() -> HexIds.parseLong16("0123", 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("s.length() must be >= 16, was: 4");
        assertThatThrownBy(() -> HexIds.parseLong16(null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("s");
    }

    @Test
    void writeHexChecksTheBuffer() {
        assertThatThrownBy(() -> HexIds.writeHex(1, new char[20], 5))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 4] to fit 16 characters into dst.length 20, was: 5");
        assertThatThrownBy(() -> HexIds.writeHex(1, new byte[20], -1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 4] to fit 16 characters into dst.length 20, was: -1");
        assertThatThrownBy(() -> HexIds.writeHex(1, new byte[15], 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("dst.length must be >= 16, was: 15");
        assertThatThrownBy(() -> HexIds.writeHex(1, (char[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThatThrownBy(() -> HexIds.writeHex(1, (byte[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
    }

    @Test
    void isValidHexAcceptsEitherCaseWithinTheRange() {
        assertThat(HexIds.isValidHex("0123456789abcdefABCDEF", 0, 22)).isTrue();
        assertThat(HexIds.isValidHex("zz00ff", 2, 4)).isTrue();
        assertThat(HexIds.isValidHex("zz00ff", 1, 4)).isFalse();
        assertThat(HexIds.isValidHex("00fg", 0, 4)).isFalse();
        assertThat(HexIds.isValidHex("00f\u0660", 0, 4)).as("non-ASCII digit").isFalse();
        assertThat(HexIds.isValidHex("00ff", 2, 3)).as("range beyond the end").isFalse();
        assertThat(HexIds.isValidHex("", 0, 0)).as("empty range").isTrue();
    }

    @Test
    void isValidHexRejectsNegativeArguments() {
        assertThatThrownBy(() -> HexIds.isValidHex("00", -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offset must be >= 0, was: -1");
        assertThatThrownBy(() -> HexIds.isValidHex("00", 0, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length must be >= 0, was: -2");
        assertThatThrownBy(() -> HexIds.isValidHex(null, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("s");
    }

    // ---- allocation: 0 bytes per operation over 1,000,000 operations after 1,000,000 of warm-up

    private static double bytesPerOp(LongUnaryOperator op) {
        return METER.bytesPerOp(1_000_000, 1_000_000, op);
    }

    @Test
    void writeHexAllocatesNothing() {
        char[] chars = new char[16];
        byte[] bytes = new byte[16];

        assertThat(bytesPerOp(i -> HexIds.writeHex(i * 0x9E3779B97F4A7C15L, chars, 0) + chars[15])).isZero();
        assertThat(bytesPerOp(i -> HexIds.writeHex(i * 0x9E3779B97F4A7C15L, bytes, 0) + bytes[15])).isZero();
    }

    @Test
    void parsingAllocatesNothing() {
        String hex = "0123456789abcdefABCDEF";

        assertThat(bytesPerOp(i -> HexIds.parseLong16(hex, (int) (i & 3)))).isZero();
        assertThat(bytesPerOp(i -> HexIds.isValidHex(hex, (int) (i & 3), 16) ? 1 : 0)).isZero();
    }

    @Test
    void detectorFailsOnAnInjectedAllocation() {
        char[] chars = new char[16];

        double injected = bytesPerOp(i -> {
            long end = HexIds.writeHex(i, chars, 0);
            sink = new long[] {end}; // the injected allocation: one 24-byte array per operation
            return end;
        });
        double allocatingForm = bytesPerOp(i -> {
            String hex = HexIds.spanIdToHex(i);
            sink = hex;
            return hex.length();
        });

        assertThat(injected).isGreaterThanOrEqualTo(16.0);
        assertThat(allocatingForm).as("spanIdToHex allocates its String, as documented")
                .isGreaterThanOrEqualTo(40.0);
    }

    @Test
    void logCorrelationWritesLowercaseHexIntoEachBufferKind() {
        long high = 0x4bf92f3577b34da6L;
        long low = 0xa3ce929d0e0e4736L;
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        StringBuilder line = new StringBuilder("trace_id=");
        char[] chars = new char[34];
        byte[] bytes = new byte[34];

        HexIds.appendTraceId(high, low, line).append(" span_id=");
        HexIds.appendHex(0x00f067aa0ba902b7L, line);

        assertThat(line).hasToString("trace_id=" + traceId + " span_id=00f067aa0ba902b7");
        assertThat(HexIds.writeTraceId(high, low, chars, 1)).isEqualTo(33);
        assertThat(new String(chars, 1, 32)).isEqualTo(traceId);
        assertThat(HexIds.writeTraceId(high, low, bytes, 2)).isEqualTo(34);
        assertThat(new String(bytes, 2, 32, US_ASCII)).isEqualTo(traceId);
        assertThatThrownBy(() -> HexIds.writeTraceId(high, low, bytes, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void logCorrelationAllocatesNothingOnceTheBuilderHasRoom() {
        StringBuilder line = new StringBuilder(64);
        char[] chars = new char[32];
        byte[] bytes = new byte[32];

        double perOp = AllocationMeter.create().bytesPerOp(200_000, 1_000_000, i -> {
            line.setLength(0);
            HexIds.appendHex(i, HexIds.appendTraceId(i, ~i, line));
            return line.charAt(47) + HexIds.writeTraceId(i, ~i, chars, 0) + HexIds.writeTraceId(~i, i, bytes, 0);
        });

        assertThat(perOp).isZero();
    }
}
