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
 * An exporter signalling a failure at the moment the export timeout passes in
 * {@link PendingExport}: the same contract as {@link PendingExportSuccessVsTimeoutTest}, with the
 * failure cause as the exporter's result (the items then count as failed, not abandoned).
 *
 * <p>Results as in {@link PendingExportSuccessVsTimeoutTest}; codes 3 failed, 2 timed out.
 *
 * <p>The exporter calls {@code complete(cause)}, which is all {@code failure(cause)} does, because
 * its return value says which result the signal left in place.
 */
@JCStressTest
@Description("PendingExport: failure(cause) racing the export timeout")
@Outcome(id = "3, 3, 42, 3", expect = ACCEPTABLE, desc = "The exporter won; the worker counts the failure and sees its writes.")
@Outcome(id = "2, 2, -1, 2", expect = ACCEPTABLE, desc = "The timeout won; the exporter's late failure sees TIMED_OUT.")
@Outcome(id = "3, 3, 0, 3", expect = FORBIDDEN, desc = "The worker saw the failure but not the exporter's earlier write.")
@Outcome(expect = FORBIDDEN, desc = "Both sides won, or one side saw a result that does not hold.")
@State
public class PendingExportFailureVsTimeoutTest {

    private final ExportTimeoutRace race = new ExportTimeoutRace();

    /** Creates the state: an export call in flight. */
    public PendingExportFailureVsTimeoutTest() {
    }

    /**
     * The exporter: writes its payload, then signals failure.
     *
     * @param r result holder
     */
    @Actor
    public void exporter(IIII_Result r) {
        race.exporter(ExportRaceFixtures.CAUSE, r);
    }

    /**
     * The worker, its timeout already passed.
     *
     * @param r result holder
     */
    @Actor
    public void worker(IIII_Result r) {
        race.worker(ExportRaceFixtures.CAUSE, r);
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
