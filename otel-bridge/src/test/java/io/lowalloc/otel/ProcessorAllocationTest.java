package io.lowalloc.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bytes allocated per span, summed over all threads (the application thread ending spans and the
 * processor's worker), by an SDK tracer with {@link PooledBatchSpanProcessor} versus with
 * OpenTelemetry's {@code BatchSpanProcessor}, on the same workload (8 attributes, no-op exporter;
 * see {@link ProcessorAllocationWorkload}). Each is measured in its own fresh JVM.
 */
class ProcessorAllocationTest {

    private static final Pattern RESULT = Pattern.compile("bytesPerSpan=([0-9.Ee+-]+)");

    @Test
    void pooledProcessorAllocatesLessPerSpanThanBatchSpanProcessor() throws Exception {
        double floor = bytesPerSpan("floor");
        double stock = bytesPerSpan("stock");
        double pooled = bytesPerSpan("pooled");

        System.out.printf("bytes/span, all threads: SDK tracer alone (span escapes) %.1f,"
                + " + BatchSpanProcessor %.1f, + PooledBatchSpanProcessor %.1f%n", floor, stock, pooled);
        assertThat(stock).as("the stock processor's own allocation is visible").isGreaterThan(floor);
        assertThat(pooled).as("pooled %.1f vs stock %.1f bytes/span", pooled, stock).isLessThan(stock);
    }

    private static double bytesPerSpan(String mode) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-Xms256m", "-Xmx256m", "-cp", classPath,
                ProcessorAllocationWorkload.class.getName(), mode))
                .redirectErrorStream(true)
                .start();
        String output = readAll(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("workload %s finished", mode).isTrue();
        assertThat(process.exitValue()).as("workload %s exit code; output:%n%s", mode, output).isZero();
        Matcher matcher = RESULT.matcher(output);
        assertThat(matcher.find()).as("workload %s printed a result:%n%s", mode, output).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
