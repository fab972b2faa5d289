package io.lowalloc.otlp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback OTLP/HTTP endpoint that reads every request body fully, keeps nothing and answers 200
 * with an empty {@code ExportTraceServiceResponse}: the far end of a long run whose bodies would not
 * fit in memory. Counts requests and body bytes.
 */
final class DiscardingSink implements AutoCloseable {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong bodyBytes = new AtomicLong();
    private final HttpServer server;

    DiscardingSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try (InputStream in = exchange.getRequestBody()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
            }
            bodyBytes.addAndGet(total);
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
