package io.lowalloc.otlp;

import java.nio.charset.StandardCharsets;

/**
 * Reads the two messages an OTLP/HTTP server answers with, straight from the response bytes:
 * {@code ExportTraceServiceResponse} (field 1 {@code partial_success}: field 1
 * {@code rejected_spans} int64, field 2 {@code error_message} string) on success, and
 * {@code google.rpc.Status} (field 1 {@code code}, field 2 {@code message}) on failure. Unknown
 * fields are skipped, as protobuf requires. Stateless; finding a field allocates nothing, only the
 * message strings (built when a log line needs them) do.
 */
final class ResponseDecoder {

    /** Returned when the field is absent or the message is malformed. */
    static final long ABSENT = -1L;

    private ResponseDecoder() {
    }

    /**
     * Returns the rejected spans of an {@code ExportTraceServiceResponse}.
     *
     * @param message the response body
     * @param length its length
     * @return {@code partial_success.rejected_spans}, 0 if absent, {@link #ABSENT} if malformed
     */
    static long rejectedSpans(byte[] message, int length) {
        long partial = field(message, 0, length, 1, ProtoWire.LENGTH_DELIMITED);
        if (partial == ABSENT) {
            return malformed(message, 0, length) ? ABSENT : 0;
        }
        int from = (int) (partial >>> 32);
        int to = from + (int) partial;
        long rejected = field(message, from, to, 1, ProtoWire.VARINT);
        return rejected == ABSENT ? 0 : rejected;
    }

    /**
     * Returns {@code partial_success.error_message} of an {@code ExportTraceServiceResponse}.
     *
     * @param message the response body
     * @param length its length
     * @return the message, or the empty string if absent
     */
    static String partialSuccessMessage(byte[] message, int length) {
        long partial = field(message, 0, length, 1, ProtoWire.LENGTH_DELIMITED);
        if (partial == ABSENT) {
            return "";
        }
        int from = (int) (partial >>> 32);
        return string(message, field(message, from, from + (int) partial, 2, ProtoWire.LENGTH_DELIMITED));
    }

    /**
     * Returns {@code message} of a {@code google.rpc.Status}.
     *
     * @param message the response body
     * @param length its length
     * @return the message, or the empty string if absent or not a Status
     */
    static String statusMessage(byte[] message, int length) {
        return string(message, field(message, 0, length, 2, ProtoWire.LENGTH_DELIMITED));
    }

    private static String string(byte[] message, long range) {
        if (range == ABSENT) {
            return "";
        }
        return new String(message, (int) (range >>> 32), (int) range, StandardCharsets.UTF_8);
    }

    private static boolean malformed(byte[] message, int from, int to) {
        return field(message, from, to, Integer.MAX_VALUE, ProtoWire.VARINT) == Long.MIN_VALUE;
    }

    /**
     * Finds the last occurrence of a field (protobuf's rule for a repeated scalar or message set
     * twice is "last wins" for scalars, a merge for messages; the responses here never repeat).
     *
     * @return for a varint field its value; for a length-delimited one its offset in the high and
     *     its length in the low 32 bits; {@link #ABSENT} if not found; {@link Long#MIN_VALUE} if the
     *     message is malformed and the number is {@link Integer#MAX_VALUE} (for {@link #malformed})
     */
    private static long field(byte[] message, int from, int to, int number, int wireType) {
        long found = ABSENT;
        int pos = from;
        while (pos < to) {
            long tag = 0;
            int shift = 0;
            int b;
            do {
                if (pos >= to || shift > 63) {
                    return number == Integer.MAX_VALUE ? Long.MIN_VALUE : ABSENT;
                }
                b = message[pos++];
                tag |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int type = (int) (tag & 7);
            long fieldNumber = tag >>> 3;
            switch (type) {
                case ProtoWire.VARINT -> {
                    long value = 0;
                    shift = 0;
                    do {
                        if (pos >= to || shift > 63) {
                            return number == Integer.MAX_VALUE ? Long.MIN_VALUE : ABSENT;
                        }
                        b = message[pos++];
                        value |= (long) (b & 0x7f) << shift;
                        shift += 7;
                    } while ((b & 0x80) != 0);
                    if (fieldNumber == number && wireType == type) {
                        found = value;
                    }
                }
                case ProtoWire.FIXED64 -> pos += 8;
                case ProtoWire.FIXED32 -> pos += 4;
                case ProtoWire.LENGTH_DELIMITED -> {
                    long length = 0;
                    shift = 0;
                    do {
                        if (pos >= to || shift > 35) {
                            return number == Integer.MAX_VALUE ? Long.MIN_VALUE : ABSENT;
                        }
                        b = message[pos++];
                        length |= (long) (b & 0x7f) << shift;
                        shift += 7;
                    } while ((b & 0x80) != 0);
                    if (length > to - pos) {
                        return number == Integer.MAX_VALUE ? Long.MIN_VALUE : ABSENT;
                    }
                    if (fieldNumber == number && wireType == type) {
                        found = ((long) pos << 32) | length;
                    }
                    pos += (int) length;
                }
                default -> {
                    return number == Integer.MAX_VALUE ? Long.MIN_VALUE : ABSENT;
                }
            }
        }
        if (pos > to) {
            return number == Integer.MAX_VALUE ? Long.MIN_VALUE : ABSENT;
        }
        return found;
    }
}
