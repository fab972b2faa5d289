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
 * The return Dekker pair of {@link ExportCaller}: the worker, which must not post the next call
 * before the exporter's current call has returned, publishing {@code waiting = 1} and then reading
 * the caller's state, against the exporter thread returning from the call, which writes
 * {@code IDLE} and then reads the flag. At least one must see the other's write; if neither does,
 * the worker parks while the exporter is idle and nobody wakes it (with no flush or close pending
 * it parks without a timeout: a lost wake-up stalls the buffer for good).
 *
 * <p>The state holds a posted call (the caller's thread is never started). The worker actor runs
 * {@link ExportCaller#announceWaiting()}, the decision half of {@link ExportCaller#awaitIdle(long)},
 * so that it never parks; the exporter actor runs {@link ExportCaller#markIdle()}. Results: whether
 * the worker would park (1) or not (0); whether the return saw the flag and unparked the worker
 * (1) or not (0); the flag after both.
 */
@JCStressTest
@Description("ExportCaller return: a worker about to wait for the call's return, and the return")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "Worker parks; the return saw the flag and unparks it.")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "Worker saw IDLE and does not park; the return saw no flag.")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE_INTERESTING,
        desc = "Both saw each other: the return unparks a worker that does not park (harmless).")
@Outcome(id = "1, 0, 1", expect = FORBIDDEN, desc = "Lost wake-up: the worker parks and the return missed the flag.")
@Outcome(expect = FORBIDDEN, desc = "An impossible combination.")
@State
public class ExportCallerReturnWakeupTest {

    private static final VarHandle WAITING = WaitingFlag.of(ExportCaller.class);

    private final ExportCaller<Object> caller = ExportRaceFixtures.newCaller();

    /** Creates the state: a call posted and running. */
    public ExportCallerReturnWakeupTest() {
        caller.post(ExportCaller.EXPORT, ExportRaceFixtures.BATCH, ExportRaceFixtures.newExport());
    }

    /**
     * The worker deciding whether to park until the call returns.
     *
     * @param r result holder
     */
    @Actor
    public void worker(III_Result r) {
        r.r1 = caller.announceWaiting() ? 1 : 0;
    }

    /**
     * The exporter thread returning from the call.
     *
     * @param r result holder
     */
    @Actor
    public void exporterReturns(III_Result r) {
        r.r2 = caller.markIdle() ? 1 : 0;
    }

    /**
     * Reads the flag after both actors finished.
     *
     * @param r result holder
     */
    @Arbiter
    public void flag(III_Result r) {
        r.r3 = (int) WAITING.getVolatile(caller);
    }
}
