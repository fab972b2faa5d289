package io.lowalloc.core.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AllocationMeterTest {

    private static final int MIB = 1024 * 1024;

    /** Escapes allocations so the JIT cannot remove them. */
    static volatile Object sink;

    private final AllocationMeter meter = AllocationMeter.create();

    @Test
    void isSupportedOnHotSpot() {
        assertThat(meter.isSupported()).isTrue();
        assertThat(meter.currentThreadAllocatedBytes()).isPositive();
    }

    @Test
    void readingTheCounterDoesNotAllocate() {
        AllocationMeter.Measurement m = meter.startCurrentThread();
        m.bytesSinceStart();

        // Calibration: whatever one read allocates lands between two consecutive reads.
        long first = meter.currentThreadAllocatedBytes();
        long second = meter.currentThreadAllocatedBytes();
        long viaMeasurement = m.restart().bytesSinceStart();

        assertThat(second - first).as("one currentThreadAllocatedBytes() read").isZero();
        assertThat(viaMeasurement).as("one bytesSinceStart() read").isZero();
        assertThat(meter.bytesPerOp(1_000_000, 1_000_000, i -> meter.currentThreadAllocatedBytes()))
                .as("bytes per currentThreadAllocatedBytes() over 1,000,000 reads").isZero();
        assertThat(meter.bytesPerOp(1_000_000, 1_000_000, i -> m.bytesSinceStart()))
                .as("bytes per bytesSinceStart() over 1,000,000 reads").isZero();
        assertThat(meter.bytesPerOp(1_000_000, 1_000_000, i -> meter.threadAllocatedBytes(Thread.currentThread())))
                .as("bytes per threadAllocatedBytes(Thread) over 1,000,000 reads").isZero();
    }

    @Test
    void measuresAnEscapingMebibyteArray() {
        AllocationMeter.Measurement m = meter.startCurrentThread();

        sink = new byte[MIB];
        long bytes = m.bytesSinceStart();

        assertThat(bytes).isBetween((long) MIB, (long) MIB + 1024);
    }

    @Test
    void measuresOneSmallObjectToTheByte() {
        AllocationMeter.Measurement m = meter.startCurrentThread();
        sink = new Object(); // first run: whatever linking the statement needs happens here
        m.restart();

        sink = new Object();
        long bytes = m.bytesSinceStart();

        // One object header (12 or 16 bytes), rounded up to the 8-byte alignment.
        assertThat(bytes).isBetween(16L, 24L);
    }

    @Test
    void allocationFreeLoopMeasuresZero() {
        double perOp = meter.bytesPerOp(1_000_000, 1_000_000, i -> i * 31 + (i >>> 3));

        assertThat(perOp).isZero();
    }

    @Test
    void bytesPerOpDetectsAnInjectedAllocation() {
        double perOp = meter.bytesPerOp(1_000_000, 1_000_000, i -> {
            long[] box = new long[] {i};
            sink = box;
            return box[0];
        });

        // A long[1] is at least a 16-byte header plus 8 bytes of payload on 64-bit HotSpot.
        assertThat(perOp).isGreaterThanOrEqualTo(16.0);
    }

    @Test
    void aOneOffAllocationInOneRoundIsNotCharged() {
        long warmup = 10_000;
        long[] calls = {0};

        double perOp = meter.bytesPerOp(warmup, 100_000, i -> {
            if (calls[0]++ == warmup) { // the first measured operation only
                sink = new byte[4096];
            }
            return i;
        });

        assertThat(calls[0]).as("a second round ran").isEqualTo(warmup + 2 * 100_000);
        assertThat(perOp).isZero();
    }

    @Test
    void restartMovesTheStartPoint() {
        AllocationMeter.Measurement m = meter.startCurrentThread();
        sink = new byte[MIB];

        assertThat(m.restart()).isSameAs(m);
        long afterRestart = m.bytesSinceStart();

        assertThat(afterRestart).isLessThan(MIB);
    }

    @Test
    void perThreadVersusAllThreads() throws InterruptedException {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong workerOwnCount = new AtomicLong();
        Thread worker = new Thread(() -> {
            AllocationMeter.Measurement own = meter.startCurrentThread();
            for (int i = 0; i < 4; i++) {
                sink = new byte[MIB];
            }
            workerOwnCount.set(own.bytesSinceStart());
            allocated.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "allocating-worker");
        long allBefore = meter.allThreadsAllocatedBytes();
        AllocationMeter.Measurement mine = meter.startCurrentThread();
        try {
            worker.start();
            allocated.await();

            long workerBytes = meter.threadAllocatedBytes(worker);
            long allAfter = meter.allThreadsAllocatedBytes();
            long mineBytes = mine.bytesSinceStart();

            assertThat(workerOwnCount.get()).isGreaterThanOrEqualTo(4L * MIB);
            assertThat(workerBytes).isGreaterThanOrEqualTo(workerOwnCount.get());
            assertThat(allAfter - allBefore).isGreaterThanOrEqualTo(4L * MIB);
            assertThat(mineBytes).isLessThan(MIB);
        } finally {
            release.countDown();
            worker.join();
        }
    }

    @Test
    void threadAllocatedBytesOfADeadOrUnstartedThreadIsMinusOne() throws InterruptedException {
        Thread thread = new Thread(() -> sink = new byte[1024], "short-lived");
        assertThat(meter.threadAllocatedBytes(thread)).isEqualTo(-1);

        thread.start();
        thread.join();

        assertThat(meter.threadAllocatedBytes(thread)).isEqualTo(-1);
    }

    @Test
    void threadAllocatedBytesOfCurrentThreadMatchesTheCurrentThreadRead() {
        long viaThread = meter.threadAllocatedBytes(Thread.currentThread());
        long viaCurrent = meter.currentThreadAllocatedBytes();

        assertThat(viaCurrent).isGreaterThanOrEqualTo(viaThread).isLessThan(viaThread + 1024);
    }

    @Test
    void threadAllocatedBytesRejectsNull() {
        assertThatThrownBy(() -> meter.threadAllocatedBytes(null))
                .isInstanceOf(NullPointerException.class).hasMessage("thread");
    }

    @Test
    void measurementReadOnAnotherThreadThrows() throws InterruptedException {
        AllocationMeter.Measurement m = meter.startCurrentThread();
        String owner = Thread.currentThread().getName();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                m.bytesSinceStart();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "intruder");

        other.start();
        other.join();

        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("measurement belongs to thread '" + owner + "', read on thread 'intruder'");
    }

    @Test
    void bytesPerOpValidatesArguments() {
        assertThatThrownBy(() -> meter.bytesPerOp(-1, 1, i -> i)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warmupOps must be >= 0, was: -1");
        assertThatThrownBy(() -> meter.bytesPerOp(0, 0, i -> i)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("measuredOps must be > 0, was: 0");
        assertThatThrownBy(() -> meter.bytesPerOp(0, 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("op");
    }

    @Test
    void withoutAllocatedMemorySupportEveryReadThrows() {
        // A plain java.lang.management bean, not the com.sun extension: no allocation counters.
        ThreadMXBean plain = (ThreadMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ThreadMXBean.class}, (proxy, method, args) -> {
                    throw new AssertionError("not expected: " + method.getName());
                });
        AllocationMeter unsupported = new AllocationMeter(plain);

        assertThat(unsupported.isSupported()).isFalse();
        String message = "thread allocated memory measurement is not supported by this JVM";
        assertThatThrownBy(unsupported::currentThreadAllocatedBytes)
                .isInstanceOf(UnsupportedOperationException.class).hasMessage(message);
        assertThatThrownBy(() -> unsupported.threadAllocatedBytes(Thread.currentThread()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage(message);
        assertThatThrownBy(unsupported::allThreadsAllocatedBytes)
                .isInstanceOf(UnsupportedOperationException.class).hasMessage(message);
        assertThatThrownBy(unsupported::startCurrentThread)
                .isInstanceOf(UnsupportedOperationException.class).hasMessage(message);
        assertThatThrownBy(() -> unsupported.bytesPerOp(0, 1, i -> i))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage(message);
    }

    @Test
    void createEnablesMeasurementWhenItIsOff() {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        bean.setThreadAllocatedMemoryEnabled(false);
        try {
            AllocationMeter enabling = AllocationMeter.create();

            assertThat(bean.isThreadAllocatedMemoryEnabled()).isTrue();
            assertThat(enabling.currentThreadAllocatedBytes()).isPositive();
        } finally {
            bean.setThreadAllocatedMemoryEnabled(true);
        }
    }
}
