package io.lowalloc.otel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.testing.Await;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent extension, tested with the real OpenTelemetry Java agent: a small application JVM with
 * {@code -javaagent:} the agent jar and {@code -Dotel.javaagent.extensions=} this module's
 * {@code agent-extension} jar records spans through the OpenTelemetry API; the test's loopback
 * OTLP/HTTP receiver decodes what arrives. Run by failsafe after {@code package}, which builds the
 * extension jar; Maven copies the agent ({@code lowalloc.agent.version}) next to it.
 */
class AgentExtensionIT {

    private static final int SPANS = 40;

    private OtlpReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new OtlpReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the failsafe configuration)", property).isNotBlank();
        Path path = Paths.get(value);
        assertThat(path).as(property).isRegularFile();
        return path;
    }

    /** The application's class path: the OpenTelemetry API and this module's test classes only. */
    private static String applicationClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Paths.get(entry).getFileName().toString();
            if (file.startsWith("opentelemetry-api-") || file.startsWith("opentelemetry-context-")
                    || entry.endsWith("test-classes")) {
                entries.add(entry);
            }
        }
        assertThat(entries).hasSize(3);
        return String.join(File.pathSeparator, entries);
    }

    private String runApplication(boolean enabled) throws Exception {
        Path output = Files.createTempFile("agent-app", ".log");
        try {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx128m");
            command.add("-javaagent:" + jar("lowalloc.agent.jar"));
            command.add("-Dotel.javaagent.extensions=" + jar("lowalloc.extension.jar"));
            command.add("-D" + LowallocAutoConfigurationCustomizerProvider.ENABLED_KEY + "=" + enabled);
            command.add("-Dotel.service.name=agent-extension-it");
            command.add("-Dotel.traces.exporter=otlp");
            command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
            command.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.endpoint());
            command.add("-Dotel.metrics.exporter=none");
            command.add("-Dotel.logs.exporter=none");
            command.add("-Dotel.bsp.schedule.delay=100ms");
            command.add("-cp");
            command.add(applicationClassPath());
            command.add(AgentApplication.class.getName());
            command.add(String.valueOf(SPANS));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as("application exited within 120 s; output:%n%s", log).isTrue();
            assertThat(process.exitValue()).as("exit code; output:%n%s", log).isZero();
            return log;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String resourceAttribute(io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest r,
            String key) {
        for (KeyValue kv : r.getResourceSpans(0).getResource().getAttributesList()) {
            if (kv.getKey().equals(key)) {
                return kv.getValue().getStringValue();
            }
        }
        return null;
    }

    @Test
    void switchedOnTheAgentsBatchSpanProcessorIsOursAndEverySpanArrives() throws Exception {
        String log = runApplication(true);

        assertThat(log).as("application output").contains("lowalloc-stats offered=" + SPANS + " exported=" + SPANS);
        Await.until(() -> receiver.spans.size() == SPANS, () -> receiver.spans.size() + " of " + SPANS + " spans");
        assertThat(receiver.spans).extracting(Span::getName)
                .containsExactlyInAnyOrderElementsOf(names());
        // Which agent and SDK produced them (telemetry.distro.version is the agent's).
        var request = receiver.requests.get(0);
        assertThat(resourceAttribute(request, "telemetry.distro.version"))
                .isEqualTo(System.getProperty("lowalloc.agent.version"));
        System.out.println("agent " + resourceAttribute(request, "telemetry.distro.version")
                + ", bundled SDK " + resourceAttribute(request, "telemetry.sdk.version"));
        assertThat(log).doesNotContain("Exception").doesNotContain("ERROR");
    }

    @Test
    void switchedOffTheAgentKeepsItsOwnProcessor() throws Exception {
        String log = runApplication(false);

        assertThat(log).contains("no-lowalloc-mbean");
        Await.until(() -> receiver.spans.size() == SPANS, () -> receiver.spans.size() + " of " + SPANS + " spans");
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < SPANS; i++) {
            names.add("agent-span-" + i);
        }
        return names.stream().collect(Collectors.toList());
    }
}
