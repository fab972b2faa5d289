package io.lowalloc.otlp;

import io.lowalloc.core.batch.BatchExporter;
import io.lowalloc.core.batch.ExportCompletion;
import io.lowalloc.core.span.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A core {@link BatchExporter} of {@link SpanData} that encodes each batch straight into an OTLP
 * {@code ExportTraceServiceRequest} (protobuf) and POSTs it over HTTP/1.1 to an OTLP/HTTP receiver
 * ({@code /v1/traces}), with no OpenTelemetry classes at run time.
 *
 * <pre>{@code
 * SpanRecorder recorder = SpanRecorder.create(NativeOtlpHttpExporter.fromEnvironment());
 * }</pre>
 *
 * <p><b>Export.</b> A batch is encoded into a reused buffer, split into several requests when its
 * encoding would exceed {@link Builder#setMaxRequestBytes(int) the maximum request size}. Once the
 * last request of the batch is encoded the exporter signals {@link ExportCompletion#released()}:
 * the spans go back to the pool while the bytes carry the delivery and its retries, and the
 * recorder counts the spans exported or failed when the server's answer (or the last retry) is
 * known. Spans the server rejects in a {@code partial_success} count as failed
 * ({@link ExportCompletion#partialSuccess}), and so do the spans of a request that could not be
 * delivered and of the batch's requests after it. Delivery
 * follows the OTLP/HTTP rules: see {@link RetryPolicy}; a status other than 2xx, 429, 502, 503 or
 * 504 fails at once, logged (rate-limited) with the status and the server's {@code google.rpc.Status}
 * message. Every request of a batch, with its retries and waits, ends within
 * {@link Builder#setTimeout(Duration) the timeout}, counted from the start of the export; give the
 * recorder an export timeout at least as long, so that its timeout does not cut the delivery short.
 *
 * <p><b>Connection.</b> One persistent (keep-alive) connection, opened on the first export and
 * reopened after the server closes it or a failure; a connection whose response was late or
 * incomplete is closed, never reused. {@code https} endpoints use the JDK's TLS, trusting the JDK's
 * default trust store or the certificates of {@link Builder#setTrustedCertificates(Path)}.
 * {@link #shutdown} closes the connection and ends an export in progress (including a backoff wait)
 * as a failure.
 *
 * <p><b>Threads.</b> The recorder calls {@link #export} from one thread at a time (this exporter
 * does not {@linkplain #supportsConcurrentExport() support concurrent exports}); {@link #shutdown}
 * may run concurrently with a stuck export. Building the exporter does no I/O.
 *
 * <p><b>Allocation.</b> In steady state (buffers grown to the largest batch, connection open) an
 * export over plain HTTP, with or without gzip, allocates a small constant number of objects, in
 * the JDK's socket streams; none per span. Over TLS the JDK's {@code SSLSocket} adds its own
 * per-write and per-read objects (see the project's benchmark notes for the measured figure).
 * Opening a connection, a failure and a logged line allocate.
 */
public final class NativeOtlpHttpExporter implements BatchExporter<SpanData> {

    /** Default endpoint, as in OpenTelemetry Java: {@value}. */
    public static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/traces";
    /** Default timeout of one export, in milliseconds, as in OpenTelemetry Java: {@value}. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000L;
    /** Default connect timeout, in milliseconds, as in OpenTelemetry Java: {@value}. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000L;
    /**
     * Default largest request body before a batch is split, in bytes: {@value} (4 MiB), the
     * smallest of the OpenTelemetry Collector's OTLP receiver limits (gRPC 4 MiB, HTTP 20 MiB).
     */
    public static final int DEFAULT_MAX_REQUEST_BYTES = TraceRequestEncoder.DEFAULT_MAX_REQUEST_BYTES;
    /** Default {@code service.name} of the resource, OpenTelemetry's for an unnamed Java service: {@value}. */
    public static final String DEFAULT_SERVICE_NAME = "unknown_service:java";
    /** Default instrumentation scope name: {@value}. */
    public static final String DEFAULT_SCOPE_NAME = "io.lowalloc";

    private final RequestEncoding encoding;
    private final OtlpHttpSender sender;
    private final long timeoutNanos;
    private final int maxRequestBytes;
    private volatile boolean shut;

    NativeOtlpHttpExporter(RequestEncoding encoding, OtlpHttpSender sender, long timeoutNanos, int maxRequestBytes) {
        this.encoding = encoding;
        this.sender = sender;
        this.timeoutNanos = timeoutNanos;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * The encoder behind the exporter: fills its buffer with one request from the batch's spans
     * starting at {@code from}. Package-private so tests can script it.
     */
    interface RequestEncoding {

        /**
         * Encodes one request.
         *
         * @param batch the batch
         * @param from the first span to encode
         * @param maxRequestBytes the largest request size
         * @return how many spans the request holds, at least 1 while spans remain
         */
        int encode(List<? extends SpanData> batch, int from, int maxRequestBytes);

        /** {@return the array holding the request from index 0} */
        byte[] array();

        /** {@return the request's length} */
        int length();
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates an exporter from the system properties and environment variables OpenTelemetry Java
     * reads; see {@link #fromConfig(Function, Function)}.
     *
     * @return the exporter
     * @throws IllegalArgumentException naming the key and the value of a bad setting
     */
    public static NativeOtlpHttpExporter fromEnvironment() {
        return fromConfig(System::getProperty, System::getenv);
    }

    /**
     * Creates an exporter from OpenTelemetry's configuration keys, read through the two lookups:
     * {@code otel.exporter.otlp.traces.endpoint} (used as is), else
     * {@code otel.exporter.otlp.endpoint} (with {@code /v1/traces} appended);
     * {@code otel.exporter.otlp[.traces].headers} ({@code k=v,k2=v2}, percent-decoded),
     * {@code .compression} ({@code none}, {@code gzip}), {@code .timeout} (milliseconds, or a
     * number with {@code ms}, {@code s}, {@code m}, {@code h}), {@code .certificate} (a PEM file of
     * trusted X.509 certificates), {@code .protocol} (only {@code http/protobuf});
     * {@code otel.service.name} and {@code otel.resource.attributes} for the resource. Each key is
     * looked up as a system property first, then as an environment variable
     * ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} and so on); a {@code traces} key wins over the
     * generic one. Unset keys keep the builder's defaults.
     *
     * @param properties looks up system properties by their dotted name; returns null if unset
     * @param environment looks up environment variables by name; returns null if unset
     * @return the exporter
     * @throws IllegalArgumentException naming the key and the value of a bad setting
     */
    public static NativeOtlpHttpExporter fromConfig(Function<String, String> properties,
            Function<String, String> environment) {
        return configure(properties, environment).build();
    }

    /**
     * Returns a builder preset from OpenTelemetry's configuration keys, as
     * {@link #fromConfig(Function, Function)} reads them, for further settings in code.
     *
     * @param properties looks up system properties by their dotted name; returns null if unset
     * @param environment looks up environment variables by name; returns null if unset
     * @return the builder
     * @throws IllegalArgumentException naming the key and the value of a bad setting
     */
    public static Builder configure(Function<String, String> properties, Function<String, String> environment) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(environment, "environment");
        Builder builder = builder();
        new OtlpConfigKeys(properties, environment).applyTo(builder);
        return builder;
    }

    /**
     * Encodes and delivers one batch; see the class comment. Never throws; every failure reaches
     * {@code completion}.
     *
     * @param batch the spans, read until the last request is encoded
     * @param completion receives the release and then the result
     */
    @Override
    public void export(List<SpanData> batch, ExportCompletion completion) {
        long deadline = System.nanoTime() + timeoutNanos;
        int size = batch.size();
        if (shut) {
            completion.failure(new IOException("exporter shut down"));
            return;
        }
        long rejected = 0;
        int from = 0;
        while (from < size) {
            int count = encoding.encode(batch, from, maxRequestBytes);
            from += count;
            if (from >= size) {
                // The bytes are all we need from now on: the spans may go back to the pool.
                completion.released();
            }
            long result = sender.send(encoding.array(), encoding.length(), count, deadline);
            if (result == OtlpHttpSender.FAILED) {
                // The requests delivered before this one stay exported; this one and the rest fail.
                rejected += size - (from - count);
                break;
            }
            rejected += result;
        }
        if (rejected >= size) {
            completion.failure(sender.failureCause());
        } else if (rejected > 0) {
            completion.partialSuccess((int) Math.min(size, rejected), sender.failureCause());
        } else {
            completion.success();
        }
    }

    /**
     * Nothing is buffered between exports: signals success at once.
     *
     * @param completion receives the result
     */
    @Override
    public void flush(ExportCompletion completion) {
        completion.success();
    }

    /**
     * Closes the connection; an export in progress fails, later exports fail at once. Any thread,
     * idempotent.
     *
     * @param completion receives the result (always success)
     */
    @Override
    public void shutdown(ExportCompletion completion) {
        shut = true;
        sender.close();
        completion.success();
    }

    /** {@return the sender, for tests} */
    OtlpHttpSender sender() {
        return sender;
    }

    /**
     * Builds a {@link NativeOtlpHttpExporter}; every setter validates at once. Not thread-safe.
     */
    public static final class Builder {

        private String endpoint = DEFAULT_ENDPOINT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Compression compression = Compression.NONE;
        private Duration timeout = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
        private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MILLIS);
        private Path trustedCertificates;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private OtlpResource resource = OtlpResource.builder().serviceName(DEFAULT_SERVICE_NAME).build();
        private String scopeName = DEFAULT_SCOPE_NAME;
        private String scopeVersion = "";
        private RequestEncoding encoding;

        Builder() {
        }

        /**
         * Sets the full URL requests are POSTed to. Default {@value #DEFAULT_ENDPOINT}.
         *
         * @param endpoint an {@code http://} or {@code https://} URL with a host
         * @return this builder
         * @throws IllegalArgumentException naming the value if it is not such a URL
         */
        public Builder setEndpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            try {
                URI uri = new URI(endpoint);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri.getHost() == null || !scheme.equals("http") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("endpoint must be an http:// or https:// URL with a host, got '"
                            + endpoint + "'");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint must be an http:// or https:// URL with a host, got '"
                        + endpoint + "'", e);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Adds a header sent with every request (an API key, say), replacing one of the same name.
         *
         * @param name the header name: an HTTP token
         * @param value the value: no CR, LF or other control characters
         * @return this builder
         * @throws IllegalArgumentException naming the header if the name or the value is invalid
         */
        public Builder addHeader(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
                throw new IllegalArgumentException("header name must be an HTTP token, got '" + name + "'");
            }
            if (!value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
                throw new IllegalArgumentException("header " + name + " has a control character in its value");
            }
            headers.put(name, value);
            return this;
        }

        private static boolean isTokenChar(int c) {
            return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }

        /**
         * Sets the body compression. Default {@link Compression#NONE}.
         *
         * @param compression the compression
         * @return this builder
         */
        public Builder setCompression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * Sets the longest one export may take, all its requests, retries and waits included.
         * Default {@value #DEFAULT_TIMEOUT_MILLIS} ms.
         *
         * @param timeout positive, at most a day
         * @return this builder
         * @throws IllegalArgumentException naming the value if out of range
         */
        public Builder setTimeout(Duration timeout) {
            this.timeout = checkDuration("timeout", timeout);
            return this;
        }

        /**
         * Sets the longest wait for a connection (TCP, and the TLS handshake for {@code https}).
         * Default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS} ms; the export timeout bounds it too.
         *
         * @param connectTimeout positive, at most a day
         * @return this builder
         * @throws IllegalArgumentException naming the value if out of range
         */
        public Builder setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = checkDuration("connectTimeout", connectTimeout);
            return this;
        }

        private static Duration checkDuration(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(name + " must be positive and at most a day, got " + value);
            }
            return value;
        }

        /**
         * Trusts the X.509 certificates of a PEM file for {@code https} endpoints instead of the
         * JDK's default trust store. Read when the exporter is built.
         *
         * @param pemFile the file
         * @return this builder
         */
        public Builder setTrustedCertificates(Path pemFile) {
            this.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /**
         * Sets the largest request body; a batch whose encoding would be larger is sent in several
         * requests. Default {@value #DEFAULT_MAX_REQUEST_BYTES}.
         *
         * @param maxRequestBytes at least 1024
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder setMaxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1024, got " + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /**
         * Sets the retry policy. Default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy; {@link RetryPolicy#none()} disables retries
         * @return this builder
         */
        public Builder setRetryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets the resource the spans come from. Default: {@code service.name} =
         * {@value #DEFAULT_SERVICE_NAME}, as OpenTelemetry names a service that did not say.
         *
         * @param resource the resource
         * @return this builder
         */
        public Builder setResource(OtlpResource resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
            return this;
        }

        /**
         * Sets the instrumentation scope of the exported spans. Default
         * {@value #DEFAULT_SCOPE_NAME}, no version.
         *
         * @param name the scope name
         * @param version the scope version; empty for none
         * @return this builder
         */
        public Builder setScope(String name, String version) {
            this.scopeName = Objects.requireNonNull(name, "name");
            this.scopeVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        // Read back by the configuration tests.
        String endpoint() {
            return endpoint;
        }

        Map<String, String> headers() {
            return headers;
        }

        Compression compression() {
            return compression;
        }

        Duration timeout() {
            return timeout;
        }

        Path trustedCertificates() {
            return trustedCertificates;
        }

        OtlpResource resource() {
            return resource;
        }

        /** Replaces the encoder; for tests. */
        Builder setEncoding(RequestEncoding encoding) {
            this.encoding = encoding;
            return this;
        }

        /**
         * Builds the exporter. Does no network I/O; reads the certificate file if one is set.
         *
         * @return the exporter
         * @throws IllegalArgumentException if the certificate file cannot be read or parsed
         */
        public NativeOtlpHttpExporter build() {
            URI uri = URI.create(endpoint);
            SSLSocketFactory tls = "https".equalsIgnoreCase(uri.getScheme()) ? tlsFactory() : null;
            HttpTransport transport = new HttpTransport(uri, headers, compression == Compression.GZIP,
                    connectTimeout.toNanos(), tls);
            OtlpHttpSender sender = new OtlpHttpSender(transport, retryPolicy, timeout.toNanos());
            RequestEncoding chosen = encoding != null ? encoding
                    : new TraceEncoding(resource, scopeName, scopeVersion);
            return new NativeOtlpHttpExporter(chosen, sender, timeout.toNanos(), maxRequestBytes);
        }

        private SSLSocketFactory tlsFactory() {
            if (trustedCertificates == null) {
                return (SSLSocketFactory) SSLSocketFactory.getDefault();
            }
            try (InputStream in = Files.newInputStream(trustedCertificates)) {
                Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                        .generateCertificates(in);
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException("certificate file " + trustedCertificates
                            + " holds no X.509 certificate");
                }
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("trusted-" + i++, certificate);
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("certificate file " + trustedCertificates
                        + " could not be read as PEM X.509 certificates: " + e.getMessage(), e);
            }
        }
    }
}
