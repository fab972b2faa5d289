package io.lowalloc.core.batch;

import java.util.List;
import java.util.logging.Level;

/**
 * What the {@link PendingExport} and {@link ExportCaller} race tests share: the owner, the worker
 * thread, a batch, result codes.
 */
final class ExportRaceFixtures {

    /** Code of {@link PendingExport#SUCCEEDED}. */
    static final int SUCCEEDED = 1;
    /** Code of {@link PendingExport#TIMED_OUT}. */
    static final int TIMED_OUT = 2;
    /** Code of {@link #CAUSE}, the failure the exporter reports. */
    static final int FAILED = 3;
    /** Code of {@link PendingExport#RELEASED}. */
    static final int RELEASED = 4;
    /** Code of anything else (a null result, another object). */
    static final int OTHER = 9;

    /** The failure cause the exporter actors report; preallocated so no actor allocates. */
    static final Throwable CAUSE = new Exception("export failed (jcstress)");

    /**
     * The owner a late completion reports to. Its logs are silenced below WARNING: every test
     * that the timeout wins would otherwise print a line per interval into the forked VM's
     * output.
     */
    static final ExportWorker<Object> OWNER;

    /**
     * The thread a winning exporter unparks. Never started, so the unpark does nothing and
     * leaves no stray permit on a jcstress thread.
     */
    static final Thread WORKER = new Thread(() -> { }, "jcstress-never-started");

    static {
        ExportWorker.LOGGER.setLevel(Level.WARNING);
        OWNER = new ExportWorker<>(new BatchQueue<>(2, 1), (batch, completion) -> completion.success(),
                item -> { }, 1, 1L, 1L, "jcstress-never-started-exporter");
    }

    /** A batch for the {@link ExportCaller} tests; never exported (the caller thread never starts). */
    static final List<Object> BATCH = List.of(new Object());

    private ExportRaceFixtures() {
    }

    /** Creates an idle caller whose thread is never started and whose waiter is {@link #WORKER}. */
    static ExportCaller<Object> newCaller() {
        return new ExportCaller<>((batch, completion) -> completion.success(), WORKER, OWNER, "jcstress-caller");
    }

    /** Creates the completion of one single-item export call. */
    static PendingExport newExport() {
        return new PendingExport(OWNER, WORKER, 1);
    }

    /** Maps a result object to its code. */
    static int code(Object result) {
        if (result == PendingExport.SUCCEEDED) {
            return SUCCEEDED;
        }
        if (result == PendingExport.TIMED_OUT) {
            return TIMED_OUT;
        }
        if (result == CAUSE) {
            return FAILED;
        }
        if (result == PendingExport.RELEASED) {
            return RELEASED;
        }
        return OTHER;
    }
}
