package io.lowalloc.benchmarks.e2e;

/**
 * Makes a {@link TracedRow} that exports to a given OTLP/HTTP traces endpoint. Implementations
 * need a public no-argument constructor when named by class on the command line (see
 * {@link E2eRows#create(String)}).
 */
public interface RowFactory {

    /**
     * Opens the row.
     *
     * @param endpoint the sink's traces URL, e.g. {@code http://127.0.0.1:4318/v1/traces}
     * @return a new row, to be closed by the caller
     */
    TracedRow open(String endpoint);
}
