package io.lowalloc.core.testing;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A {@link BatchExporter} that records every call — a copy of the batch, the list instance it was
 * given, the {@link System#nanoTime()} of the call and the completion — and then does what its
 * plan says for that call (0-based index): succeed, fail, throw, or hold the completion for the
 * test to signal.
 *
 * <p>Thread-safe: the recorded lists are copy-on-write, so a test thread may read them while the
 * worker exports. Allocates on every call (test only).
 *
 * @param <T> the item type
 */
public final class RecordingExporter<T> implements BatchExporter<T> {

    /** What to do with one export call. */
    public enum Outcome {
        /** Signal {@code success()} before returning. */
        SUCCEED,
        /** Signal {@code failure(IOException)} before returning. */
        FAIL,
        /** Throw {@code IllegalStateException} from {@code export}. */
        THROW,
        /** Return without a signal; the test completes the call through {@link #completions}. */
        HOLD
    }

    /** A copy of each batch, in call order. */
    public final List<List<T>> batches = new CopyOnWriteArrayList<>();
    /** The list instance of each call, as the buffer passed it. */
    public final List<List<T>> lists = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} at the start of each call. */
    public final List<Long> callNanos = new CopyOnWriteArrayList<>();
    /** The completion of each call. */
    public final List<ExportCompletion> completions = new CopyOnWriteArrayList<>();
    private final IntFunction<Outcome> plan;

    /**
     * Creates an exporter that follows {@code plan}.
     *
     * @param plan the outcome of each call, by 0-based call index
     */
    public RecordingExporter(IntFunction<Outcome> plan) {
        this.plan = plan;
    }

    /**
     * Returns an exporter whose every call succeeds at once.
     *
     * @param <T> the item type
     * @return the exporter
     */
    public static <T> RecordingExporter<T> succeeding() {
        return new RecordingExporter<>(call -> Outcome.SUCCEED);
    }

    /**
     * Returns an exporter that holds the first call (never completes it by itself) and succeeds
     * afterwards.
     *
     * @param <T> the item type
     * @return the exporter
     */
    public static <T> RecordingExporter<T> holdingFirst() {
        return new RecordingExporter<>(call -> call == 0 ? Outcome.HOLD : Outcome.SUCCEED);
    }

    @Override
    public void export(List<T> batch, ExportCompletion completion) {
        int call = batches.size();
        callNanos.add(System.nanoTime());
        lists.add(batch);
        completions.add(completion);
        batches.add(new ArrayList<>(batch));
        switch (plan.apply(call)) {
            case SUCCEED:
                completion.success();
                break;
            case FAIL:
                completion.failure(new IOException("planned failure of call " + call));
                break;
            case THROW:
                throw new IllegalStateException("planned exception in call " + call);
            default:
                break;
        }
    }

    /**
     * Returns the number of export calls so far.
     *
     * @return the call count
     */
    public int calls() {
        return batches.size();
    }

    /**
     * Returns the size of each batch, in call order.
     *
     * @return a new list of sizes
     */
    public List<Integer> batchSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (List<T> batch : batches) {
            sizes.add(batch.size());
        }
        return sizes;
    }

    /**
     * Returns every exported item, in call order.
     *
     * @return a new list of items
     */
    public List<T> allItems() {
        List<T> all = new ArrayList<>();
        for (List<T> batch : batches) {
            all.addAll(batch);
        }
        return all;
    }

    /**
     * Waits up to {@value Await#TIMEOUT_SECONDS} s for at least {@code count} export calls.
     *
     * @param count the number of calls to wait for
     * @throws AssertionError on timeout
     */
    public void awaitCalls(int count) {
        Await.until(() -> calls() >= count, () -> "export calls >= " + count + ", got " + calls());
    }
}
