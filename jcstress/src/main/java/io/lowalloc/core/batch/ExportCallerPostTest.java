package io.lowalloc.core.batch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The hand-off of {@link ExportCaller}: the worker writes the call (kind, batch, completion) into
 * plain fields and then {@code state = BUSY} with a volatile write; the exporter thread that reads
 * {@code BUSY} must see all three fields, never a stale or missing one (it would export another
 * list, or signal nothing).
 *
 * <p>The exporter actor runs {@link ExportCaller#hasCall()} and the field reads that
 * {@code runCall} makes. Results: whether it saw the call (1) or not (0); then, if it did, whether
 * the kind, the batch and the completion are the posted ones (1) or not (0), and -1 if it saw no
 * call. On x86 the stores are not reordered with each other, so the forbidden outcomes guard
 * against the compiler and weaker hardware.
 */
@JCStressTest
@Description("ExportCaller hand-off: the posted call's fields are visible with its state")
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "The exporter thread saw the call and all of it.")
@Outcome(id = "0, -1, -1, -1", expect = ACCEPTABLE, desc = "The exporter thread looked before the post.")
@Outcome(expect = FORBIDDEN, desc = "The exporter thread saw the call but not one of its fields.")
@State
public class ExportCallerPostTest {

    private final ExportCaller<Object> caller = ExportRaceFixtures.newCaller();
    private final PendingExport completion = ExportRaceFixtures.newExport();

    /** Creates the state: an idle caller. */
    public ExportCallerPostTest() {
    }

    /** The worker posting a flush call (kind 1), with a batch to see it travel. */
    @Actor
    public void worker() {
        caller.post(ExportCaller.FLUSH, ExportRaceFixtures.BATCH, completion);
    }

    /**
     * The exporter thread looking for a call.
     *
     * @param r result holder
     */
    @Actor
    public void exporterThread(IIII_Result r) {
        if (caller.hasCall()) {
            r.r1 = 1;
            r.r2 = caller.postedKind() == ExportCaller.FLUSH ? 1 : 0;
            r.r3 = caller.postedBatch() == ExportRaceFixtures.BATCH ? 1 : 0;
            r.r4 = caller.postedCompletion() == completion ? 1 : 0;
        } else {
            r.r1 = 0;
            r.r2 = -1;
            r.r3 = -1;
            r.r4 = -1;
        }
    }
}
