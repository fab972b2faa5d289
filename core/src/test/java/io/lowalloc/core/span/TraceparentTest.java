package io.lowalloc.core.span;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.gc.AllocationMeter;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The W3C Trace Context header; {@link HexIdsTest} shows the allocation detector able to fail. */
class TraceparentTest {

    // The example of the W3C Trace Context specification.
    private static final String W3C_EXAMPLE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final long W3C_HIGH = 0x0af7651916cd43ddL;
    private static final long W3C_LOW = 0x8448eb211c80319cL;
    private static final long W3C_SPAN = 0xb7ad6b7169203331L;

    private static final AllocationMeter METER = AllocationMeter.create();

    @Test
    void writeTraceparentMatchesTheW3cExample() {
        byte[] bytes = new byte[Traceparent.LENGTH];
        char[] chars = new char[Traceparent.LENGTH];

        int byteCount = Traceparent.write(W3C_HIGH, W3C_LOW, W3C_SPAN, (byte) 0x01, bytes, 0);
        int charCount = Traceparent.write(W3C_HIGH, W3C_LOW, W3C_SPAN, (byte) 0x01, chars, 0);

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

        Traceparent.write(0, 1, -1, (byte) 0xff, chars, 3);
        Traceparent.write(Long.MIN_VALUE, 0, 1, (byte) 0x80, bytes, 5);

        assertThat(new String(chars))
                .isEqualTo("...00-00000000000000000000000000000001-ffffffffffffffff-ff..");
        assertThat(new String(bytes, US_ASCII))
                .isEqualTo(".....00-80000000000000000000000000000000-0000000000000001-80");
    }

