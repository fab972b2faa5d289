/**
 * Object pooling, a leaf package: {@link io.lowalloc.core.pool.ObjectPool} (a bounded, lock-free
 * pool that never refuses or blocks), {@link io.lowalloc.core.pool.Poolable} (what a pooled type
 * implements), {@link io.lowalloc.core.pool.PoolSlot} (the per-object lifecycle state through which
 * double and foreign releases are detected) and {@link io.lowalloc.core.pool.PoolStats} (a counter
 * snapshot). Acquire and release allocate nothing once the pool is warm.
 */
package io.lowalloc.core.pool;
