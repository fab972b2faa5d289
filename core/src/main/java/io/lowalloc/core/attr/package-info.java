/**
 * Attribute storage without boxing or per-attribute objects: {@link io.lowalloc.core.attr.AttributeStore}
 * grows up to a limit (the storage of spans, events and links) and
 * {@link io.lowalloc.core.attr.FixedAttributeBuilder} is preallocated at a fixed capacity for reuse.
 * Both are written through {@link io.lowalloc.core.attr.AttributeSink} and read by index through
 * {@link io.lowalloc.core.attr.AttributeReader} or by {@link io.lowalloc.core.attr.AttributeVisitor};
 * {@link io.lowalloc.core.attr.AttributeType} names the eight value types. A leaf package: it
 * depends on nothing else in the library.
 */
package io.lowalloc.core.attr;
