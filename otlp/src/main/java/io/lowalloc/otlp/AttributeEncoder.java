package io.lowalloc.otlp;

import static io.lowalloc.otlp.ProtoWire.FIXED64;
import static io.lowalloc.otlp.ProtoWire.LENGTH_DELIMITED;
import static io.lowalloc.otlp.ProtoWire.VARINT;
import static io.lowalloc.otlp.ProtoWire.varintSize;

import io.lowalloc.core.attr.AttributeReader;

/**
 * Encodes attributes as repeated {@code opentelemetry.proto.common.v1.KeyValue} fields, in two
 * passes over a {@link SizeQueue}: {@link #size} measures and queues, {@link #write} writes in the
 * same order. Values are {@code AnyValue}s with the oneof always set (so {@code false}, {@code 0},
 * {@code ""} and empty arrays are present, as OpenTelemetry writes them); arrays are
 * {@code ArrayValue}s of one {@code AnyValue} per element. A {@code null} element of a string array
 * becomes an empty {@code AnyValue} (the OTLP form of an empty value). String values and
 * string-array elements longer than {@code maxValueLength} chars are cut as
 * {@link Utf8#cutEnd(String, int)} says. Stateless; allocates nothing.
 */
final class AttributeEncoder {

    // KeyValue
    private static final int KEY = 1;
    private static final int VALUE = 2;
    // AnyValue
    private static final int STRING_VALUE = 1;
    private static final int BOOL_VALUE = 2;
    private static final int INT_VALUE = 3;
    private static final int DOUBLE_VALUE = 4;
    private static final int ARRAY_VALUE = 5;
    // ArrayValue
    private static final int ARRAY_VALUES = 1;

    /** Size of a double AnyValue: tag plus eight bytes. */
    private static final int DOUBLE_ANY_SIZE = 1 + 8;
    /** Size of a bool AnyValue: tag plus one byte. */
    private static final int BOOL_ANY_SIZE = 1 + 1;

    private AttributeEncoder() {
    }

    /**
     * Measures every attribute of {@code attributes} as field {@code fieldNumber} and queues what
     * {@link #write} needs.
     *
     * @param fieldNumber the repeated KeyValue field of the enclosing message
     * @param attributes the attributes
     * @param maxValueLength the attribute value length limit, in chars
     * @param sizes where the sizes go
     * @return the encoded size of all those fields, tags and length prefixes included
     */
    static int size(int fieldNumber, AttributeReader attributes, int maxValueLength, SizeQueue sizes) {
        int tagSize = varintSize(ProtoWire.tag(fieldNumber, LENGTH_DELIMITED));
        int total = 0;
        for (int i = 0, n = attributes.size(); i < n; i++) {
            int slot = sizes.reserve();
            String key = attributes.key(i);
            int keyToken = Utf8.measure(key, key.length());
            sizes.push(keyToken);
            int any = sizeValue(attributes, i, maxValueLength, sizes);
            int keyValue = stringFieldSize(Utf8.length(keyToken)) + 1 + varintSize(any) + any;
            sizes.set(slot, keyValue);
            total += tagSize + varintSize(keyValue) + keyValue;
        }
        return total;
    }

    /**
     * Writes what {@link #size} measured, reading the sizes it queued.
     *
     * @param fieldNumber the repeated KeyValue field of the enclosing message
     * @param attributes the attributes, unchanged since {@code size}
     * @param maxValueLength the attribute value length limit, in chars
     * @param sizes the queue, positioned where {@code size} started queuing
     * @param out where to write
     */
    static void write(int fieldNumber, AttributeReader attributes, int maxValueLength, SizeQueue sizes,
            ProtoBuffer out) {
        for (int i = 0, n = attributes.size(); i < n; i++) {
            out.writeTag(fieldNumber, LENGTH_DELIMITED);
            out.writeVarint(sizes.next());
            String key = attributes.key(i);
            writeString(KEY, key, key.length(), sizes.next(), out);
            writeValue(attributes, i, maxValueLength, sizes, out);
        }
    }

    /** Size of a non-empty string field with a one-byte tag; 0 for an empty one (proto3 omits it). */
    private static int stringFieldSize(int utf8Length) {
        return utf8Length == 0 ? 0 : 1 + varintSize(utf8Length) + utf8Length;
    }

    private static void writeString(int fieldNumber, String s, int end, int token, ProtoBuffer out) {
        int utf8Length = Utf8.length(token);
        if (utf8Length != 0) {
            out.writeTag(fieldNumber, LENGTH_DELIMITED);
            out.writeVarint(utf8Length);
            out.writeUtf8(s, end, token);
        }
    }

    /** Size of a string AnyValue (the oneof set even for ""). */
    private static int stringAnySize(int utf8Length) {
        return 1 + varintSize(utf8Length) + utf8Length;
    }

    private static int sizeValue(AttributeReader attributes, int i, int maxValueLength, SizeQueue sizes) {
        switch (attributes.type(i)) {
            case STRING: {
                String s = attributes.stringValue(i);
                int token = Utf8.measure(s, Utf8.cutEnd(s, maxValueLength));
                sizes.push(token);
                return stringAnySize(Utf8.length(token));
            }
            case LONG:
                return 1 + varintSize(attributes.longValue(i));
            case DOUBLE:
                return DOUBLE_ANY_SIZE;
            case BOOLEAN:
                return BOOL_ANY_SIZE;
            default:
                return sizeArray(attributes, i, maxValueLength, sizes);
        }
    }

