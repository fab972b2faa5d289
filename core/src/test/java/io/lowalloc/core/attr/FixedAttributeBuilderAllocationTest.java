package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The zero-allocation contract of {@link FixedAttributeBuilder}, the Go fixed builder's analogue,
 * measured with {@link AllocationMeter#bytesPerOp} (least of up to 3 rounds after warm-up).
 */
class FixedAttributeBuilderAllocationTest {

    private static final long WARM_UP_OPS = 200_000;
    private static final long OPS = 1_000_000;

    private final AllocationMeter meter = AllocationMeter.create();

    private double bytesPerOp(String what, LongUnaryOperator op) {
        double perOp = meter.bytesPerOp(WARM_UP_OPS, OPS, op);
        System.out.printf("[allocation] %s: %.3f B/op over %,d ops%n", what, perOp, OPS);
        return perOp;
    }

    @Test
    void addEightAttributesAndClearAllocatesNothing() {
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create();

        double perOp = bytesPerOp("FixedAttributeBuilder add x8 + clear", i -> {
            attrs.add("http.method", "GET")
                    .add("http.route", "/users/{id}")
                    .add("http.status_code", 200L)
                    .add("net.peer.port", i)
                    .add("ratio", 0.5)
                    .add("load", i * 0.25)
                    .add("cache.hit", true)
                    .add("retried", (i & 1) == 0);
            int size = attrs.size();
            attrs.clear();
            return size;
        });

        assertThat(perOp).isZero();
        assertThat(attrs.size()).isZero();
    }

    @Test
    void addHundredSameLengthKeysAndClearAllocatesNothing() {
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create(100);
        String[] keys = new String[100];
        for (int k = 0; k < keys.length; k++) {
            // Built at run time (not constants) and of one length: every lookup needs the index.
            keys[k] = "attribute.key." + (char) ('a' + k / 26) + (char) ('a' + k % 26);
        }

        double perOp = bytesPerOp("FixedAttributeBuilder add x100 (same-length keys) + clear", i -> {
            // Alternating the order defeats the same-order replay, so every add goes through the index.
            boolean reverse = (i & 1) != 0;
            for (int k = 0; k < keys.length; k++) {
                attrs.add(keys[reverse ? keys.length - 1 - k : k], i + k);
            }
            assertIndexed(attrs);
            attrs.add(keys[7], "replaced");
            int size = attrs.size();
            attrs.clear();
            return size;
        });

        assertThat(perOp).isZero();
        assertThat(attrs.indexed()).isFalse();
    }

    private static void assertIndexed(FixedAttributeBuilder attrs) {
        if (!attrs.indexed()) {
            throw new AssertionError("the index was not in use");
        }
    }

    @Test
    void readingBackByIndexAndVisitorAllocatesNothing() {
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create();
        attrs.add("s", "text").add("l", 1L).add("d", 1.5).add("b", true);
        long[] checksum = new long[1];
        AttributeVisitor visitor = new AttributeVisitor() {
            @Override
            public void visitString(String key, String value) {
                checksum[0] += value.length();
            }

            @Override
            public void visitLong(String key, long value) {
                checksum[0] += value;
            }

            @Override
            public void visitDouble(String key, double value) {
                checksum[0] += (long) value;
            }

            @Override
            public void visitBoolean(String key, boolean value) {
                checksum[0] += value ? 1 : 0;
            }

            @Override
            public void visitStringArray(String key, String[] value) {
                checksum[0] += value.length;
            }

            @Override
            public void visitLongArray(String key, long[] value) {
                checksum[0] += value.length;
            }

            @Override
            public void visitDoubleArray(String key, double[] value) {
                checksum[0] += value.length;
            }

            @Override
            public void visitBooleanArray(String key, boolean[] value) {
                checksum[0] += value.length;
            }
        };

        double perOp = bytesPerOp("FixedAttributeBuilder read back", i -> {
            attrs.forEach(visitor);
            checksum[0] += attrs.stringValue(0).length() + attrs.longValue(1) + attrs.indexOf("b");
            return checksum[0];
        });

        assertThat(perOp).isZero();
        assertThat(checksum[0]).isPositive();
    }
}
