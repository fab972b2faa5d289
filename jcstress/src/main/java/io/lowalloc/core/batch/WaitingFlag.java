package io.lowalloc.core.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Access to the private {@code int waiting} flag of the wake-up Dekker pairs
 * ({@link BatchQueue}, {@link ExportCaller}), so that a race test's arbiter can read the flag
 * after both actors finished without the main sources exposing it.
 */
final class WaitingFlag {

    private WaitingFlag() {
    }

    /**
     * Finds the {@code waiting} field of {@code owner}.
     *
     * @param owner the class declaring a private {@code int waiting} field
     * @return a handle on that field
     * @throws ExceptionInInitializerError if the field is missing (meant for static initializers)
     */
    static VarHandle of(Class<?> owner) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findVarHandle(owner, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