    private static int sizeArray(AttributeReader attributes, int i, int maxValueLength, SizeQueue sizes) {
        int slot = sizes.reserve();
        int array = 0;
        switch (attributes.type(i)) {
            case STRING_ARRAY:
                for (String s : (String[]) attributes.arrayValue(i)) {
                    int any = 0;
                    if (s != null) {
                        int token = Utf8.measure(s, Utf8.cutEnd(s, maxValueLength));
                        sizes.push(token);
                        any = stringAnySize(Utf8.length(token));
                    }
                    array += 1 + varintSize(any) + any;
                }
                break;
            case LONG_ARRAY:
                for (long v : (long[]) attributes.arrayValue(i)) {
                    int any = 1 + varintSize(v);
                    array += 1 + varintSize(any) + any;
                }
                break;
            case DOUBLE_ARRAY:
                array = ((double[]) attributes.arrayValue(i)).length * (2 + DOUBLE_ANY_SIZE);
                break;
            case BOOLEAN_ARRAY:
                array = ((boolean[]) attributes.arrayValue(i)).length * (2 + BOOL_ANY_SIZE);
                break;
            default:
                throw new AssertionError(attributes.type(i));
        }
        sizes.set(slot, array);
        return 1 + varintSize(array) + array;
    }

    private static void writeValue(AttributeReader attributes, int i, int maxValueLength, SizeQueue sizes,
            ProtoBuffer out) {
        out.writeTag(VALUE, LENGTH_DELIMITED);
        switch (attributes.type(i)) {
            case STRING: {
                String s = attributes.stringValue(i);
                int token = sizes.next();
                out.writeVarint(stringAnySize(Utf8.length(token)));
                writeStringValue(s, Utf8.cutEnd(s, maxValueLength), token, out);
                break;
            }
            case LONG: {
                long v = attributes.longValue(i);
                out.writeVarint(1 + varintSize(v));
                writeLongValue(v, out);
                break;
            }
            case DOUBLE:
                out.writeVarint(DOUBLE_ANY_SIZE);
                writeDoubleValue(attributes.doubleValue(i), out);
                break;
            case BOOLEAN:
                out.writeVarint(BOOL_ANY_SIZE);
                writeBoolValue(attributes.booleanValue(i), out);
                break;
            default:
                writeArray(attributes, i, maxValueLength, sizes, out);
        }
    }

    private static void writeArray(AttributeReader attributes, int i, int maxValueLength, SizeQueue sizes,
            ProtoBuffer out) {
        int array = sizes.next();
        out.writeVarint(1 + varintSize(array) + array);
        out.writeTag(ARRAY_VALUE, LENGTH_DELIMITED);
        out.writeVarint(array);
        switch (attributes.type(i)) {
            case STRING_ARRAY:
                for (String s : (String[]) attributes.arrayValue(i)) {
                    out.writeTag(ARRAY_VALUES, LENGTH_DELIMITED);
                    if (s == null) {
                        out.writeVarint(0);
                    } else {
                        int token = sizes.next();
                        out.writeVarint(stringAnySize(Utf8.length(token)));
                        writeStringValue(s, Utf8.cutEnd(s, maxValueLength), token, out);
                    }
                }
                break;
            case LONG_ARRAY:
                for (long v : (long[]) attributes.arrayValue(i)) {
                    out.writeTag(ARRAY_VALUES, LENGTH_DELIMITED);
                    out.writeVarint(1 + varintSize(v));
                    writeLongValue(v, out);
                }
                break;
            case DOUBLE_ARRAY:
                for (double v : (double[]) attributes.arrayValue(i)) {
                    out.writeTag(ARRAY_VALUES, LENGTH_DELIMITED);
                    out.writeVarint(DOUBLE_ANY_SIZE);
                    writeDoubleValue(v, out);
                }
                break;
            case BOOLEAN_ARRAY:
                for (boolean v : (boolean[]) attributes.arrayValue(i)) {
                    out.writeTag(ARRAY_VALUES, LENGTH_DELIMITED);
                    out.writeVarint(BOOL_ANY_SIZE);
                    writeBoolValue(v, out);
                }
                break;
            default:
                throw new AssertionError(attributes.type(i));
        }
    }

    private static void writeStringValue(String s, int end, int token, ProtoBuffer out) {
        out.writeTag(STRING_VALUE, LENGTH_DELIMITED);
        out.writeVarint(Utf8.length(token));
        out.writeUtf8(s, end, token);
    }

    private static void writeLongValue(long v, ProtoBuffer out) {
        out.writeTag(INT_VALUE, VARINT);
        out.writeVarint64(v);
    }

    private static void writeDoubleValue(double v, ProtoBuffer out) {
        out.writeTag(DOUBLE_VALUE, FIXED64);
        // Raw bits, as protobuf-java writes a double: NaN payloads go through unchanged.
        out.writeFixed64(Double.doubleToRawLongBits(v));
    }

    private static void writeBoolValue(boolean v, ProtoBuffer out) {
        out.writeTag(BOOL_VALUE, VARINT);
        out.writeByte(v ? 1 : 0);
    }
}
