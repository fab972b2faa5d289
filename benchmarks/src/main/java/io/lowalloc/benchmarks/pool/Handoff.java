package io.lowalloc.benchmarks.pool;

import java.util.Queue;
import org.openjdk.jmh.infra.Control;

/**
 * The busy-wait hand-off between the acquiring and the releasing thread of
 * {@link PoolCrossThreadBenchmark}. Both sides give up when JMH signals the end of the measurement,
 * so that neither thread can hang waiting for a partner that has already stopped. A waiting side
 * spins briefly, then yields its core: on a 2-core machine shared with other work, pure spinning
 * would burn the time slice the partner thread needs to make progress.
 */
final class Handoff {

    private static final int SPINS_BEFORE_YIELD = 64;

    private Handoff() {
    }

    /**
     * Offers {@code item}, spinning while the queue is full.
     *
     * @return false if the measurement stopped before the queue took the item
     */
    static <T> boolean offer(Queue<T> queue, T item, Control control) {
        int spins = 0;
        while (!queue.offer(item)) {
            if (control.stopMeasurement) {
                return false;
            }
            spins = idle(spins);
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
        int spins = 0;
        while ((item = queue.poll()) == null) {
            if (control.stopMeasurement) {
                return null;
            }
            spins = idle(spins);
        }
        return item;
    }

    private static int idle(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
            return spins + 1;
        }
        Thread.yield();
        return 0;
    }
}
