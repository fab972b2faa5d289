package io.lowalloc.benchmarks.span;

/**
 * One way of recording the {@link SpanShape} span and exporting it to a
 * {@link ReadingSpanExporter}, as used by the table 2 benchmark and the GC-pause load test.
 * {@link #recordSpan(long)} is thread-safe.
 */
public interface SpanPipeline extends AutoCloseable {

    /**
     * Records one span: start, 8 attributes, end (which hands it to the processor).
     *
     * @param n the span's sequence number, from which the varying attribute values derive
     */
    void recordSpan(long n);

    /**
     * Waits until every span ended so far is exported (or dropped).
     *
     * @return whether the flush completed in time
     */
    boolean flush();

    /**
     * Returns the exporter at the end of the pipeline, which counts what it receives.
     *
     * @return the exporter, the same for the pipeline's life
     */
    ReadingSpanExporter exporter();

    /**
     * Returns how many spans the exporter has received.
     *
     * @return the exported span count
     */
    default long exportedSpans() {
        return exporter().exportedSpans();
    }

    /**
     * Returns how many export calls the exporter has received.
     *
     * @return the export call count
     */
    default long exportCalls() {
        return exporter().exportCalls();
    }

    /**
     * Returns how many spans the pipeline's pool has created so far, for the pipelines that pool
     * (a count that stops growing once the pool holds the workload's peak).
     *
     * @return the count, or -1 for a pipeline without a pool (the SDK's)
     */
    default long pooledSpansCreated() {
        return -1;
    }

    /**
     * Returns how many idle spans the pipeline's pool holds now.
     *
     * @return the count, or -1 for a pipeline without a pool (the SDK's)
     */
    default long pooledSpansIdle() {
        return -1;
    }

    /** Flushes and shuts the pipeline down. */
    @Override
    void close();
}
