package io.lowalloc.core.batch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The whole wake-up path of {@link BatchQueue}, with a real park: the worker loops on
 * {@link BatchQueue#awaitWork(long)} without a timeout until a batch is available, as the export
 * worker does; the signal offers the item that completes the batch. The worker must terminate;
 * a lost wake-up (flag, reservation, the consumer thread published for the unpark) leaves it
 * parked for ever.
 *
 * <p>The loop re-checks the condition after every return, so a spurious wake-up cannot hide a
 * lost one. The signal usually arrives after the worker parked; {@link BatchQueueWakeupTest}
 * covers the narrow window where both run at once.
 */
@JCStressTest(Mode.Termination)
@Description("BatchQueue wake-up: a parked worker is woken by the offer that completes a batch")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The worker woke up and saw the batch.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "Lost wake-up: the worker stays parked with a full batch queued.")
@State
public class BatchQueueParkTest {

    private static final int BATCH = 2;
    private static final Object ITEM = new Object();

    private final BatchQueue<Object> queue = new BatchQueue<>(4, BATCH);

    /** Creates the state: a queue holding one item, half a batch. */
    public BatchQueueParkTest() {
        queue.offer(ITEM);
    }

    /** The export worker waiting for a batch, with no timeout. */
    @Actor
    public void worker() {
        while (BatchQueue.count(queue.state()) - queue.consumerTaken() < BATCH) {
            queue.awaitWork(Long.MAX_VALUE);
        }
    }

    /** A producer whose item completes the batch. */
    @Signal
    public void producer() {
        queue.offer(ITEM);
    }
}
