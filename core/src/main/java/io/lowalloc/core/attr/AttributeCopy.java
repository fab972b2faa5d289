package io.lowalloc.core.attr;

/**
 * Copies attributes from a reader into a sink, typed, without boxing or iterators; the one loop
 * behind {@link AttributeStore#putAll}, {@link AttributeStore#copyTo} and
 * {@link FixedAttributeBuilder#copyTo}.
 */
final class AttributeCopy {

    private AttributeCopy() {
    }

    static void copy(AttributeReader from, AttributeSink to) {
        // size() is re-read every round so copying a reader into itself stays in bounds.
        for (int i = 0; i < from.size(); i++) {
            String key = from.key(i);
            switch (from.type(i)) {
                case STRING:
                    to.put(key, from.stringValue(i));
                    break;
                case LONG:
                    to.put(key, from.longValue(i));
                    break;
                case DOUBLE:
                    to.put(key, from.doubleValue(i));
                    break;
                case BOOLEAN:
                    to.put(key, from.booleanValue(i));
                    break;
                case STRING_ARRAY:
                    to.put(key, (String[]) from.arrayValue(i));
                    break;
                case LONG_ARRAY:
                    to.put(key, (long[]) from.arrayValue(i));
                    break;
                case DOUBLE_ARRAY:
                    to.put(key, (double[]) from.arrayValue(i));
                    break;
                case BOOLEAN_ARRAY:
                    to.put(key, (boolean[]) from.arrayValue(i));
                    break;
                default:
                    throw new AssertionError(from.type(i));
            }
        }
    }
}
