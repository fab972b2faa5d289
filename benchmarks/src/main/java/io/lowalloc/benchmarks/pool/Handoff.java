package io.lowalloc.benchmarks.pool;

import java.util.Queue;
import org.openjdk.jmh.infra.Control;

/**
 * The busy-wait hand-off between the acquiring and the releasing thread of
 * {@link PoolCrossThreadBenchmark}. Both sides give up when JMH signals the end of the measurement,
 * so that neither thread can hang waiting for a partner that has already stopped.
 */
final class Handoff {

    private Handoff() {
    }

    /**
     * Offers {@code item}, spinning while the queue is full.
     *
     * @return false if the measurement stopped before the queue took the item
     */
    static <T> boolean offer(Queue<T> queue, T item, Control control) {
        while (!queue.offer(item)) {
            if (control.stopMeasurement) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /**
     * Polls an item, spinning while the queue is empty.
     *
     * @return the item, or null if the measurement stopped first
     */
    static <T> T poll(Queue<T> queue, Control control) {
        T item;
        while ((item = queue.poll()) == null) {
            if (control.stopMeasurement) {
                return null;
            }
            Thread.onSpinWait();
        }
        return item;
    }
}
