package io.lowalloc.benchmarks.e2e;

import com.google.gson.Gson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The {@link OtlpSink}'s totals since it started, as its {@code /stats} answer carries them.
 *
 * @param requests trace requests received
 * @param bodyBytes request body bytes as received (compressed if gzip)
 * @param decodedBytes request body bytes after decompression
 * @param spans spans counted in the request bodies
 * @param gzipRequests requests with {@code Content-Encoding: gzip}
 * @param badRequests requests answered with 400 or 405
 * @param cpuNanos the sink process's CPU time in nanoseconds
 */
record SinkStats(long requests, long bodyBytes, long decodedBytes, long spans, long gzipRequests, long badRequests,
        long cpuNanos) {

    private static final Gson GSON = new Gson();

    /** Parses the sink's one-line JSON. */
    static SinkStats parse(String json) {
        return GSON.fromJson(json, SinkStats.class);
    }

    /**
     * Asks the sink on {@code 127.0.0.1:port} for its stats over a fresh connection (closed
     * after the answer), so as to share nothing with the exporter's connections.
     */
    static SinkStats fetch(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + OtlpSink.STATS_PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int body = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 200") || body < 0) {
                throw new IOException("unexpected answer from the sink's " + OtlpSink.STATS_PATH + ": " + text);
            }
            return parse(text.substring(body + 4).trim());
        }
    }

    /** This minus an earlier snapshot. */
    SinkStats minus(SinkStats earlier) {
        return new SinkStats(requests - earlier.requests, bodyBytes - earlier.bodyBytes,
                decodedBytes - earlier.decodedBytes, spans - earlier.spans, gzipRequests - earlier.gzipRequests,
                badRequests - earlier.badRequests, cpuNanos - earlier.cpuNanos);
    }
}
