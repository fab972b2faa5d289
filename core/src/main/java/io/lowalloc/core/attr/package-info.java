/**
 * Attribute storage without boxing or per-attribute objects: {@link io.lowalloc.core.attr.AttributeStore}
 * (growable up to a limit, for spans, events and links) and
 * {@link io.lowalloc.core.attr.FixedAttributeBuilder} (fixed capacity, reusable, zero allocation),
 * both readable through {@link io.lowalloc.core.attr.AttributeReader} and writable through
 * {@link io.lowalloc.core.attr.AttributeSink}. A leaf package: it depends on nothing else in the library.
 */
package io.lowalloc.core.attr;
