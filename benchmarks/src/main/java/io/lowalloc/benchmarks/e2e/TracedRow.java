package io.lowalloc.benchmarks.e2e;

/**
 * One row of the end-to-end tables, opened against the sink: a way of recording the table 2 span
 * ({@code io.lowalloc.benchmarks.span.SpanShape}) and exporting it over OTLP/HTTP, or recording
 * nothing (the row that measures the harness's own loop). {@link #record(long)} is called from one
 * producer thread; the counters may be read from any thread.
 */
public interface TracedRow extends AutoCloseable {

    /**
     * Records span number {@code n}: start, 8 attributes, end.
     *
     * @param n the span's sequence number, from which the varying attribute values derive
     */
    void record(long n);

    /**
     * Waits until every span recorded so far has been exported or dropped.
     *
     * @return whether that happened within the row's own flush timeout
     */
    boolean flush();

    /**
     * Returns how many spans the exporter has been told the sink accepted (export calls completed
     * successfully), counted at the exporter, not at the sink.
     *
     * @return the exported span count, 0 for a row that exports nothing
     */
    long exportedSpans();

    /**
     * Returns how many spans were given to the exporter in export calls that failed.
     *
     * @return the failed span count
     */
    long failedSpans();

    /**
     * Says whether the row's exports go to the sink (so that the sink's count must equal
     * {@link #exportedSpans()}), or stay in-process (a no-op exporter reading every field).
     *
     * @return true for a row exporting over OTLP/HTTP; the default
     */
    default boolean exportsToSink() {
        return true;
    }

    /** Flushes, then shuts the row down, its exporter included. */
    @Override
    void close();
}
