package io.lowalloc.core.batch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The wake-up Dekker pair of {@link BatchQueue}: the worker publishing {@code waiting = 1} and
 * then reading the reservation word, against a producer whose reservation completes a batch and
 * then reads the flag. At least one of them must see the other's write; if neither does, the
 * worker parks while a full batch waits and nobody wakes it (a lost wake-up).
 *
 * <p>The queue (capacity 4, batch 2) already holds one item; the producer's offer completes the
 * batch. The worker actor runs {@link BatchQueue#announceWaiting()}, the decision half of
 * {@link BatchQueue#awaitWork(long)}, so that it never actually parks. Results: whether the worker
 * would park (1) or not (0); the producer's offer result ({@link BatchQueue#ACCEPTED} = 0); and
 * whether the flag is still set after both (1), i.e. no producer took the wake-up.
 */
@JCStressTest
@Description("BatchQueue wake-up: a worker about to park and a producer completing a batch")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "Worker parks; the producer saw the flag and unparks it.")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "Worker saw the full batch and stays awake; the producer saw no flag.")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE_INTERESTING,
        desc = "Both saw each other: the producer unparks a worker that does not park (harmless).")
@Outcome(id = "1, 0, 1", expect = FORBIDDEN, desc = "Lost wake-up: the worker parks and the producer missed the flag.")
@Outcome(expect = FORBIDDEN, desc = "The offer was refused or the flag has an impossible value.")
@State
public class BatchQueueWakeupTest {

    private static final Object ITEM = new Object();
    private static final VarHandle WAITING = WaitingFlag.of(BatchQueue.class);

    private final BatchQueue<Object> queue = new BatchQueue<>(4, 2);

    /** Creates the state: a queue holding one item, half a batch. */
    public BatchQueueWakeupTest() {
        queue.offer(ITEM);
    }

    /**
     * The export worker deciding whether to park.
     *
     * @param r result holder
     */
    @Actor
    public void worker(III_Result r) {
        r.r1 = queue.announceWaiting() ? 1 : 0;
    }

    /**
     * A producer whose item completes the batch.
     *
     * @param r result holder
     */
    @Actor
    public void producer(III_Result r) {
        r.r2 = queue.offer(ITEM);
    }

    /**
     * Reads whether the flag is still set, after both actors finished.
     *
     * @param r result holder
     */
    @Arbiter
    public void flag(III_Result r) {
        r.r3 = (int) WAITING.getVolatile(queue);
    }
}
