package io.lowalloc.core.batch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A misbehaving exporter that signals twice, success on one thread and failure on another, both
 * before the timeout: the first signal wins, the second is ignored, and both see the same winner.
 *
 * <p>Results: the result each signal left in place, then the worker's outcome read after both
 * (its timeout not passed). Codes: 1 success, 3 failed.
 *
 * <p>The signals call {@code complete(...)}, which is all {@code success()} and
 * {@code failure(cause)} do, because its return value says which result each left in place.
 */
@JCStressTest
@Description("PendingExport: success() racing failure(cause) from another thread")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "Success won; the failure was ignored.")
@Outcome(id = "3, 3, 3", expect = ACCEPTABLE, desc = "Failure won; the success was ignored.")
@Outcome(expect = FORBIDDEN, desc = "Both signals won, or a signal saw a result that does not hold.")
@State
public class PendingExportDoubleSignalTest {

    private final PendingExport export = ExportRaceFixtures.newExport();

    /** Creates the state: an export call in flight. */
    public PendingExportDoubleSignalTest() {
    }

    /**
     * Signals success.
     *
     * @param r result holder
     */
    @Actor
    public void success(III_Result r) {
        r.r1 = ExportRaceFixtures.code(export.complete(PendingExport.SUCCEEDED));
    }

    /**
     * Signals a failure.
     *
     * @param r result holder
     */
    @Actor
    public void failure(III_Result r) {
        r.r2 = ExportRaceFixtures.code(export.complete(ExportRaceFixtures.CAUSE));
    }

    /**
     * The worker reads the result after both, well within its timeout.
     *
     * @param r result holder
     */
    @Arbiter
    public void worker(III_Result r) {
        r.r3 = ExportRaceFixtures.code(export.await(Long.MAX_VALUE));
    }
}
