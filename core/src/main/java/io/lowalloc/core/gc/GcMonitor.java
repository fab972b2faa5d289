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
 * Records every garbage-collection event the JVM announces through JMX
 * ({@link GarbageCollectionNotificationInfo} from each {@link GarbageCollectorMXBean}) and
 * summarises the stop-the-world pauses as {@link GcPauseStats}. Every notification is a pause
 * except the concurrent-cycle reports of ZGC and Shenandoah ({@code "... Cycles"} beans), which are
 * counted apart; an unknown collector's reports count as pauses. Durations are whole milliseconds
 * as the JVM reports them, so a sub-millisecond pause reads as 0 ms.
 *
 * <p>Notifications arrive asynchronously on the JVM's notification thread after the collection
 * ends, so a snapshot taken right after a collection may miss it. Counters are exact; the
 * percentile uses a ring of {@code windowSize} longs allocated once, so the monitor never grows.
 * Each notification is an object the JVM allocates; recording it allocates nothing more.
 * Thread-safe.
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
    // Guards start/close and closed/closedAtNanos; running is volatile besides because the
    // notification thread reads it without the lock.
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
     * Same as {@code create(DEFAULT_WINDOW_SIZE)}: window {@value #DEFAULT_WINDOW_SIZE}.
     *
     * @return a new monitor that records nothing until {@link #start()}
     */
    public static GcMonitor create() {
        return create(DEFAULT_WINDOW_SIZE);
    }

    /**
     * Creates a monitor over this JVM's collectors.
     *
     * @param windowSize how many recent pauses the p99 is computed over, in
     *     {@code [1, MAX_WINDOW_SIZE]}
     * @return a new monitor that records nothing until {@link #start()}
     * @throws IllegalArgumentException if {@code windowSize} is out of range
     */
    public static GcMonitor create(int windowSize) {
        return new GcMonitor(ManagementFactory.getGarbageCollectorMXBeans(), windowSize, System::nanoTime);
    }

    /**
     * Registers the listeners and starts the monitored interval; a second call changes nothing.
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

    /** {@return whether the monitor is recording: started and not closed} */
    public boolean isRunning() {
        return running;
    }

    /** {@return the collectors listened to, unmodifiable, in bean order; empty under Epsilon GC} */
    public List<String> collectorNames() {
        return collectorNames;
    }

    /** Clears every count and duration and restarts the monitored interval now; any state. */
    public void reset() {
        recorder.reset(nanoClock.getAsLong());
    }

    /**
     * Returns the statistics of the monitored interval so far (or up to {@link #close()}).
     * Allocates the result and a copy of the window to sort.
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

    /** Removes the listeners and ends the interval; {@link #snapshot()} still works. Idempotent. */
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

    /** Records one event as if notified; the seam through which tests inject durations. */
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
