package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenTelemetry's configuration keys, read through injected lookups instead of the real environment. */
class OtlpConfigKeysTest {

    private static NativeOtlpHttpExporter.Builder configure(Map<String, String> properties, Map<String, String> env) {
        return NativeOtlpHttpExporter.configure(properties::get, env::get);
    }

    @Test
    void nothingSetKeepsOpenTelemetrysDefaults() {
        NativeOtlpHttpExporter.Builder builder = configure(Map.of(), Map.of());
        assertThat(builder.endpoint()).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(builder.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(builder.compression()).isEqualTo(Compression.NONE);
        assertThat(builder.headers()).isEmpty();
        assertThat(builder.resource().serviceName()).isEqualTo("unknown_service:java");
    }

    @Test
    void theGenericEndpointGetsTheTracesPathAndTheTracesEndpointIsUsedAsIs() {
        assertThat(configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")).endpoint())
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4318/")).endpoint())
                .isEqualTo("https://collector:4318/v1/traces");
        assertThat(configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:1",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:2/custom")).endpoint()).isEqualTo("http://b:2/custom");
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        NativeOtlpHttpExporter.Builder builder = configure(
                Map.of("otel.exporter.otlp.traces.endpoint", "http://prop:1/v1/traces",
                        "otel.exporter.otlp.compression", "gzip",
                        "otel.service.name", "from-property"),
                Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://env:2/v1/traces",
                        "OTEL_EXPORTER_OTLP_COMPRESSION", "none",
                        "OTEL_SERVICE_NAME", "from-env"));
        assertThat(builder.endpoint()).isEqualTo("http://prop:1/v1/traces");
        assertThat(builder.compression()).isEqualTo(Compression.GZIP);
        assertThat(builder.resource().serviceName()).isEqualTo("from-property");
    }

    @Test
    void aTracesKeyWinsOverTheGenericOne() {
        NativeOtlpHttpExporter.Builder builder = configure(Map.of("otel.exporter.otlp.timeout", "1000"),
                Map.of("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "2500", "OTEL_EXPORTER_OTLP_HEADERS", "a=1",
                        "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2"));
        assertThat(builder.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(builder.headers()).containsExactly(Map.entry("b", "2"));
    }

    @Test
    void headersArePercentDecodedKeyValuePairs() {
        NativeOtlpHttpExporter.Builder builder = configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_HEADERS",
                "api-key=s3cr%3Dt%2C1 , x-tenant = acme%20corp,,"));
        assertThat(builder.headers()).containsExactly(Map.entry("api-key", "s3cr=t,1"), Map.entry("x-tenant", "acme corp"));
    }

    @Test
    void timeoutsTakeMillisecondsOrAUnit() {
        assertThat(configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "500")).timeout())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "3s")).timeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theResourceComesFromResourceAttributesAndServiceName() {
        NativeOtlpHttpExporter.Builder builder = configure(Map.of(), Map.of(
                "OTEL_RESOURCE_ATTRIBUTES", "service.name=ignored,deployment.environment=prod,team=a%2Fb",
                "OTEL_SERVICE_NAME", "checkout"));
        assertThat(builder.resource().attributes()).containsExactly(Map.entry("deployment.environment", "prod"),
                Map.entry("service.name", "checkout"), Map.entry("team", "a/b"));
        assertThat(configure(Map.of(), Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=billing")).resource()
                .serviceName()).isEqualTo("billing");
    }

    @Test
    void theCertificateKeyNamesAPemFile() {
        assertThat(configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_CERTIFICATE", "/etc/ssl/collector.pem"))
                .trustedCertificates()).isEqualTo(Path.of("/etc/ssl/collector.pem"));
    }

    @Test
    void badValuesThrowNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT").hasMessageContaining("'collector:4318'");
        assertThatThrownBy(() -> configure(Map.of("otel.exporter.otlp.traces.endpoint", "http://bad host/"), Map.of()))
                .hasMessageContaining("otel.exporter.otlp.traces.endpoint").hasMessageContaining("'http://bad host/'");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_COMPRESSION").hasMessageContaining("'zstd'")
                .hasMessageContaining("none or gzip");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "-5")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_TIMEOUT").hasMessageContaining("'-5'");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "10 fortnights")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_TIMEOUT");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_HEADERS", "novalue")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS").hasMessageContaining("'novalue'");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_HEADERS", "k=%zz")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS").hasMessageContaining("'k=%zz'");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")))
                .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL").hasMessageContaining("'grpc'");
        assertThatThrownBy(() -> configure(Map.of(), Map.of("OTEL_EXPORTER_OTLP_HEADERS", "bad name=v")))
                .hasMessageContaining("bad name");
    }

    @Test
    void builderSettersValidate() {
        NativeOtlpHttpExporter.Builder builder = NativeOtlpHttpExporter.builder();
        assertThatThrownBy(() -> builder.setEndpoint("ftp://x/")).hasMessageContaining("'ftp://x/'");
        assertThatThrownBy(() -> builder.setTimeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> builder.setTimeout(Duration.ofMillis(-1))).hasMessageContaining("timeout");
        assertThatThrownBy(() -> builder.setMaxRequestBytes(10)).hasMessageContaining("maxRequestBytes");
        assertThatThrownBy(() -> builder.addHeader("x", "a\r\nInjected: 1")).hasMessageContaining("control");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(1), 1.5))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("backoffMultiplier");
        assertThatThrownBy(() -> NativeOtlpHttpExporter.builder().setEndpoint("https://localhost:1/v1/traces")
                .setTrustedCertificates(Path.of("/nonexistent/ca.pem")).build())
                .hasMessageContaining("/nonexistent/ca.pem");
    }
}
