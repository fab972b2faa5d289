/**
 * Table 1 of {@code BENCHMARKS.md}: acquire + release of one pooled object, lowalloc's
 * {@code ObjectPool} against plain allocation, Netty's {@code Recycler}, Apache commons-pool2 and
 * Stormpot, on one thread and across two threads.
 */
package io.lowalloc.benchmarks.pool;
