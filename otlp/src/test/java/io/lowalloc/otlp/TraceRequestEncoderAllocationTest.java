package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.gc.AllocationMeter;
import io.lowalloc.core.span.SpanData;
import io.lowalloc.core.span.SpanLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder's share of the zero-allocation contract: encoding 512-span batches again and again
 * allocates nothing once its size queue and the buffer have reached the batch's size, measured
 * with {@link AllocationMeter#bytesPerOp} (least of up to 3 rounds after warm-up). The batch mixes
 * typical spans with all of the every-field spans, so every attribute type, events, links, trace
 * states of spans and links, non-ASCII strings and surrogate pairs are on the measured path.
 */
class TraceRequestEncoderAllocationTest {

    private static final int BATCH = 512;
    private static final long WARM_UP_BATCHES = 3_000;
    private static final long BATCHES = 500;

    private final AllocationMeter meter = AllocationMeter.create();
    private final TraceRequestEncoder encoder = new TraceRequestEncoder(
            OtlpResource.builder().serviceName("allocation").put("host.cpus", 2L).build(), "io.lowalloc.test", "1.0");
    private final ProtoBuffer out = new ProtoBuffer(0);

    private static List<SpanData> batch() {
        List<SpanData> batch = new ArrayList<>(BATCH);
        List<SpanData> everyField = EncoderSpans.everyField();
        for (int i = 0; i < BATCH; i++) {
            // Every 16th slot: 32 slots, so each every-field span (fewer than 32) is in the batch.
            batch.add(i % 16 == 0
                    ? everyField.get((i / 16) % everyField.size())
                    : EncoderSpans.typical(SpanData.create(SpanLimits.defaults()), i));
        }
        return batch;
    }

    private double bytesPerBatch(String what, List<SpanData> batch, int maxRequestBytes) {
        double perBatch = meter.bytesPerOp(WARM_UP_BATCHES, BATCHES, n -> {
            long written = 0;
            for (int from = 0; from < batch.size(); ) {
                from += encoder.encode(batch, from, maxRequestBytes, out);
                written += out.length();
            }
            return written;
        });
        System.out.printf("[allocation] %s: %.3f B per %d-span batch over %,d batches%n",
                what, perBatch, BATCH, BATCHES);
        return perBatch;
    }

    @Test
    void encodingA512SpanBatchAllocatesNothing() {
        double perBatch = bytesPerBatch("encode, one request", batch(), TraceRequestEncoder.DEFAULT_MAX_REQUEST_BYTES);

        assertThat(perBatch).isZero();
    }

    @Test
    void encodingA512SpanBatchSplitIntoRequestsAllocatesNothing() {
        double perBatch = bytesPerBatch("encode, split at 16 KiB", batch(), 16 * 1024);

        assertThat(perBatch).isZero();
    }
}
