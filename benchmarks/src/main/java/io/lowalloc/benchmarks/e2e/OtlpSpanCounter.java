package io.lowalloc.benchmarks.e2e;

/**
 * Counts the spans of an OTLP {@code ExportTraceServiceRequest} by walking just enough of its
 * protobuf encoding: {@code resource_spans} (field 1) → {@code scope_spans} (field 2) →
 * {@code spans} (field 2). Everything else is skipped by wire type. Stateless and thread-safe.
 */
final class OtlpSpanCounter {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private OtlpSpanCounter() {
    }

    /**
     * Counts the spans in {@code buf[0, length)}.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed message
     */
    static long countSpans(byte[] buf, int length) {
        return walk(buf, 0, length, 0);
    }

    /** depth 0: request, 1: ResourceSpans, 2: ScopeSpans. */
    private static long walk(byte[] buf, int from, int to, int depth) {
        long spans = 0;
        int[] pos = {from};
        while (pos[0] < to) {
            long tag = readVarint(buf, pos, to);
            int field = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            switch (type) {
                case VARINT:
                    readVarint(buf, pos, to);
                    break;
                case FIXED64:
                    pos[0] = checked(pos[0] + 8, to);
                    break;
                case FIXED32:
                    pos[0] = checked(pos[0] + 4, to);
                    break;
                case LENGTH_DELIMITED:
                    long len = readVarint(buf, pos, to);
                    if (len < 0 || len > to - pos[0]) {
                        throw new IllegalArgumentException("length " + len + " past the end of the message at " + pos[0]);
                    }
                    int start = pos[0];
                    int end = start + (int) len;
                    if (depth == 0 && field == 1) {
                        spans += walk(buf, start, end, 1);
                    } else if (depth == 1 && field == 2) {
                        spans += walk(buf, start, end, 2);
                    } else if (depth == 2 && field == 2) {
                        spans++;
                    }
                    pos[0] = end;
                    break;
                default:
                    throw new IllegalArgumentException("unsupported wire type " + type + " at " + pos[0]);
            }
        }
        return spans;
    }

    private static int checked(int next, int to) {
        if (next > to) {
            throw new IllegalArgumentException("field past the end of the message");
        }
        return next;
    }

    private static long readVarint(byte[] buf, int[] pos, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= to) {
                throw new IllegalArgumentException("truncated varint at " + pos[0]);
            }
            byte b = buf[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at " + pos[0]);
    }
}
