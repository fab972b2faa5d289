package io.lowalloc.core.pool;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells virtual threads apart on any JDK from 17: {@code Thread.isVirtual()} exists from JDK 19
 * (preview) and 21, so it is looked up once, reflectively; on a JDK without it no thread is
 * virtual. A {@code static final} handle lets the JIT inline the call.
 */
final class VirtualThreads {

    private static final MethodHandle IS_VIRTUAL = lookUpIsVirtual();

    private VirtualThreads() {
    }

    private static MethodHandle lookUpIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException absent) {
            return null; // JDK 17 or 18: there are no virtual threads
        }
    }

    /**
     * Returns whether {@code thread} is a virtual thread; allocation-free.
     *
     * @param thread the thread
     * @return true on JDK 19+ for a virtual thread
     */
    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable unexpected) { // isVirtual() throws nothing
            throw new AssertionError(unexpected);
        }
    }
}
