/**
 * Table 3 of {@code BENCHMARKS.md}: recording N attributes with lowalloc's reusable
 * {@code FixedAttributeBuilder}, with fresh {@code AttributeStore}s (growing or preallocated), with a
 * fresh {@code ArrayList} of key/value objects (growing or preallocated — the Go example's
 * preallocation scenario) and with OpenTelemetry's {@code Attributes.builder()}.
 */
package io.lowalloc.benchmarks.attr;
