package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.batch.FullQueuePolicy;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.otel.testing.ExportOnlyExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reliability issue's scenario through a real pipeline: 6,000 spans, one per export, and an
 * exporter that keeps each export's first {@code SpanData} and its {@code Attributes} and reads
 * them late — at the start of the next export, whose views reuse the same pooled objects, and
 * once more after the final flush. Every one of the 6,000 late span reads and 6,000 late
 * attribute reads must throw, none may return another span's data.
 */
class LateViewReadStressTest {

    private static final int SPANS = 6_000;
    private static final AttributeKey<Long> SEQ = AttributeKey.longKey("seq");

    /** Keeps the last export's span and attributes, reads them late and tallies the outcome. */
    static final class KeepingExporter implements ExportOnlyExporter {

        final Tally spanReads = new Tally();
        final Tally attributeReads = new Tally();
        private io.opentelemetry.sdk.trace.data.SpanData keptSpan;
        private Attributes keptAttributes;
        private String keptName;
        private long keptSeq;

        @Override
        public CompletableResultCode export(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
            readLate();
            io.opentelemetry.sdk.trace.data.SpanData span = spans.iterator().next();
            keptSpan = span;
            keptName = span.getName();
            keptAttributes = span.getAttributes();
            keptSeq = keptAttributes.get(SEQ);
            return CompletableResultCode.ofSuccess();
        }

        /** Reads what the previous export kept, if any; called by the worker or after the flush. */
        void readLate() {
            if (keptSpan == null) {
                return;
            }
            try {
                spanReads.record(keptName.equals(keptSpan.getName()));
            } catch (IllegalStateException e) {
                spanReads.thrown(e);
            }
            try {
                Long seq = keptAttributes.get(SEQ);
                attributeReads.record(seq != null && seq == keptSeq);
            } catch (IllegalStateException e) {
                attributeReads.thrown(e);
            }
            keptSpan = null;
        }
    }

    /** Outcomes of late reads of one kind. */
    static final class Tally {
        int threwNamingCopyMode;
        int threwOtherwise;
        int returnedOwnData;
        int returnedOtherData;

        void record(boolean ownData) {
            if (ownData) {
                returnedOwnData++;
            } else {
                returnedOtherData++;
            }
        }

        void thrown(IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("copy mode")) {
                threwNamingCopyMode++;
            } else {
                threwOtherwise++;
            }
        }

        @Override
        public String toString() {
            return "threw naming copy mode " + threwNamingCopyMode + ", threw otherwise " + threwOtherwise
                    + ", returned its own span's data " + returnedOwnData + ", returned another span's data "
                    + returnedOtherData;
        }
    }

    @Test
    void everyLateReadOfSixThousandThrowsAndNoneShowsAnotherSpan() {
        KeepingExporter exporter = new KeepingExporter();
        try (PooledSpanPipeline pipeline = PooledSpanPipeline.builder(exporter)
                .setMaxExportBatchSize(1)
                .setFullQueuePolicy(FullQueuePolicy.BLOCK)
                .setMaxBlockTime(1, TimeUnit.MINUTES)
                .setPoolCapacity(4)
                .build()) {
            for (int i = 0; i < SPANS; i++) {
                SpanData span = pipeline.startSpan("span-" + i, SpanKind.INTERNAL);
                span.put("seq", (long) i);
                pipeline.end(span);
            }
            assertThat(pipeline.flush(1, TimeUnit.MINUTES)).isTrue();
            assertThat(pipeline.stats().batch().exported()).isEqualTo(SPANS);
        }
        exporter.readLate();

        String none = "threw naming copy mode 6000, threw otherwise 0, returned its own span's data 0,"
                + " returned another span's data 0";
        assertThat("late span reads: " + exporter.spanReads + "; late attribute reads: " + exporter.attributeReads)
                .isEqualTo("late span reads: " + none + "; late attribute reads: " + none);
    }
}