    @Test
    void writeTraceparentChecksTheBuffer() {
        assertThatThrownBy(() -> Traceparent.write(1, 1, 1, (byte) 1, new byte[54], 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("dst.length must be >= 55, was: 54");
        assertThatThrownBy(() -> Traceparent.write(1, 1, 1, (byte) 1, new char[64], 10))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 9] to fit 55 characters into dst.length 64, was: 10");
        assertThatThrownBy(() -> Traceparent.write(1, 1, 1, (byte) 1, new char[64], Integer.MAX_VALUE))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset must be in [0, 9] to fit 55 characters into dst.length 64, was: 2147483647");
        assertThatThrownBy(() -> Traceparent.write(1, 1, 1, (byte) 1, (byte[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThatThrownBy(() -> Traceparent.write(1, 1, 1, (byte) 1, (char[]) null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("dst");
    }

    @Test
    void writeTraceparentRejectsAllZeroIds() {
        assertThatThrownBy(() -> Traceparent.write(0, 0, 1, (byte) 1, new byte[55], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trace id must not be all zeros");
        assertThatThrownBy(() -> Traceparent.write(1, 0, 0, (byte) 1, new char[55], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("span id must not be all zeros");
    }

    @Test
    void traceparentFieldsOfTheW3cExample() {
        assertThat(Traceparent.isValid(W3C_EXAMPLE)).isTrue();
        assertThat(Traceparent.traceIdHigh(W3C_EXAMPLE)).isEqualTo(W3C_HIGH);
        assertThat(Traceparent.traceIdLow(W3C_EXAMPLE)).isEqualTo(W3C_LOW);
        assertThat(Traceparent.spanId(W3C_EXAMPLE)).isEqualTo(W3C_SPAN);
        assertThat(Traceparent.flags(W3C_EXAMPLE)).isEqualTo((byte) 0x01);
        assertThat(Traceparent.flags("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-f0"))
                .isEqualTo((byte) 0xf0);
    }

    @Test
    void traceparentRoundTripsRandomIds() {
        char[] buffer = new char[Traceparent.LENGTH];
        for (int i = 0; i < 1000; i++) {
            long high = Ids.randomTraceIdHigh();
            long low = Ids.randomTraceIdLow();
            long span = Ids.randomSpanId();
            byte flags = (byte) i;
            Traceparent.write(high, low, span, flags, buffer, 0);
            String header = new String(buffer);

            assertThat(Traceparent.traceIdHigh(header)).isEqualTo(high);
            assertThat(Traceparent.traceIdLow(header)).isEqualTo(low);
            assertThat(Traceparent.spanId(header)).isEqualTo(span);
            assertThat(Traceparent.flags(header)).isEqualTo(flags);
        }
    }

    @Test
    void aFutureVersionWithAppendedFieldsIsAccepted() {
        String future = "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-holds";

        assertThat(Traceparent.isValid(future)).isTrue();
        assertThat(Traceparent.spanId(future)).isEqualTo(W3C_SPAN);
        assertThat(Traceparent.isValid("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isTrue();
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
        assertThat(Traceparent.isValid(header)).isFalse();
        byte[] bytes = ("#" + header + "#").getBytes(US_ASCII);
        assertThat(Traceparent.isValid(bytes, 1, header.length())).as("the same rule for bytes").isFalse();
        assertThatThrownBy(() -> Traceparent.requireValid(header))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> Traceparent.traceIdHigh(header)).hasMessage(message);
        assertThatThrownBy(() -> Traceparent.traceIdLow(header)).hasMessage(message);
        assertThatThrownBy(() -> Traceparent.spanId(header)).hasMessage(message);
        assertThatThrownBy(() -> Traceparent.flags(header)).hasMessage(message);
    }

    @Test
    void validHeadersInBytesAreValidAndRoundTrip() {
        byte[] out = new byte[Traceparent.LENGTH + 4];
        Traceparent.write(W3C_HIGH, W3C_LOW, W3C_SPAN, (byte) 1, out, 2);

        assertThat(Traceparent.isValid(out, 2, Traceparent.LENGTH)).isTrue();
        assertThat(new String(out, 2, Traceparent.LENGTH, US_ASCII)).isEqualTo(W3C_EXAMPLE);
        assertThat(Traceparent.traceIdHighUnchecked(out, 2)).isEqualTo(W3C_HIGH);
        assertThat(Traceparent.traceIdLowUnchecked(out, 2)).isEqualTo(W3C_LOW);
        assertThat(Traceparent.spanIdUnchecked(out, 2)).isEqualTo(W3C_SPAN);
        assertThat(Traceparent.flagsUnchecked(out, 2)).isEqualTo((byte) 1);
        byte[] future = "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-later".getBytes(US_ASCII);
        assertThat(Traceparent.isValid(future, 0, future.length)).isTrue();
        byte[] highBit = W3C_EXAMPLE.getBytes(US_ASCII);
        highBit[10] = (byte) 0xe1; // a byte that is not ASCII
        assertThat(Traceparent.isValid(highBit, 0, highBit.length)).isFalse();
        assertThatThrownBy(() -> Traceparent.isValid(out, 2, out.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void controlCharactersAreNamedByCodePoint() {
        String header = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0\n";

        assertThatThrownBy(() -> Traceparent.requireValid(header)).hasMessage(
                "traceparent has invalid character U+000A at index 54, expected a lowercase hex digit");
    }

    @Test
    void traceparentMethodsRejectNull() {
        ThrowingCallable[] calls = {
            () -> Traceparent.isValid(null), () -> Traceparent.requireValid(null),
            () -> Traceparent.traceIdHigh(null), () -> Traceparent.traceIdLow(null),
            () -> Traceparent.spanId(null), () -> Traceparent.flags(null),
        };
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage("traceparent");
        }
    }

    // ---- allocation: 0 bytes per operation over 1,000,000 operations after 1,000,000 of warm-up

    private static double bytesPerOp(LongUnaryOperator op) {
        return METER.bytesPerOp(1_000_000, 1_000_000, op);
    }

    @Test
    void writeTraceparentAllocatesNothing() {
        char[] chars = new char[Traceparent.LENGTH];
        byte[] bytes = new byte[Traceparent.LENGTH];

        assertThat(bytesPerOp(i -> Traceparent.write(i, ~i, i + 1, (byte) i, chars, 0) + chars[54])).isZero();
        assertThat(bytesPerOp(i -> Traceparent.write(~i, i, i + 1, (byte) i, bytes, 0) + bytes[54])).isZero();
    }

    @Test
    void parsingAllocatesNothing() {
        StringBuilder header = new StringBuilder(W3C_EXAMPLE);

        assertThat(bytesPerOp(i -> Traceparent.traceIdHigh(header) ^ Traceparent.traceIdLow(header)
                ^ Traceparent.spanId(header) ^ Traceparent.flags(header))).isZero();
        assertThat(bytesPerOp(i -> Traceparent.isValid(W3C_EXAMPLE) ? 1 : 0)).isZero();
        byte[] bytes = W3C_EXAMPLE.getBytes(US_ASCII);
        assertThat(bytesPerOp(i -> Traceparent.isValid(bytes, 0, bytes.length)
                ? Traceparent.spanIdUnchecked(bytes, 0) : 0)).isZero();
    }
}
