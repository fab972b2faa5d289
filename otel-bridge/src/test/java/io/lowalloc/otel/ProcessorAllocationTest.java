package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.ForkedJvm;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bytes allocated per span, summed over all threads (the application thread ending spans and the
 * processor's worker), by an SDK tracer with {@link BoundedBatchSpanProcessor} versus with
 * OpenTelemetry's {@code BatchSpanProcessor}, on the same workload (8 attributes, no-op exporter;
 * see {@link ProcessorAllocationWorkload}). Each is measured in its own fresh JVM
 * ({@link ForkedJvm}).
 */
class ProcessorAllocationTest {

    private static final Pattern RESULT = Pattern.compile("bytesPerSpan=([0-9.Ee+-]+)");

    @Test
    void pooledProcessorAllocatesLessPerSpanThanBatchSpanProcessor() throws Exception {
        double floor = bytesPerSpan("floor");
        double stock = bytesPerSpan("stock");
        double pooled = bytesPerSpan("pooled");

        System.out.printf("bytes/span, all threads: SDK tracer alone (span escapes) %.1f,"
                + " + BatchSpanProcessor %.1f, + BoundedBatchSpanProcessor %.1f%n", floor, stock, pooled);
        assertThat(stock).as("the stock processor's own allocation is visible").isGreaterThan(floor);
        assertThat(pooled).as("pooled %.1f vs stock %.1f bytes/span", pooled, stock).isLessThan(stock);
    }

    private static double bytesPerSpan(String mode) throws IOException, InterruptedException {
        ForkedJvm.Result result = ForkedJvm.of(ProcessorAllocationWorkload.class)
                .jvmOptions("-Xms256m", "-Xmx256m")
                .timeoutSeconds(120)
                .run(mode)
                .assertSucceeded();
        Matcher matcher = RESULT.matcher(result.output());
        assertThat(matcher.find()).as("workload %s printed a result:%n%s", mode, result.output()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
