package io.lowalloc.otel.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.HexIds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexStringsTest {

    private static final long[] EDGES = {0L, -1L, 1L, 9L, 10L, 15L, 16L, Long.MIN_VALUE, Long.MAX_VALUE,
        0x0123456789abcdefL, 0xfedcba9876543210L, 0x00000000ffffffffL, 0xffffffff00000000L, 0x0a0a0a0a0a0a0a0aL,
        0x9999999999999999L, 0xaaaaaaaaaaaaaaaaL};

    @Test
    void spanIdsMatchTheCoreEncodingAtTheEdges() {
        for (long id : EDGES) {
            assertThat(HexStrings.spanId(id)).as("%x", id).isEqualTo(String.format("%016x", id));
        }
    }

    @Test
    void traceIdsMatchTheCoreEncodingForRandomIds() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long high = random.nextLong();
            long low = random.nextLong();
            assertThat(HexStrings.traceId(high, low)).isEqualTo(HexIds.traceIdToHex(high, low));
        }
        for (long high : EDGES) {
            for (long low : EDGES) {
                assertThat(HexStrings.traceId(high, low)).isEqualTo(HexIds.traceIdToHex(high, low));
            }
        }
    }

    @Test
    void everyNibbleValueBecomesItsLowercaseDigitInEveryPosition() {
        for (int position = 0; position < 8; position++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                int value = nibble << (4 * position);
                long digits = HexStrings.hexDigits(value);
                StringBuilder s = new StringBuilder();
                for (int b = 7; b >= 0; b--) {
                    s.append((char) ((digits >>> (8 * b)) & 0xFF));
                }
                assertThat(s.toString()).isEqualTo(String.format("%08x", value));
            }
        }
    }
}
