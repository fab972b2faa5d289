package io.lowalloc.core.gc;

/**
 * Tells stop-the-world pauses from concurrent-cycle reports among GC notifications. A
 * concurrent-cycle report has the action {@code "end of GC cycle"} or comes from a bean named
 * {@code "... Cycles"} (ZGC, Shenandoah); it lasts a mostly-concurrent cycle. Everything else is a
 * pause, including {@code "end of concurrent GC pause"} from {@code "G1 Concurrent GC"}
 * (G1's Remark and Cleanup, JDK 20+) and Shenandoah's phase names. Classifying by exclusion counts
 * an unknown collector's reports as pauses: over-reporting is the safer error for a pause tool.
 * The rule matches the names of JDK 17 and 25 for G1, ZGC, Shenandoah, Parallel and Serial.
 */
final class GcEventKind {

    /** The action HotSpot reports for a concurrent cycle of ZGC and Shenandoah. */
    static final String CONCURRENT_CYCLE_ACTION = "end of GC cycle";

    private static final String CYCLES_BEAN_SUFFIX = " Cycles";

    private GcEventKind() {
    }

    /** Returns whether a notification of collector {@code gcName} is a concurrent cycle. */
    static boolean isConcurrentCycle(String gcName, String gcAction) {
        return CONCURRENT_CYCLE_ACTION.equals(gcAction) || gcName.endsWith(CYCLES_BEAN_SUFFIX);
    }
}
