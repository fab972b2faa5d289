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

class HexTest {

    // The example of the W3C Trace Context specification.
    private static final String W3C_EXAMPLE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final long W3C_HIGH = 0x0af7651916cd43ddL;
    private static final long W3C_LOW = 0x8448eb211c80319cL;
    private static final long W3C_SPAN = 0xb7ad6b7169203331L;

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
        assertThat(Hex.spanIdToHex(value)).isEqualTo(expected);
    }

    @Test
    void traceIdToHexWritesHighHalfFirst() {
        assertThat(Hex.traceIdToHex(W3C_HIGH, W3C_LOW)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(Hex.traceIdToHex(0, 1)).isEqualTo("00000000000000000000000000000001");
        assertThat(Hex.traceIdToHex(Long.MIN_VALUE, -1)).isEqualTo("8000000000000000ffffffffffffffff");
    }

    @Test
    void hexRoundTripsEdgeAndRandomValues() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = Arrays.copyOf(EDGES, EDGES.length + 1000);
        for (int i = EDGES.length; i < values.length; i++) {
            values[i] = random.nextLong();
        }
        for (long value : values) {
            String hex = Hex.spanIdToHex(value);
            assertThat(Hex.parseLong16(hex, 0)).as(hex).isEqualTo(value);
            assertThat(Hex.parseLong16(hex.toUpperCase(Locale.ROOT), 0)).as(hex).isEqualTo(value);
        }
    }

    @Test
    void writeHexIntoCharsAtOffsetTouchesOnlyItsSixteenPositions() {
        char[] dst = new char[20];
        Arrays.fill(dst, '.');

        int end = Hex.writeHex(0x0123456789abcdefL, dst, 2);

        assertThat(end).isEqualTo(18);
        assertThat(new String(dst)).isEqualTo("..0123456789abcdef..");
    }

    @Test
    void writeHexIntoBytesAtOffsetTouchesOnlyItsSixteenPositions() {
        byte[] dst = new byte[20];
        Arrays.fill(dst, (byte) '.');

        int end = Hex.writeHex(Long.MIN_VALUE, dst, 4);

        assertThat(end).isEqualTo(20);
        assertThat(new String(dst, US_ASCII)).isEqualTo("....8000000000000000");
    }

    @Test
    void writeHexChainsThroughTheReturnedIndex() {
        char[] dst = new char[32];

        Hex.writeHex(W3C_LOW, dst, Hex.writeHex(W3C_HIGH, dst, 0));

        assertThat(new String(dst)).isEqualTo(Hex.traceIdToHex(W3C_HIGH, W3C_LOW));
    }

    @Test
    void parseLong16ReadsAtOffsetInEitherCase() {
        assertThat(Hex.parseLong16("xx0123456789ABCDEFyy", 2)).isEqualTo(0x0123456789abcdefL);
        assertThat(Hex.parseLong16(new StringBuilder("FfFfFfFfFfFfFfFf"), 0)).isEqualTo(-1L);
    }

    @Test
    void parseLong16NamesTheInvalidCharacterAndItsIndex() {
        assertThatThrownBy(() -> Hex.parseLong16("xx0123g56789abcdef", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character 'g' at index 6");
        assertThatThrownBy(() -> Hex.parseLong16("0123456789abcde\u00e9", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character U+00E9 at index 15");
        assertThatThrownBy(() -> Hex.parseLong16("01234567 9abcdef0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character ' ' at index 8");
        assertThatThrownBy(() -> Hex.parseLong16("-123456789abcdef", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid hex character '-' at index 0");
    }

    @Test
    void parseLong16ChecksTheRange() {
        assertThatThrownBy(() -> Hex.parseLong16("0123456789abcdef", 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 0] to fit 16 characters into s.length() 16, was: 1");
        assertThatThrownBy(() -> Hex.parseLong16("0123456789abcdef", -1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 0] to fit 16 characters into s.length() 16, was: -1");
        assertThatThrownBy(() -> Hex.parseLong16("0123", 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("s.length() must be >= 16, was: 4");
        assertThatThrownBy(() -> Hex.parseLong16(null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("s");
    }

    @Test
    void writeHexChecksTheBuffer() {
        assertThatThrownBy(() -> Hex.writeHex(1, new char[20], 5))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 4] to fit 16 characters into dst.length 20, was: 5");
        assertThatThrownBy(() -> Hex.writeHex(1, new byte[20], -1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 4] to fit 16 characters into dst.length 20, was: -1");
        assertThatThrownBy(() -> Hex.writeHex(1, new byte[15], 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("dst.length must be >= 16, was: 15");
        assertThatThrownBy(() -> Hex.writeHex(1, (char[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThatThrownBy(() -> Hex.writeHex(1, (byte[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
    }

    @Test
    void isValidHexAcceptsEitherCaseWithinTheRange() {
        assertThat(Hex.isValidHex("0123456789abcdefABCDEF", 0, 22)).isTrue();
        assertThat(Hex.isValidHex("zz00ff", 2, 4)).isTrue();
        assertThat(Hex.isValidHex("zz00ff", 1, 4)).isFalse();
        assertThat(Hex.isValidHex("00fg", 0, 4)).isFalse();
        assertThat(Hex.isValidHex("00f\u0660", 0, 4)).as("non-ASCII digit").isFalse();
        assertThat(Hex.isValidHex("00ff", 2, 3)).as("range beyond the end").isFalse();
        assertThat(Hex.isValidHex("", 0, 0)).as("empty range").isTrue();
    }

    @Test
    void isValidHexRejectsNegativeArguments() {
        assertThatThrownBy(() -> Hex.isValidHex("00", -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offset must be >= 0, was: -1");
        assertThatThrownBy(() -> Hex.isValidHex("00", 0, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length must be >= 0, was: -2");
        assertThatThrownBy(() -> Hex.isValidHex(null, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("s");
    }

    @Test
    void writeTraceparentMatchesTheW3cExample() {
        byte[] bytes = new byte[Hex.TRACEPARENT_LENGTH];
        char[] chars = new char[Hex.TRACEPARENT_LENGTH];

        int byteCount = Hex.writeTraceparent(W3C_HIGH, W3C_LOW, W3C_SPAN, (byte) 0x01, bytes, 0);
        int charCount = Hex.writeTraceparent(W3C_HIGH, W3C_LOW, W3C_SPAN, (byte) 0x01, chars, 0);

        assertThat(byteCount).isEqualTo(55);
        assertThat(charCount).isEqualTo(55);
        assertThat(new String(bytes, US_ASCII)).isEqualTo(W3C_EXAMPLE);
        assertThat(new String(chars)).isEqualTo(W3C_EXAMPLE);
    }

    @Test
    void writeTraceparentAtOffsetWritesTwoHexFlagDigits() {
        char[] chars = new char[60];
        Arrays.fill(chars, '.');
        byte[] bytes = new byte[60];
        Arrays.fill(bytes, (byte) '.');

        Hex.writeTraceparent(0, 1, -1, (byte) 0xff, chars, 3);
        Hex.writeTraceparent(Long.MIN_VALUE, 0, 1, (byte) 0x80, bytes, 5);

        assertThat(new String(chars))
                .isEqualTo("...00-00000000000000000000000000000001-ffffffffffffffff-ff..");
        assertThat(new String(bytes, US_ASCII))
                .isEqualTo(".....00-80000000000000000000000000000000-0000000000000001-80");
    }

    @Test
    void writeTraceparentChecksTheBuffer() {
        assertThatThrownBy(() -> Hex.writeTraceparent(1, 1, 1, (byte) 1, new byte[54], 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("dst.length must be >= 55, was: 54");
        assertThatThrownBy(() -> Hex.writeTraceparent(1, 1, 1, (byte) 1, new char[64], 10))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 9] to fit 55 characters into dst.length 64, was: 10");
        assertThatThrownBy(() -> Hex.writeTraceparent(1, 1, 1, (byte) 1, new char[64], Integer.MAX_VALUE))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 9] to fit 55 characters into dst.length 64, was: 2147483647");
        assertThatThrownBy(() -> Hex.writeTraceparent(1, 1, 1, (byte) 1, (byte[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThatThrownBy(() -> Hex.writeTraceparent(1, 1, 1, (byte) 1, (char[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
    }

    @Test
    void writeTraceparentRejectsAllZeroIds() {
        assertThatThrownBy(() -> Hex.writeTraceparent(0, 0, 1, (byte) 1, new byte[55], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trace id must not be all zeros");
        assertThatThrownBy(() -> Hex.writeTraceparent(1, 0, 0, (byte) 1, new char[55], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("span id must not be all zeros");
    }

    @Test
    void traceparentFieldsOfTheW3cExample() {
        assertThat(Hex.isValidTraceparent(W3C_EXAMPLE)).isTrue();
        assertThat(Hex.traceparentTraceIdHigh(W3C_EXAMPLE)).isEqualTo(W3C_HIGH);
        assertThat(Hex.traceparentTraceIdLow(W3C_EXAMPLE)).isEqualTo(W3C_LOW);
        assertThat(Hex.traceparentSpanId(W3C_EXAMPLE)).isEqualTo(W3C_SPAN);
        assertThat(Hex.traceparentFlags(W3C_EXAMPLE)).isEqualTo((byte) 0x01);
        assertThat(Hex.traceparentFlags("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-f0"))
                .isEqualTo((byte) 0xf0);
    }

    @Test
    void traceparentRoundTripsRandomIds() {
        char[] buffer = new char[Hex.TRACEPARENT_LENGTH];
        for (int i = 0; i < 1000; i++) {
            long high = Ids.randomTraceIdHigh();
            long low = Ids.randomTraceIdLow();
            long span = Ids.randomSpanId();
            byte flags = (byte) i;
            Hex.writeTraceparent(high, low, span, flags, buffer, 0);
            String header = new String(buffer);

            assertThat(Hex.traceparentTraceIdHigh(header)).isEqualTo(high);
            assertThat(Hex.traceparentTraceIdLow(header)).isEqualTo(low);
            assertThat(Hex.traceparentSpanId(header)).isEqualTo(span);
            assertThat(Hex.traceparentFlags(header)).isEqualTo(flags);
        }
    }

    @Test
    void aFutureVersionWithAppendedFieldsIsAccepted() {
        String future = "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-holds";

        assertThat(Hex.isValidTraceparent(future)).isTrue();
        assertThat(Hex.traceparentSpanId(future)).isEqualTo(W3C_SPAN);
        assertThat(Hex.isValidTraceparent("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0"
            + "| traceparent must be at least 55 characters, was: 54",
        "''| traceparent must be at least 55 characters, was: 0",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-"
            + "| traceparent of version 00 must be exactly 55 characters, was: 56",
        "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x"
            + "| traceparent must have '-' at index 55, was: 'x'",
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01| traceparent version ff is forbidden",
        "00-00000000000000000000000000000000-b7ad6b7169203331-01| traceparent trace id must not be all zeros",
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"
            + "| traceparent parent (span) id must not be all zeros",
        "00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01| traceparent must have '-' at index 2, was: '_'",
        "00-0af7651916cd43dd8448eb211c80319c+b7ad6b7169203331-01"
            + "| traceparent must have '-' at index 35, was: '+'",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331 01"
            + "| traceparent must have '-' at index 52, was: ' '",
        "00-0AF7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            + "| traceparent has invalid character 'A' at index 4, expected a lowercase hex digit",
        "0g-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            + "| traceparent has invalid character 'g' at index 1, expected a lowercase hex digit",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333z-01"
            + "| traceparent has invalid character 'z' at index 51, expected a lowercase hex digit",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0F"
            + "| traceparent has invalid character 'F' at index 54, expected a lowercase hex digit"})
    void invalidTraceparentIsRejectedWithTheReason(String header, String message) {
        assertThat(Hex.isValidTraceparent(header)).isFalse();
        assertThatThrownBy(() -> Hex.requireValidTraceparent(header))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> Hex.traceparentTraceIdHigh(header)).hasMessage(message);
        assertThatThrownBy(() -> Hex.traceparentTraceIdLow(header)).hasMessage(message);
        assertThatThrownBy(() -> Hex.traceparentSpanId(header)).hasMessage(message);
        assertThatThrownBy(() -> Hex.traceparentFlags(header)).hasMessage(message);
    }

    @Test
    void controlCharactersAreNamedByCodePoint() {
        String header = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0\n";

        assertThatThrownBy(() -> Hex.requireValidTraceparent(header)).hasMessage(
                "traceparent has invalid character U+000A at index 54, expected a lowercase hex digit");
    }

    @Test
    void traceparentMethodsRejectNull() {
        assertThatThrownBy(() -> Hex.isValidTraceparent(null))
                .isInstanceOf(NullPointerException.class).hasMessage("traceparent");
        assertThatThrownBy(() -> Hex.requireValidTraceparent(null))
                .isInstanceOf(NullPointerException.class).hasMessage("traceparent");
        assertThatThrownBy(() -> Hex.traceparentTraceIdHigh(null))
                .isInstanceOf(NullPointerException.class).hasMessage("traceparent");
        assertThatThrownBy(() -> Hex.traceparentTraceIdLow(null))
                .isInstanceOf(NullPointerException.class).hasMessage("traceparent");
        assertThatThrownBy(() -> Hex.traceparentSpanId(null))
                .isInstanceOf(NullPointerException.class).hasMessage("traceparent");
        assertThatThrownBy(() -> Hex.traceparentFlags(null))
                .isInstanceOf(NullPointerException.class).hasMessage("traceparent");
    }

    // ---- allocation: 0 bytes per operation over 1,000,000 operations after 1,000,000 of warm-up

    private static double bytesPerOp(LongUnaryOperator op) {
        return METER.bytesPerOp(1_000_000, 1_000_000, op);
    }

    @Test
    void writeHexAllocatesNothing() {
        char[] chars = new char[16];
        byte[] bytes = new byte[16];

        assertThat(bytesPerOp(i -> Hex.writeHex(i * 0x9E3779B97F4A7C15L, chars, 0) + chars[15])).isZero();
        assertThat(bytesPerOp(i -> Hex.writeHex(i * 0x9E3779B97F4A7C15L, bytes, 0) + bytes[15])).isZero();
    }

    @Test
    void writeTraceparentAllocatesNothing() {
        char[] chars = new char[Hex.TRACEPARENT_LENGTH];
        byte[] bytes = new byte[Hex.TRACEPARENT_LENGTH];

        assertThat(bytesPerOp(i -> Hex.writeTraceparent(i, ~i, i + 1, (byte) i, chars, 0) + chars[54])).isZero();
        assertThat(bytesPerOp(i -> Hex.writeTraceparent(~i, i, i + 1, (byte) i, bytes, 0) + bytes[54])).isZero();
    }

    @Test
    void parsingAllocatesNothing() {
        String hex = "0123456789abcdefABCDEF";
        StringBuilder header = new StringBuilder(W3C_EXAMPLE);

        assertThat(bytesPerOp(i -> Hex.parseLong16(hex, (int) (i & 3)))).isZero();
        assertThat(bytesPerOp(i -> Hex.isValidHex(hex, (int) (i & 3), 16) ? 1 : 0)).isZero();
        assertThat(bytesPerOp(i -> Hex.traceparentTraceIdHigh(header) ^ Hex.traceparentTraceIdLow(header)
                ^ Hex.traceparentSpanId(header) ^ Hex.traceparentFlags(header))).isZero();
        assertThat(bytesPerOp(i -> Hex.isValidTraceparent(W3C_EXAMPLE) ? 1 : 0)).isZero();
    }

    @Test
    void detectorFailsOnAnInjectedAllocation() {
        char[] chars = new char[16];

        double injected = bytesPerOp(i -> {
            long end = Hex.writeHex(i, chars, 0);
            sink = new long[] {end}; // the injected allocation: one 24-byte array per operation
            return end;
        });
        double allocatingForm = bytesPerOp(i -> {
            String hex = Hex.spanIdToHex(i);
            sink = hex;
            return hex.length();
        });

        assertThat(injected).isGreaterThanOrEqualTo(16.0);
        assertThat(allocatingForm).as("spanIdToHex allocates its String, as documented")
                .isGreaterThanOrEqualTo(40.0);
    }
}
