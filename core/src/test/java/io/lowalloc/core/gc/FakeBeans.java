package io.lowalloc.core.gc;

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

/** Hand-made JMX beans with fixed figures, so statistics can be checked against known values. */
final class FakeBeans {

    private FakeBeans() {
    }

    /** A collector bean that is also an emitter and remembers its listeners. */
    static final class Collector implements GarbageCollectorMXBean, NotificationEmitter {
        final String name;
        final long count;
        final long timeMillis;
        final List<NotificationListener> listeners = new ArrayList<>();
        int addCalls;
        int removeCalls;

        Collector(String name, long count, long timeMillis) {
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
    }

    /** A memory bean reporting a fixed heap usage. */
    static final class Memory implements MemoryMXBean {
        final MemoryUsage heap;

        Memory(long used, long committed, long max) {
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
