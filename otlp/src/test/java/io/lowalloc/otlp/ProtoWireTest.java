package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;

class ProtoWireTest {

    @Test
    void varintSizeMatchesProtobufForEveryBitLength() {
        for (int shift = 0; shift < 64; shift++) {
            long v = 1L << shift;
            for (long value : new long[] {v - 1, v, v + 1, -v}) {
                assertThat(ProtoWire.varintSize(value))
                        .as("varint size of %d", value)
                        .isEqualTo(CodedOutputStream.computeUInt64SizeNoTag(value));
            }
        }
    }

    @Test
    void tagCombinesFieldNumberAndWireType() {
        assertThat(ProtoWire.tag(1, ProtoWire.LENGTH_DELIMITED)).isEqualTo(0x0A);
        assertThat(ProtoWire.tag(7, ProtoWire.FIXED64)).isEqualTo(0x39);
    }

    @Test
    void lengthDelimitedFieldSizeCountsTagPrefixAndPayload() {
        assertThat(ProtoWire.lengthDelimitedFieldSize(1, 0)).isEqualTo(2);
        assertThat(ProtoWire.lengthDelimitedFieldSize(1, 128)).isEqualTo(1 + 2 + 128);
        assertThat(ProtoWire.lengthDelimitedFieldSize(16, 3)).isEqualTo(2 + 1 + 3);
    }
}
