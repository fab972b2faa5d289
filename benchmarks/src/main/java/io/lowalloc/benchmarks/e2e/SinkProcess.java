package io.lowalloc.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OtlpSink} running in its own JVM, started by a harness and shared by all its runs.
 * {@link #close()} closes the sink's standard input, which makes it print its final stats and exit.
 * Not thread-safe.
 */
final class SinkProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;
    private final int port;
    private SinkStats finalStats;

    private SinkProcess(Process process, BufferedReader output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts the sink with {@code jvmOptions} and waits until it listens. */
    static SinkProcess start(List<String> jvmOptions) throws IOException {
        Process process = new ProcessBuilder(Jvm.command(jvmOptions, OtlpSink.class, List.of()))
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = output.readLine()) != null;) {
            if (line.startsWith(OtlpSink.LISTENING_PREFIX)) {
                int port = Integer.parseInt(line.substring(OtlpSink.LISTENING_PREFIX.length()).trim());
                return new SinkProcess(process, output, port);
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IOException("the OTLP sink exited before listening; output:\n" + seen);
    }

    /** The sink's port on {@code 127.0.0.1}. */
    int port() {
        return port;
    }

    /** The traces endpoint, as an OTLP/HTTP exporter is configured with it. */
    String endpoint() {
        return "http://127.0.0.1:" + port + OtlpSink.TRACES_PATH;
    }

    /** The totals the sink printed when it stopped; null before {@link #close()}. */
    SinkStats finalStats() {
        return finalStats;
    }

    @Override
    public void close() throws IOException {
        if (finalStats != null) {
            return;
        }
        process.getOutputStream().close();
        for (String line; (line = output.readLine()) != null;) {
            if (line.startsWith(OtlpSink.FINAL_PREFIX)) {
                finalStats = SinkStats.parse(line.substring(OtlpSink.FINAL_PREFIX.length()));
            }
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
