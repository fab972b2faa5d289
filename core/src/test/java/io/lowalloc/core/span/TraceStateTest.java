package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceStateTest {

    private static String member(char key, int length) {
        StringBuilder b = new StringBuilder().append(key).append('=');
        while (b.length() < length) {
            b.append('v');
        }
        return b.toString();
    }

    @Test
    void aValueWithinTheBoundIsCarriedByReference() {
        String value = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

        assertThat(TraceState.carry(value)).isSameAs(value);
        assertThat(TraceState.carry(null)).isEmpty();
    }

    @Test
    void aValueInABufferIsCopiedOnce() {
        byte[] buffer = "..congo=t61rcWkgMzE..".getBytes(StandardCharsets.US_ASCII);

        assertThat(TraceState.copyOf(buffer, 2, 17)).isEqualTo("congo=t61rcWkgMzE");
        assertThat(TraceState.copyOf(buffer, 0, 0)).isSameAs("");
    }

    @Test
    void anOverLongValueLosesItsLongMembersFirstThenMembersFromTheEnd() {
        String a = member('a', 100);
        String big = member('b', 200);
        String c = member('c', 100);
        String d = member('d', 100);
        String e = member('e', 100);
        String f = member('f', 100);
        String value = String.join(",", a, big, c, d, e, f); // 705 characters

        String carried = TraceState.carry(value);

        assertThat(carried).isEqualTo(String.join(",", a, c, d, e, f)); // 504 characters
        assertThat(carried.length()).isLessThanOrEqualTo(TraceState.MAX_LENGTH);
        String g = member('g', 100);
        assertThat(TraceState.carry(String.join(" , ", a, c, d, e, f, g)))
                .as("then from the end, whole members, spaces dropped").isEqualTo(String.join(",", a, c, d, e, f));
    }

    @Test
    void exactly512CharactersAreKept() {
        String value = String.join(",", member('a', 127), member('b', 127), member('c', 127), member('d', 128));

        assertThat(value).hasSize(512);
        assertThat(TraceState.carry(value)).isSameAs(value);
    }

    @Test
    void validValues() {
        assertThat(TraceState.isValid("")).isTrue();
        assertThat(TraceState.isValid("congo=t61rcWkgMzE")).isTrue();
        assertThat(TraceState.isValid("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE ,,")).isTrue();
        assertThat(TraceState.isValid("tenant1@vendor=value")).isTrue();
        assertThat(TraceState.isValid("a_b-c*d/e=x y")).isTrue();
    }

    @Test
    void invalidValues() {
        assertThat(TraceState.isValid("Congo=x")).as("uppercase key").isFalse();
        assertThat(TraceState.isValid("1abc=x")).as("key starts with a digit").isFalse();
        assertThat(TraceState.isValid("=x")).isFalse();
        assertThat(TraceState.isValid("a=")).isFalse();
        assertThat(TraceState.isValid("a")).isFalse();
        assertThat(TraceState.isValid("a=b=c")).isFalse();
        assertThat(TraceState.isValid("a=b\u00e9")).isFalse();
        assertThat(TraceState.isValid("a@b@c=x")).isFalse();
        assertThat(TraceState.isValid("t@" + "s".repeat(15) + "=x")).as("system too long").isFalse();
        assertThat(TraceState.isValid("a=" + "v".repeat(257))).as("value too long").isFalse();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
        }
        assertThat(TraceState.isValid(many)).as("33 members").isFalse();
    }
}
