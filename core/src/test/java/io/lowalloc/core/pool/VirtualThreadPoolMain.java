package io.lowalloc.core.pool;

import io.lowalloc.core.testing.TestItem;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Acquires and releases objects of an {@link ObjectPool} on {@value #VIRTUAL_THREADS} virtual
 * threads (JDK 21+, started through reflection: the test classes compile for Java 17) and counts
 * those whose thread-local map ({@code Thread.threadLocals}, read through reflection, so the JVM
 * needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}) changed while they used the pool.
 * Prints {@code VIRTUAL <threads run>}, {@code GREW <threads whose map changed>},
 * {@code BALANCED <the pool's counters add up>}. With {@link #INJECT_THREAD_LOCAL}, each virtual
 * thread also reads the pool's own magazine {@code ThreadLocal}, as a pool that forgot to tell
 * virtual threads apart would, so that the check can be seen to fail.
 */
public final class VirtualThreadPoolMain {

    /** The argument that makes every virtual thread read the pool's {@code ThreadLocal}. */
    public static final String INJECT_THREAD_LOCAL = "--inject-thread-local";
    /** How many virtual threads use the pool: {@value}. */
    public static final int VIRTUAL_THREADS = 1_000;
    private static final int CYCLES_PER_THREAD = 20;

    private VirtualThreadPoolMain() {
    }

    /**
     * Runs the virtual threads.
     *
     * @param args optionally {@link #INJECT_THREAD_LOCAL}
     * @throws Exception if reflection fails or the main is interrupted
     */
    public static void main(String[] args) throws Exception {
        boolean inject = args.length > 0 && INJECT_THREAD_LOCAL.equals(args[0]);
        ObjectPool<TestItem> pool = ObjectPool.create(TestItem::new, 64);
        pool.prefill(64);
        Field threadLocals = Thread.class.getDeclaredField("threadLocals");
        threadLocals.setAccessible(true);
        Field magazineLocal = ObjectPool.class.getDeclaredField("threadMagazine");
        magazineLocal.setAccessible(true);
        ThreadLocal<?> poolThreadLocal = (ThreadLocal<?>) magazineLocal.get(pool);
        Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
        AtomicInteger grew = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread[] threads = new Thread[VIRTUAL_THREADS];
        for (int t = 0; t < threads.length; t++) {
            Runnable use = () -> {
                try {
                    Thread self = Thread.currentThread();
                    Object before = threadLocals.get(self);
                    for (int i = 0; i < CYCLES_PER_THREAD; i++) {
                        TestItem item = pool.acquire();
                        if (inject) {
                            poolThreadLocal.get();
                        }
                        pool.release(item);
                    }
                    Object after = threadLocals.get(self);
                    if (after != before) {
                        grew.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failed.incrementAndGet();
                    e.printStackTrace();
                }
            };
            threads[t] = (Thread) start.invoke(null, use);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        PoolStats stats = pool.stats();
        System.out.println("VIRTUAL " + (VIRTUAL_THREADS - failed.get()));
        System.out.println("GREW " + grew.get());
        System.out.println("BALANCED " + (stats.outstanding() == 0
                && stats.created() == stats.pooled() + stats.discarded()
                && stats.acquired() == (long) VIRTUAL_THREADS * CYCLES_PER_THREAD));
    }
}
