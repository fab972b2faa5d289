/**
 * Batching and export: {@link io.lowalloc.core.batch.BatchBuffer} collects items offered by any
 * number of threads into an exact-capacity queue and hands them, in batches, to a
 * {@link io.lowalloc.core.batch.BatchExporter} on one named daemon worker thread.
 * {@link io.lowalloc.core.batch.BatchOptions} holds the batching options (sizes, delays,
 * timeout, full-queue policy, thread name), their defaults and their rules, for the buffer and
 * every entry point built on it; {@link io.lowalloc.core.batch.BatchStats} is the buffer's
 * accounting snapshot.
 *
 * <p>Offering allocates nothing; the worker allocates a constant number of objects per export
 * call (not per item) and hands each call to an exporter thread without allocating, so that the
 * export timeout also covers an exporter call that blocks. Every item is accounted for exactly once, see
 * {@link io.lowalloc.core.batch.BatchStats#isBalanced()}.
 *
 * <p>This package is generic in the item type and depends on no other {@code io.lowalloc} package.
 */
package io.lowalloc.core.batch;
