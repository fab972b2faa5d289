package io.lowalloc.core.batch;

import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The body of the tests of an exporter's signal racing the export timeout in {@link PendingExport}
 * ({@link PendingExportSuccessVsTimeoutTest}, {@link PendingExportFailureVsTimeoutTest}): an export
 * call in flight and a plain payload that the exporter writes before it signals. Each test holds
 * one instance in its state and its actors and arbiter call the methods here; the tests differ
 * only in the result the exporter signals.
 */
final class ExportTimeoutRace {

    /** What the exporter writes before it signals. */
    static final int PAYLOAD = 42;

    private final PendingExport export = ExportRaceFixtures.newExport();
    private int payload; // plain: the CAS on the result must publish it

    /**
     * The exporter: writes its payload, then signals {@code result} with {@code complete(result)}
     * (all that {@code success()} and {@code failure(cause)} do), because its return value says
     * which result the signal left in place.
     *
     * @param result the exporter's result
     * @param r result holder: r1 receives the code of the result left in place
     */
    void exporter(Object result, IIII_Result r) {
        payload = PAYLOAD;
        r.r1 = ExportRaceFixtures.code(export.complete(result));
    }

    /**
     * The worker, its timeout already passed: awaits with a zero timeout and reads the payload
     * only when it sees the exporter's result.
     *
     * @param exporterResult the result the exporter signals
     * @param r result holder: r2 receives the code of the worker's outcome, r3 the payload it read
     *     (-1 when it did not see the exporter's result and must not read it)
     */
    void worker(Object exporterResult, IIII_Result r) {
        Object outcome = export.await(0L);
        r.r2 = ExportRaceFixtures.code(outcome);
        r.r3 = outcome == exporterResult ? payload : -1;
    }

    /**
     * Reads the result that holds after both.
     *
     * @param r result holder: r4 receives its code
     */
    void settled(IIII_Result r) {
        r.r4 = ExportRaceFixtures.code(export.await(0L));
    }
}
