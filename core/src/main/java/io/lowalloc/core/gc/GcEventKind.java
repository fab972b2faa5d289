package io.lowalloc.core.gc;

/**
 * Tells stop-the-world pauses from concurrent-cycle reports among GC notifications.
 *
 * <p>Verified on JDK 17 and 25 with G1, ZGC (single and generational), Shenandoah, Parallel and
 * Serial: concurrent-cycle reports are exactly those with the action {@code "end of GC cycle"},
 * published by beans named {@code "... Cycles"} ({@code "ZGC Cycles"}, {@code "ZGC Major Cycles"},
 * {@code "Shenandoah Cycles"}); their duration is the whole mostly-concurrent cycle, during which
 * the application runs. Every other report is a pause: {@code "end of minor GC"},
 * {@code "end of major GC"}, {@code "end of GC pause"} (ZGC pause beans), Shenandoah's phase names
 * ({@code "Init Mark"}, {@code "Final Mark"}, ...) and {@code "end of concurrent GC pause"} from
 * {@code "G1 Concurrent GC"} (JDK 20+) — despite the bean's name those are G1's Remark and Cleanup
 * stop-the-world pauses. Classifying by exclusion means an unknown future collector's reports are
 * counted as pauses: over-reporting pauses is the safer error for a tool meant to show them.
 */
final class GcEventKind {

    /** The action HotSpot reports for a concurrent cycle of ZGC and Shenandoah. */
    static final String CONCURRENT_CYCLE_ACTION = "end of GC cycle";

    private static final String CYCLES_BEAN_SUFFIX = " Cycles";

    private GcEventKind() {
    }

    /**
     * Returns whether a notification reports a concurrent cycle rather than a pause.
     *
     * @param gcName the collector (bean) name
     * @param gcAction the notification's action
     * @return {@code true} for a concurrent-cycle report
     */
    static boolean isConcurrentCycle(String gcName, String gcAction) {
        return CONCURRENT_CYCLE_ACTION.equals(gcAction) || gcName.endsWith(CYCLES_BEAN_SUFFIX);
    }
}
