package io.lowalloc.core.testing;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * Hand-made JMX beans with fixed figures, so that GC statistics can be checked against known
 * values: a collector bean that also emits notifications and remembers its listeners, and a
 * memory bean with a fixed heap usage. Not thread-safe (single-threaded tests only).
 */
public final class FakeBeans {

    private FakeBeans() {
    }

    /** A collector bean with fixed counts that is also an emitter and remembers its listeners. */
    public static final class Collector implements GarbageCollectorMXBean, NotificationEmitter {
        private final String name;
        private final long count;
        private final long timeMillis;
        private final List<NotificationListener> listeners = new ArrayList<>();
        private int addCalls;
        private int removeCalls;

        /**
         * Creates a collector bean.
         *
         * @param name the collector name
         * @param count what {@link #getCollectionCount()} returns
         * @param timeMillis what {@link #getCollectionTime()} returns, in milliseconds
         */
        public Collector(String name, long count, long timeMillis) {
            this.name = name;
            this.count = count;
            this.timeMillis = timeMillis;
        }

        @Override
        public long getCollectionCount() {
            return count;
        }

        @Override
        public long getCollectionTime() {
            return timeMillis;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public String[] getMemoryPoolNames() {
            return new String[0];
        }

        @Override
        public ObjectName getObjectName() {
            return null;
        }

        @Override
        public void addNotificationListener(NotificationListener listener, NotificationFilter filter,
                Object handback) {
            addCalls++;
            listeners.add(listener);
        }

        @Override
        public void removeNotificationListener(NotificationListener listener) {
            removeCalls++;
            listeners.remove(listener);
        }

        @Override
        public void removeNotificationListener(NotificationListener listener, NotificationFilter filter,
                Object handback) {
            removeNotificationListener(listener);
        }

        @Override
        public MBeanNotificationInfo[] getNotificationInfo() {
            return new MBeanNotificationInfo[0];
        }

        /**
         * Returns the listeners added and not removed.
         *
         * @return the live list
         */
        public List<NotificationListener> listeners() {
            return listeners;
        }

        /**
         * Returns how often a listener was added.
         *
         * @return the count
         */
        public int addCalls() {
            return addCalls;
        }

        /**
         * Returns how often a listener was removed.
         *
         * @return the count
         */
        public int removeCalls() {
            return removeCalls;
        }
    }

    /** A memory bean reporting a fixed heap usage (and the same figures for non-heap). */
    public static final class Memory implements MemoryMXBean {
        private final MemoryUsage heap;

        /**
         * Creates a memory bean.
         *
         * @param used heap bytes used
         * @param committed heap bytes committed
         * @param max the maximum heap bytes, or -1 if undefined
         */
        public Memory(long used, long committed, long max) {
            this.heap = new MemoryUsage(-1, used, committed, max);
        }

        @Override
        public int getObjectPendingFinalizationCount() {
            return 0;
        }

        @Override
        public MemoryUsage getHeapMemoryUsage() {
            return heap;
        }

        @Override
        public MemoryUsage getNonHeapMemoryUsage() {
            return heap;
        }

        @Override
        public boolean isVerbose() {
            return false;
        }

        @Override
        public void setVerbose(boolean value) {
        }

        @Override
        public void gc() {
        }

        @Override
        public ObjectName getObjectName() {
            return null;
        }
    }
}
