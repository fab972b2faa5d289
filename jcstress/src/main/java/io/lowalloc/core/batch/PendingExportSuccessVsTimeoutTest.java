package io.lowalloc.core.batch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * An exporter signalling success at the moment the export timeout passes in {@link PendingExport}.
 * Exactly one side wins the CAS on the result, the loser sees the winner's result, and when the
 * exporter wins, the worker sees what the exporter wrote before signalling.
 *
 * <p>Results: the result the exporter's signal left in place; the worker's outcome from
 * {@code await(0)} (the timeout has passed); the exporter's payload as the worker reads it after
 * a success (-1 when the timeout won and the worker must not read it); the final result, read
 * after both. Codes as in {@link ExportRaceFixtures}: 1 success, 2 timed out.
 *
 * <p>The exporter calls {@code complete(SUCCEEDED)}, which is all {@code success()} does, because
 * its return value says which result the signal left in place.
 */
@JCStressTest
@Description("PendingExport: success() racing the export timeout")
@Outcome(id = "1, 1, 42, 1", expect = ACCEPTABLE, desc = "The exporter won; the worker counts the export and sees its writes.")
@Outcome(id = "2, 2, -1, 2", expect = ACCEPTABLE, desc = "The timeout won; the exporter's late success sees TIMED_OUT.")
@Outcome(id = "1, 1, 0, 1", expect = FORBIDDEN, desc = "The worker saw the success but not the exporter's earlier write.")
@Outcome(expect = FORBIDDEN, desc = "Both sides won, or one side saw a result that does not hold.")
@State
public class PendingExportSuccessVsTimeoutTest {

    private final ExportTimeoutRace race = new ExportTimeoutRace();

    /** Creates the state: an export call in flight. */
    public PendingExportSuccessVsTimeoutTest() {
    }

    /**
     * The exporter: writes its payload, then signals success.
     *
     * @param r result holder
     */
    @Actor
    public void exporter(IIII_Result r) {
        race.exporter(PendingExport.SUCCEEDED, r);
    }

    /**
     * The worker, its timeout already passed.
     *
     * @param r result holder
     */
    @Actor
    public void worker(IIII_Result r) {
        race.worker(PendingExport.SUCCEEDED, r);
    }

    /**
     * Reads the result that holds after both.
     *
     * @param r result holder
     */
    @Arbiter
    public void settled(IIII_Result r) {
        race.settled(r);
    }
}
