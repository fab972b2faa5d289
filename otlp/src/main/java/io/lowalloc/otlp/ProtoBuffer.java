package io.lowalloc.otlp;

import java.util.Arrays;

/**
 * A growable, reusable byte buffer that protobuf fields are written into: the encoder fills it
 * with one request, the transport sends {@code array()[0, length())}, and {@link #reset()} makes
 * it empty again with its capacity kept. It grows (to at least twice its size) only when a write
 * needs more room than it has, so a buffer that has held the largest request of a workload never
 * allocates again.
 *
 * <p>Every write appends at {@link #length()}. Integers are written in protobuf's encodings:
 * varints (unsigned, a negative {@code long} in ten bytes, as int64 fields take it), little-endian
 * fixed32 and fixed64; {@link #writeLongBigEndian(long)} writes the byte order of trace and span ids.
 *
 * <p>Not thread-safe: one writer at a time, and no reads of {@link #array()} while a write runs.
 * Writing allocates nothing except when the buffer grows.
 */
final class ProtoBuffer {

    /** The largest array the JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private byte[] array;
    private int length;

    /**
     * Creates an empty buffer.
     *
     * @param initialCapacity the initial capacity in bytes, {@code >= 0}
     * @throws IllegalArgumentException if {@code initialCapacity} is negative or above {@link #MAX_CAPACITY}
     */
    ProtoBuffer(int initialCapacity) {
        if (initialCapacity < 0 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "initialCapacity must be in [0, " + MAX_CAPACITY + "], was: " + initialCapacity);
        }
        this.array = new byte[initialCapacity];
    }

    /**
     * {@return the backing array; bytes {@code [0, length())} are the content. The same array until
     * the buffer grows: read it again after writing}
     */
    byte[] array() {
        return array;
    }

    /** {@return how many bytes have been written since the last {@link #reset()}} */
    int length() {
        return length;
    }

    /** {@return the size of the backing array} */
    int capacity() {
        return array.length;
    }

    /** Empties the buffer, keeping its capacity. */
    void reset() {
        length = 0;
    }

    /**
     * Makes room for {@code bytes} more bytes after {@link #length()}, growing once if needed.
     *
     * @param bytes how many bytes will be written, {@code >= 0}
     * @throws IllegalStateException if the content would exceed {@link #MAX_CAPACITY}
     */
    void ensureRoom(int bytes) {
        if (bytes > array.length - length) {
            grow(bytes);
        }
    }

    private void grow(int bytes) {
        long needed = (long) length + bytes;
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("a protobuf buffer cannot hold more than " + MAX_CAPACITY
                    + " bytes, " + needed + " needed");
        }
        long doubled = Math.max(16L, 2L * array.length);
        array = Arrays.copyOf(array, (int) Math.min(MAX_CAPACITY, Math.max(doubled, needed)));
    }

    /**
     * Appends one byte.
     *
     * @param b the byte (low 8 bits)
     */
    void writeByte(int b) {
        ensureRoom(1);
        array[length++] = (byte) b;
    }

    /**
     * Appends a field tag.
     *
     * @param fieldNumber the field number
     * @param wireType the wire type, a {@link ProtoWire} constant
     */
    void writeTag(int fieldNumber, int wireType) {
        writeVarint(ProtoWire.tag(fieldNumber, wireType));
    }

    /**
     * Appends an unsigned 32-bit varint (tags, lengths, uint32 and enum values that are not negative).
     *
     * @param value the value, read as unsigned 32 bits
     */
    void writeVarint(int value) {
        ensureRoom(5);
        byte[] a = array;
        int p = length;
        int v = value;
        while ((v & ~0x7F) != 0) {
            a[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte) v;
        length = p;
    }

    /**
     * Appends an unsigned 64-bit varint (int64 values; a negative one takes ten bytes).
     *
     * @param value the value, read as unsigned 64 bits
     */
    void writeVarint64(long value) {
        ensureRoom(10);
        byte[] a = array;
        int p = length;
        long v = value;
        while ((v & ~0x7FL) != 0L) {
            a[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte) v;
        length = p;
    }

    /**
     * Appends a little-endian fixed32.
     *
     * @param value the value
     */
    void writeFixed32(int value) {
        ensureRoom(4);
        byte[] a = array;
        int p = length;
        a[p] = (byte) value;
        a[p + 1] = (byte) (value >>> 8);
        a[p + 2] = (byte) (value >>> 16);
        a[p + 3] = (byte) (value >>> 24);
        length = p + 4;
    }

    /**
     * Appends a little-endian fixed64 (fixed64 fields and the raw bits of doubles).
     *
     * @param value the value
     */
    void writeFixed64(long value) {
        ensureRoom(8);
        byte[] a = array;
        int p = length;
        for (int i = 0; i < 8; i++) {
            a[p + i] = (byte) (value >>> (8 * i));
        }
        length = p + 8;
    }

    /**
     * Appends eight bytes, most significant first: the wire form of an id's 64-bit half.
     *
     * @param value the value
     */
    void writeLongBigEndian(long value) {
        ensureRoom(8);
        byte[] a = array;
        int p = length;
        for (int i = 0; i < 8; i++) {
            a[p + i] = (byte) (value >>> (56 - 8 * i));
        }
        length = p + 8;
    }

    /**
     * Appends bytes.
     *
     * @param src the source
     * @param offset where in {@code src} to start
     * @param count how many bytes
     */
    void writeBytes(byte[] src, int offset, int count) {
        ensureRoom(count);
        System.arraycopy(src, offset, array, length, count);
        length += count;
    }

    /**
     * Appends {@code s[0, end)} as UTF-8 (see {@link Utf8}).
     *
     * @param s the string
     * @param end the end index, in {@code [0, s.length()]}
     * @param token what {@link Utf8#measure(String, int)} returned for {@code s} and {@code end}
     */
    void writeUtf8(String s, int end, int token) {
        ensureRoom(Utf8.length(token));
        length = Utf8.write(s, end, token, array, length);
    }
}
