package io.lowalloc.otlp;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the exporter's OpenTelemetry configuration keys into a {@link NativeOtlpHttpExporter.Builder}:
 * each key as a system property ({@code otel.exporter.otlp.traces.endpoint}) or an environment
 * variable ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), the property winning, and a
 * {@code traces}-specific key winning over the generic one, as in OpenTelemetry Java. Bad values
 * throw {@link IllegalArgumentException} naming the key and the value.
 */
final class OtlpConfigKeys {

    private static final String TRACES_PATH = "/v1/traces";

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    OtlpConfigKeys(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** A value with the key it was read from (for error messages). */
    private record Setting(String key, String value) {
    }

    /** Reads {@code otel.<dotted>}: the system property, else the environment variable. */
    private Setting lookup(String dotted) {
        String value = properties.apply(dotted);
        if (value != null && !value.isBlank()) {
            return new Setting(dotted, value.trim());
        }
        String env = dotted.toUpperCase(Locale.ROOT).replace('.', '_');
        value = environment.apply(env);
        if (value != null && !value.isBlank()) {
            return new Setting(env, value.trim());
        }
        return null;
    }

    /** The traces-specific key if set, else the generic one. */
    private Setting signal(String suffix) {
        Setting specific = lookup("otel.exporter.otlp.traces." + suffix);
        return specific != null ? specific : lookup("otel.exporter.otlp." + suffix);
    }

    void applyTo(NativeOtlpHttpExporter.Builder builder) {
        Setting protocol = signal("protocol");
        if (protocol != null && !protocol.value().equals("http/protobuf")) {
            throw bad(protocol, "http/protobuf (this exporter speaks OTLP/HTTP with protobuf bodies)");
        }
        Setting endpoint = lookup("otel.exporter.otlp.traces.endpoint");
        if (endpoint != null) {
            builder.setEndpoint(endpoint(endpoint, endpoint.value()));
        } else {
            Setting generic = lookup("otel.exporter.otlp.endpoint");
            if (generic != null) {
                String base = generic.value();
                builder.setEndpoint(endpoint(generic, (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                        + TRACES_PATH));
            }
        }
        Setting headers = signal("headers");
        if (headers != null) {
            parseList(headers).forEach(builder::addHeader);
        }
        Setting compression = signal("compression");
        if (compression != null) {
            try {
                builder.setCompression(Compression.of(compression.value()));
            } catch (IllegalArgumentException e) {
                throw bad(compression, "none or gzip");
            }
        }
        Setting timeout = signal("timeout");
        if (timeout != null) {
            builder.setTimeout(duration(timeout));
        }
        Setting certificate = signal("certificate");
        if (certificate != null) {
            builder.setTrustedCertificates(Path.of(certificate.value()));
        }
        Setting attributes = lookup("otel.resource.attributes");
        Setting serviceName = lookup("otel.service.name");
        if (attributes != null || serviceName != null) {
            OtlpResource.Builder resource = OtlpResource.builder()
                    .serviceName(NativeOtlpHttpExporter.DEFAULT_SERVICE_NAME);
            if (attributes != null) {
                parseList(attributes).forEach(resource::put);
            }
            if (serviceName != null) {
                resource.serviceName(serviceName.value());
            }
            builder.setResource(resource.build());
        }
    }

    private static String endpoint(Setting setting, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                throw bad(setting, "an http:// or https:// URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw bad(setting, "an http:// or https:// URL with a host");
        }
    }

    /** Milliseconds as a plain number, or a number with ms, s, m or h (OpenTelemetry's duration form). */
    private static Duration duration(Setting setting) {
        String value = setting.value().toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 18) {
            throw bad(setting, "a non-negative number of milliseconds, or a number with ms, s, m or h");
        }
        long amount = Long.parseLong(value.substring(0, digits));
        String unit = value.substring(digits).trim();
        return switch (unit) {
            case "", "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw bad(setting, "a non-negative number of milliseconds, or a number with ms, s, m or h");
        };
    }

    /** A W3C-baggage-like list {@code k=v,k2=v2}, keys and values percent-decoded. */
    private static Map<String, String> parseList(Setting setting) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String member : setting.value().split(",", -1)) {
            String trimmed = member.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw bad(setting, "a list of key=value pairs separated by commas");
            }
            String key = decode(setting, trimmed.substring(0, eq).trim());
            String value = decode(setting, trimmed.substring(eq + 1).trim());
            if (key.isEmpty()) {
                throw bad(setting, "a list of key=value pairs separated by commas");
            }
            result.put(key, value);
        }
        return result;
    }

    private static String decode(Setting setting, String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(raw[i + 2], 16) : -1;
            if (low < 0) {
                throw bad(setting, "percent-encoded text (% followed by two hex digits)");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException bad(Setting setting, String expected) {
        return new IllegalArgumentException(setting.key() + " must be " + expected + ", got '" + setting.value() + "'");
    }
}
