package io.lowalloc.benchmarks.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The loopback OTLP/HTTP receiver of the end-to-end harness, run in its own JVM so that its work
 * is not charged to the measured process. It listens on {@code 127.0.0.1} (port from
 * {@code --port}, default any free one), speaks HTTP/1.1 with keep-alive (the JDK's
 * {@code com.sun.net.httpserver}, which reads {@code Content-Length} and chunked bodies), reads
 * every request body to its end (gunzipping it when {@code Content-Encoding: gzip}), counts the
 * spans in it, and answers {@code POST /v1/traces} with 200 and an empty
 * {@code ExportTraceServiceResponse} (zero bytes, {@code application/x-protobuf}); a body that is
 * not a well-formed request gets 400.
 *
 * <p>Protocol with the process that starts it: the first line it prints is
 * {@value #LISTENING_PREFIX}{@code <port>}. {@code GET /stats} answers one line of JSON with the
 * totals since start: {@code requests}, {@code bodyBytes} (as received), {@code decodedBytes}
 * (after gunzip), {@code spans}, {@code gzipRequests}, {@code badRequests} and {@code cpuNanos}
 * (this process's CPU time, {@code OperatingSystemMXBean.getProcessCpuTime}). When its standard
 * input reaches end of file it prints the same line prefixed by {@value #FINAL_PREFIX} and exits.
 *
 * <p>Requests are handled on one thread, so the counters have one writer; what the sink allocates
 * per request is its own business.
 */
public final class OtlpSink {

    /** Prefix of the first line printed, followed by the port. */
    public static final String LISTENING_PREFIX = "OtlpSink listening on port ";
    /** Prefix of the line printed when standard input closes, followed by the stats JSON. */
    public static final String FINAL_PREFIX = "OtlpSink final ";
    /** The path spans are posted to. */
    public static final String TRACES_PATH = "/v1/traces";
    /** The path that answers the stats JSON. */
    public static final String STATS_PATH = "/stats";

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong decodedBytes = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();
    private final AtomicLong gzipRequests = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final byte[] copyBuffer = new byte[64 * 1024];

    private OtlpSink() {
    }

    /**
     * Starts the sink and serves until standard input closes.
     *
     * @param args {@code [--port N]}, 0 (the default) for any free port
     * @throws IOException if the server cannot bind
     */
    public static void main(String[] args) throws IOException {
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option: " + args[i] + " (known: --port N)");
            }
        }
        OtlpSink sink = new OtlpSink();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "otlp-sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(TRACES_PATH, sink::handleTraces);
        server.createContext(STATS_PATH, sink::handleStats);
        server.start();
        System.out.println(LISTENING_PREFIX + server.getAddress().getPort());
        System.out.flush();
        // Serve until the parent closes our standard input (or dies, which closes it too).
        InputStream in = System.in;
        while (in.read() >= 0) {
            // Anything written to stdin is ignored.
        }
        server.stop(0);
        executor.shutdown();
        System.out.println(FINAL_PREFIX + sink.statsJson());
        System.out.flush();
        System.exit(0);
    }

    private void handleTraces(HttpExchange exchange) throws IOException {
        try (exchange) {
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
            CountingInputStream raw = new CountingInputStream(exchange.getRequestBody());
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            byte[] body = readFully(in);
            // Drain whatever a decoder left unread (a gzip trailer, padding), so the connection stays usable.
            while (raw.read(copyBuffer) >= 0) {
                // discard
            }
            if (gzip) {
                // Frees the Inflater now rather than when the cleaner finds it.
                in.close();
            }
            requests.incrementAndGet();
            bodyBytes.addAndGet(raw.count);
            decodedBytes.addAndGet(body.length);
            if (gzip) {
                gzipRequests.incrementAndGet();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                badRequests.incrementAndGet();
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            long counted;
            try {
                counted = OtlpSpanCounter.countSpans(body, body.length);
            } catch (IllegalArgumentException e) {
                badRequests.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            spans.addAndGet(counted);
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            // An empty ExportTraceServiceResponse encodes to zero bytes.
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void handleStats(HttpExchange exchange) throws IOException {
        try (exchange) {
            readFully(exchange.getRequestBody());
            byte[] json = statsJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private byte[] readFully(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        int n;
        while ((n = in.read(copyBuffer)) >= 0) {
            out.write(copyBuffer, 0, n);
        }
        return out.toByteArray();
    }

    private String statsJson() {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return String.format(Locale.ROOT,
                "{\"requests\":%d,\"bodyBytes\":%d,\"decodedBytes\":%d,\"spans\":%d,\"gzipRequests\":%d,"
                        + "\"badRequests\":%d,\"cpuNanos\":%d}",
                requests.get(), bodyBytes.get(), decodedBytes.get(), spans.get(), gzipRequests.get(),
                badRequests.get(), cpu);
    }

    /** Counts the bytes read through it: the body as it came over the wire. */
    private static final class CountingInputStream extends InputStream {
        private final InputStream in;
        long count;

        CountingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
