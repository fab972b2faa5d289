package io.lowalloc.core.attr;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.span.AllocationAssertions;
import org.junit.jupiter.api.Test;

/** The zero-allocation contract of {@link FixedAttributeBuilder}, the Go fixed builder's analogue. */
class FixedAttributeBuilderAllocationTest {

    private static final int OPS = 1_000_000;

    @Test
    void addEightAttributesAndClearAllocatesNothing() {
        FixedAttributeBuilder attrs = FixedAttributeBuilder.create();

        AllocationAssertions.Measurement m = AllocationAssertions.assertZeroAllocationPerOp(
                "FixedAttributeBuilder add x8 + clear", OPS, i -> {
                    attrs.add("http.method", "GET")
                            .add("http.route", "/users/{id}")
                            .add("http.status_code", 200L)
                            .add("net.peer.port", (long) i)
                            .add("ratio", 0.5)
                            .add("load", i * 0.25)
                            .add("cache.hit", true)
                            .add("retried", (i & 1) == 0);
                    attrs.clear();
                });

        assertThat(m.ops()).isEqualTo(OPS);
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

        AllocationAssertions.assertZeroAllocationPerOp("FixedAttributeBuilder read back", OPS, i -> {
            attrs.forEach(visitor);
            checksum[0] += attrs.stringValue(0).length() + attrs.longValue(1) + attrs.indexOf("b");
        });

        assertThat(checksum[0]).isPositive();
    }
}
