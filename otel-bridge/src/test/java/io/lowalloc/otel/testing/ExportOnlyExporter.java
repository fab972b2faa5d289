package io.lowalloc.otel.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * A {@code SpanExporter} a test writes as its {@code export} alone, as a lambda or a class:
 * {@code flush} and {@code shutdown} succeed at once and do nothing. Unlike
 * {@link ScriptedExporter} it records nothing and does not copy the spans, so the export sees the
 * collection and the views exactly as the caller passed them, and it allocates nothing beyond what
 * {@code export} does. Thread-safety is that of {@code export}.
 */
@FunctionalInterface
public interface ExportOnlyExporter extends SpanExporter {

    /**
     * Exports one batch.
     *
     * @param spans the batch as the caller passed it
     * @return the export's result
     */
    @Override
    CompletableResultCode export(Collection<SpanData> spans);

    /**
     * Succeeds at once.
     *
     * @return a successful result
     */
    @Override
    default CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    /**
     * Succeeds at once.
     *
     * @return a successful result
     */
    @Override
    default CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
