package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtoBufferTest {

    private static byte[] content(ProtoBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    @Test
    void writesMatchProtobufJavaEncodings() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(expected);
        ProtoBuffer buffer = new ProtoBuffer(0);
        long[] values = {0L, 1L, 127L, 128L, 300L, Integer.MAX_VALUE, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
        for (long v : values) {
            coded.writeUInt64NoTag(v);
            buffer.writeVarint64(v);
            coded.writeUInt32NoTag((int) v);
            buffer.writeVarint((int) v);
            coded.writeFixed64NoTag(v);
            buffer.writeFixed64(v);
            coded.writeFixed32NoTag((int) v);
            buffer.writeFixed32((int) v);
        }
        coded.writeTag(16, ProtoWire.FIXED32);
        buffer.writeTag(16, ProtoWire.FIXED32);
        coded.writeDoubleNoTag(Double.NaN);
        buffer.writeFixed64(Double.doubleToRawLongBits(Double.NaN));
        coded.flush();

        assertThat(content(buffer)).isEqualTo(expected.toByteArray());
    }

    @Test
    void idsAreBigEndian() {
        ProtoBuffer buffer = new ProtoBuffer(8);
        buffer.writeLongBigEndian(0x0102030405060708L);

        assertThat(content(buffer)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void growingKeepsTheContentAndResetKeepsTheCapacity() {
        ProtoBuffer buffer = new ProtoBuffer(2);
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 7);
        buffer.writeByte(1);
        buffer.writeBytes(data, 0, data.length);
        buffer.writeUtf8("\u20ac", 1, Utf8.measure("\u20ac", 1));
        int capacity = buffer.capacity();

        assertThat(buffer.length()).isEqualTo(1004);
        assertThat(buffer.array()[0]).isEqualTo((byte) 1);
        assertThat(buffer.array()[1000]).isEqualTo((byte) 7);
        assertThat(Arrays.copyOfRange(buffer.array(), 1001, 1004)).containsExactly(0xE2, 0x82, 0xAC);
        buffer.reset();
        assertThat(buffer.length()).isZero();
        assertThat(buffer.capacity()).isEqualTo(capacity);
    }

    @Test
    void aNegativeInitialCapacityIsRejected() {
        assertThatThrownBy(() -> new ProtoBuffer(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialCapacity must be in [0, " + ProtoBuffer.MAX_CAPACITY + "], was: -1");
    }
}
