package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {

    /** Chars from every UTF-8 length class, both surrogate halves included, so pairs and lone halves both occur. */
    private static final char[] ALPHABET = {
        'a', 'Z', '0', '\u0000', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff',
        '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00',
    };

    private static void assertEncodesLikeGetBytes(String s, int end) {
        byte[] expected = s.substring(0, end).getBytes(StandardCharsets.UTF_8);
        byte[] actual = new byte[expected.length + 8];
        int token = Utf8.measure(s, end);
        assertThat(Utf8.length(token)).as("length of %s", s).isEqualTo(expected.length);
        assertThat(token >= 0).as("ASCII token of %s", s).isEqualTo(s.substring(0, end).chars().allMatch(c -> c < 0x80));
        assertThat(Utf8.write(s, end, token, actual, 3)).isEqualTo(3 + expected.length);
        assertThat(Arrays.copyOfRange(actual, 3, 3 + expected.length)).as("bytes of %s", s).isEqualTo(expected);
    }

    @Test
    void randomStringsEncodeExactlyAsStringGetBytes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String s = new String(chars);
            assertEncodesLikeGetBytes(s, s.length());
            assertEncodesLikeGetBytes(s, random.nextInt(s.length() + 1));
        }
    }

    @Test
    void surrogatePairIsFourBytesAndUnpairedHalvesAreQuestionMarks() {
        assertThat(Utf8.length("\uD83D\uDE00", 2)).isEqualTo(4);
        byte[] out = new byte[3];
        assertThat(Utf8.write("\uDE00\uD83D", 2, Utf8.measure("\uDE00\uD83D", 2), out, 0)).isEqualTo(2);
        assertThat(new String(out, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("??");
        // A prefix that ends inside a pair writes the high half alone.
        assertThat(Utf8.length("\uD83D\uDE00", 1)).isEqualTo(1);
    }

    @Test
    void theTokenIsTheLengthForAsciiAndItsComplementOtherwise() {
        assertThat(Utf8.measure("abc", 3)).isEqualTo(3);
        assertThat(Utf8.measure("", 0)).isZero();
        assertThat(Utf8.measure("ab\u00e9", 3)).isEqualTo(~4);
        // A lone surrogate is one byte, like ASCII, but not ASCII: the bulk copy would write its low byte.
        assertThat(Utf8.measure("\uD800", 1)).isEqualTo(~1);
        assertThat(Utf8.length(~4)).isEqualTo(4);
    }

    @Test
    void cutEndKeepsShortStringsAndNeverSplitsAPair() {
        assertThat(Utf8.cutEnd("abc", 3)).isEqualTo(3);
        assertThat(Utf8.cutEnd("abc", Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(Utf8.cutEnd("abcdef", 4)).isEqualTo(4);
        assertThat(Utf8.cutEnd("abc\uD83D\uDE00", 4)).isEqualTo(3);
        assertThat(Utf8.cutEnd("ab\uD83D\uDE00c", 4)).isEqualTo(4);
        assertThat(Utf8.cutEnd("\uD83D\uDE00", 0)).isZero();
    }
}
