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
 * An exporter that releases its batch and then signals success, racing the export timeout in
 * {@link PendingExport}. The worker hands the items back only if it saw the release, and then
 * either counts the success or times the released batch out; it never both abandons the items and
 * hands them back, and the exporter's signal and the worker agree on the final result.
 *
 * <p>Results: the result the exporter's success left in place; the worker's first outcome; its
 * second outcome after a release (-1 when it saw no release); the final result. Codes as in
 * {@link ExportRaceFixtures}: 1 success, 2 timed out, 4 released.
 */
@JCStressTest
@Description("PendingExport: released() then success() racing the export timeout")
@Outcome(id = "2, 2, -1, 2", expect = ACCEPTABLE, desc = "The timeout won before the release: abandoned.")
@Outcome(id = "1, 4, 1, 1", expect = ACCEPTABLE, desc = "Released, handed back, then counted exported.")
@Outcome(id = "2, 4, 2, 2", expect = ACCEPTABLE, desc = "Released and handed back, then timed out: failed.")
@Outcome(id = "1, 1, -1, 1", expect = ACCEPTABLE, desc = "Both signals came before the worker looked.")
@Outcome(expect = FORBIDDEN, desc = "The two sides disagree, or a release was lost.")
@State
public class PendingExportReleaseVsTimeoutTest {

    private final PendingExport export = ExportRaceFixtures.newExport();

    /** Creates the state: an export call in flight. */
    public PendingExportReleaseVsTimeoutTest() {
    }

    /**
     * The exporter: releases, then signals success.
     *
     * @param r result holder
     */
    @Actor
    public void exporter(IIII_Result r) {
        export.released();
        r.r1 = ExportRaceFixtures.code(export.complete(PendingExport.SUCCEEDED));
    }

    /**
     * The worker, its timeout already passed, as {@code ExportWorker.exportBatch} waits.
     *
     * @param r result holder
     */
    @Actor
    public void worker(IIII_Result r) {
        Object first = export.await(System.nanoTime(), 0L, null);
        r.r2 = ExportRaceFixtures.code(first);
        r.r3 = first == PendingExport.RELEASED
                ? ExportRaceFixtures.code(export.await(System.nanoTime(), 0L, PendingExport.RELEASED))
                : -1;
    }

    /**
     * Reads the result that holds after both.
     *
     * @param r result holder
     */
    @Arbiter
    public void settled(IIII_Result r) {
        r.r4 = ExportRaceFixtures.code(export.await(0L));
    }
}
