package io.lowalloc.benchmarks.batch;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import java.util.List;

/**
 * A no-op exporter: reads every item of the batch (so the batch is really handed over), counts the
 * call and reports success at once. Called only by the buffer's exporter thread, one call at a time.
 */
public final class CountingExporter implements BatchExporter<Item> {

    private volatile long checksum;

    @Override
    public void export(List<Item> batch, ExportCompletion completion) {
        long sum = 0;
        for (int i = 0, n = batch.size(); i < n; i++) {
            sum += batch.get(i).value();
        }
        // A volatile write per call keeps the reads alive without a per-item cost.
        checksum = sum;
        completion.success();
    }

    /**
     * Returns what the last call read, so that nothing is dead code.
     *
     * @return the sum of the last batch's values
     */
    public long checksum() {
        return checksum;
    }
}
