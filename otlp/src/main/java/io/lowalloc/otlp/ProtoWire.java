package io.lowalloc.otlp;

/**
 * Protobuf wire-format constants and size arithmetic shared by the encoder (which sizes nested
 * messages before writing them) and the response decoder. Stateless; every method is a pure function
 * and allocates nothing.
 */
final class ProtoWire {

    /** Wire type of varint fields (int32, int64, uint32, uint64, bool, enum). */
    static final int VARINT = 0;

    /** Wire type of 64-bit fields (fixed64, sfixed64, double). */
    static final int FIXED64 = 1;

    /** Wire type of length-delimited fields (string, bytes, embedded messages, packed repeated). */
    static final int LENGTH_DELIMITED = 2;

    /** Wire type of 32-bit fields (fixed32, sfixed32, float). */
    static final int FIXED32 = 5;

    private ProtoWire() {
    }

    /**
     * Returns the tag of a field: its number shifted left by three, or'ed with its wire type.
     *
     * @param fieldNumber the field number, 1 or more
     * @param wireType one of the wire-type constants
     * @return the tag, as written in a varint
     */
    static int tag(int fieldNumber, int wireType) {
        return (fieldNumber << 3) | wireType;
    }

    /**
     * Returns how many bytes the unsigned varint encoding of {@code value} takes (1 to 10); negative
     * values take 10, as int64 fields encode them.
     *
     * @param value the value, read as unsigned 64 bits
     * @return the encoded size in bytes
     */
    static int varintSize(long value) {
        // One byte per started group of seven bits; zero still takes one byte.
        int bits = 64 - Long.numberOfLeadingZeros(value | 1L);
        return (bits + 6) / 7;
    }

    /**
     * Returns the encoded size of a length-delimited field's tag, length prefix and payload.
     *
     * @param fieldNumber the field number
     * @param payloadSize the payload size in bytes
     * @return the total size in bytes
     */
    static int lengthDelimitedFieldSize(int fieldNumber, int payloadSize) {
        return varintSize(tag(fieldNumber, LENGTH_DELIMITED)) + varintSize(payloadSize) + payloadSize;
    }
}
