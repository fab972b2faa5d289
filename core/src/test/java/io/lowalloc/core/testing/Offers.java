package io.lowalloc.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.BatchBuffer;

/** Offers runs of integer items to a {@link BatchBuffer}, asserting that each one is accepted. */
public final class Offers {

    private Offers() {
    }

    /**
     * Offers the items {@code from} to {@code to - 1}, in order.
     *
     * @param buffer the buffer
     * @param from the first item
     * @param to one past the last item
     * @throws AssertionError at the first item the buffer refuses
     */
    public static void range(BatchBuffer<Integer> buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(buffer.offer(i)).as("offer of item %d", i).isTrue();
        }
    }
}
