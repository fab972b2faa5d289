package io.lowalloc.core.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Test exporter: records a copy of every batch, the list instance it was given, the time of the
 * call and the completion; then acts as its plan says for that call (0-based index).
 */
final class RecordingExporter<T> implements BatchExporter<T> {

    /** What to do with one export call. */
    enum Outcome { SUCCEED, FAIL, THROW, HOLD }

    final List<List<T>> batches = new CopyOnWriteArrayList<>();
    final List<List<T>> lists = new CopyOnWriteArrayList<>();
    final List<Long> callNanos = new CopyOnWriteArrayList<>();
    final List<ExportCompletion> completions = new CopyOnWriteArrayList<>();
    private final IntFunction<Outcome> plan;

    RecordingExporter(IntFunction<Outcome> plan) {
        this.plan = plan;
    }

    static <T> RecordingExporter<T> succeeding() {
        return new RecordingExporter<>(call -> Outcome.SUCCEED);
    }

    /** Holds the first call (never completes it by itself), succeeds afterwards. */
    static <T> RecordingExporter<T> holdingFirst() {
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

    int calls() {
        return batches.size();
    }

    List<Integer> batchSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (List<T> batch : batches) {
            sizes.add(batch.size());
        }
        return sizes;
    }

    List<T> allItems() {
        List<T> all = new ArrayList<>();
        for (List<T> batch : batches) {
            all.addAll(batch);
        }
        return all;
    }

    void awaitCalls(int count) {
        await(() -> calls() >= count, "export calls >= " + count + ", got " + calls());
    }

    /** Polls {@code condition} every millisecond for up to 10 s. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
