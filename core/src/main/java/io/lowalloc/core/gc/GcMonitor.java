package io.lowalloc.core.gc;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Records every garbage-collection event the JVM announces through JMX notifications
 * ({@link GarbageCollectionNotificationInfo} from each {@link GarbageCollectorMXBean}) and summarises
 * the stop-the-world pauses as {@link GcPauseStats}.
 *
 * <p><b>What counts as a pause.</b> Every notification is a pause except the concurrent-cycle reports
 * of ZGC and Shenandoah (action {@code "end of GC cycle"}, beans named {@code "... Cycles"}), which
 * are counted apart as concurrent cycles. So G1's {@code "end of minor GC"} and {@code "end of major
 * GC"}, ZGC's {@code "end of GC pause"}, Shenandoah's pause phases ({@code "Init Mark"}, ...) and the
 * {@code "G1 Concurrent GC"} bean's {@code "end of concurrent GC pause"} (JDK 20+: G1's Remark and
 * Cleanup stop-the-world pauses, despite the bean's name) are all pauses. With the default G1,
 * {@code System.gc()} is one full stop-the-world collection reported by {@code "G1 Old Generation"}
 * as {@code "end of major GC"} with cause {@code "System.gc()"}.
 *
 * <p><b>Units and resolution.</b> Durations are whole milliseconds as the JVM reports them
 * ({@code GcInfo#getDuration()}); a sub-millisecond young pause reads as 0 ms.
 *
 * <p><b>Memory.</b> Counters are exact; the durations for the percentile are kept in a ring of
 * {@code windowSize} longs allocated once ({@link #DEFAULT_WINDOW_SIZE} by default), so the monitor
 * never grows. The JMX notification thread allocates for each notification anyway (notifications
 * are objects); recording one does not allocate further.
 *
 * <p><b>Timing.</b> Notifications are delivered asynchronously by the JVM's notification thread,
 * shortly (typically well under a second) after the collection ends: a snapshot taken right after a
 * collection may not include it yet.
 *
 * <p>Thread-safe: start, reset, snapshot and close may be called from any thread.
 *
 * <pre>{@code
 * try (GcMonitor monitor = GcMonitor.create().start()) {
 *     runWorkload();
 *     System.out.println(monitor.snapshot());
 * }
 * }</pre>
 */
public final class GcMonitor implements AutoCloseable {

    /** Default number of most recent pause durations kept for the percentile: {@value}. */
    public static final int DEFAULT_WINDOW_SIZE = 4096;

    /** Largest accepted window size: {@value}. */
    public static final int MAX_WINDOW_SIZE = 1 << 20;

    private final List<NotificationEmitter> emitters;
    private final List<String> collectorNames;
    private final PauseRecorder recorder;
    private final LongSupplier nanoClock;
    private final NotificationListener listener = this::onNotification;
    private final Object lifecycleLock = new Object();
    private volatile boolean running;
    private boolean closed;
    private long closedAtNanos;

    GcMonitor(List<? extends GarbageCollectorMXBean> beans, int windowSize, LongSupplier nanoClock) {
        if (windowSize <= 0 || windowSize > MAX_WINDOW_SIZE) {
            throw new IllegalArgumentException(
                    "windowSize must be in [1, " + MAX_WINDOW_SIZE + "], was: " + windowSize);
        }
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.recorder = new PauseRecorder(windowSize, nanoClock.getAsLong());
        List<NotificationEmitter> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean bean : beans) {
            // Every HotSpot collector bean is an emitter; a bean that is not cannot be listened to.
            if (bean instanceof NotificationEmitter) {
                found.add((NotificationEmitter) bean);
                names.add(bean.getName());
                recorder.register(bean.getName());
            }
        }
        this.emitters = Collections.unmodifiableList(found);
        this.collectorNames = Collections.unmodifiableList(names);
    }

    /**
     * Creates a monitor over this JVM's collectors with a window of {@link #DEFAULT_WINDOW_SIZE}
     * pauses. It records nothing until {@link #start()}.
     *
     * @return a new, not yet started monitor
     */
    public static GcMonitor create() {
        return create(DEFAULT_WINDOW_SIZE);
    }

    /**
     * Creates a monitor over this JVM's collectors that keeps the {@code windowSize} most recent
     * pause durations for the percentile. It records nothing until {@link #start()}.
     *
     * @param windowSize how many recent pauses the p99 is computed over, in [1, {@link #MAX_WINDOW_SIZE}]
     * @return a new, not yet started monitor
     * @throws IllegalArgumentException if {@code windowSize} is out of range
     */
    public static GcMonitor create(int windowSize) {
        return new GcMonitor(ManagementFactory.getGarbageCollectorMXBeans(), windowSize, System::nanoTime);
    }

    /**
     * Registers the listeners and starts the monitored interval. Idempotent while running (a second
     * call changes nothing).
     *
     * @return this monitor
     * @throws IllegalStateException if the monitor was closed
     */
    public GcMonitor start() {
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("GcMonitor is closed and cannot be restarted; create a new one");
            }
            if (!running) {
                recorder.reset(nanoClock.getAsLong());
                for (int i = 0; i < emitters.size(); i++) {
                    emitters.get(i).addNotificationListener(listener, null, null);
                }
                running = true;
            }
            return this;
        }
    }

    /**
     * Returns whether the monitor is recording: started and not closed.
     *
     * @return {@code true} while recording
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Returns the names of the collectors this monitor listens to, in the JVM's bean order; empty
     * under {@code -XX:+UseEpsilonGC}.
     *
     * @return an unmodifiable list of collector names
     */
    public List<String> collectorNames() {
        return collectorNames;
    }

    /**
     * Clears every count and duration and restarts the monitored interval now. Allowed in any state.
     */
    public void reset() {
        recorder.reset(nanoClock.getAsLong());
    }

    /**
     * Returns the statistics of the monitored interval so far (or up to {@link #close()}).
     * Allocates the result and a copy of the window for sorting; not for a hot path.
     *
     * @return an immutable summary
     */
    public GcPauseStats snapshot() {
        long end;
        synchronized (lifecycleLock) {
            end = closed ? closedAtNanos : nanoClock.getAsLong();
        }
        return recorder.snapshot(end);
    }

    /**
     * Removes the listeners and ends the monitored interval; {@link #snapshot()} keeps working on
     * what was recorded. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
            closedAtNanos = nanoClock.getAsLong();
            if (running) {
                running = false;
                for (int i = 0; i < emitters.size(); i++) {
                    try {
                        emitters.get(i).removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // Nothing to remove means nothing left to stop; close stays idempotent.
                    }
                }
            }
        }
    }

    /**
     * Records one event as if a notification had arrived; the seam through which tests inject
     * durations.
     *
     * @param gcName the collector name
     * @param gcAction the notification action, e.g. {@code "end of minor GC"}
     * @param durationMillis the duration in milliseconds, >= 0
     */
    void record(String gcName, String gcAction, long durationMillis) {
        recorder.record(Objects.requireNonNull(gcName, "gcName"), Objects.requireNonNull(gcAction, "gcAction"),
                durationMillis);
    }

    private void onNotification(Notification notification, Object handback) {
        // A notification already in flight when close() runs must not count after the interval ended.
        if (!running
                || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        recorder.record(info.getGcName(), info.getGcAction(), Math.max(0, info.getGcInfo().getDuration()));
    }
}
