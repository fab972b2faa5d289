/**
 * Object pooling: {@link io.lowalloc.core.pool.ObjectPool} hands out and takes back
 * {@link io.lowalloc.core.pool.Poolable} objects without allocating in steady state, detects
 * double and foreign releases, and counts everything in {@link io.lowalloc.core.pool.PoolStats}.
 */
package io.lowalloc.core.pool;
