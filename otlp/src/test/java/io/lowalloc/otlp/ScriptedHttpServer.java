package io.lowalloc.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ServerSocketFactory;

/**
 * A loopback HTTP/1.1 server for the transport tests: reads each request (head and
 * {@code Content-Length} body, gunzipped when sent with {@code Content-Encoding: gzip}), records
 * it, and answers with the next scripted {@link Reply}, or 200 with an empty body when the script
 * is empty. One thread per connection; {@link #close()} stops everything.
 */
final class ScriptedHttpServer implements AutoCloseable {

    /** One recorded request. */
    record Request(int connection, String method, String path, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What the server does for one request. */
    @FunctionalInterface
    interface Reply {
        /**
         * Answers.
         *
         * @return true to keep the connection open for the next request
         */
        boolean answer(Socket socket, OutputStream out) throws IOException;
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile int idleCloseMillis;

    ScriptedHttpServer() throws IOException {
        this(ServerSocketFactory.getDefault(), 0);
    }

    ScriptedHttpServer(ServerSocketFactory factory, int port) throws IOException {
        server = factory.createServerSocket(port, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "scripted-http-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port() + "/v1/traces";
    }

    /** Closes each connection once it has been idle this long after a response; 0 never. */
    void closeIdleAfter(int millis) {
        idleCloseMillis = millis;
    }

    ScriptedHttpServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                int id = connections.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket, id), "scripted-http-" + id);
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (;;) {
                int idle = idleCloseMillis;
                socket.setSoTimeout(idle);
                Request request;
                try {
                    request = readRequest(in, id);
                } catch (java.net.SocketTimeoutException e) {
                    return; // idle too long: close the kept-alive connection
                }
                if (request == null) {
                    return;
                }
                requests.add(request);
                Reply reply = script.poll();
                boolean keep = reply == null ? ok(out, "") : reply.answer(socket, out);
                out.flush();
                if (!keep) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or the test reset the connection
        } finally {
            open.remove(socket);
        }
    }

    private static Request readRequest(InputStream in, int id) throws IOException {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        if ("gzip".equals(headers.get("content-encoding"))) {
            try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = gunzip.readAllBytes();
            }
        }
        return new Request(id, parts[0], parts[1], headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    // ------------------------------------------------------------------ replies

    static boolean ok(OutputStream out, String extraHeaders) throws IOException {
        return respond(out, 200, extraHeaders, new byte[0]);
    }

    static boolean respond(OutputStream out, int status, String extraHeaders, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + " Status\r\nContent-Type: application/x-protobuf\r\n" + extraHeaders
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        return !extraHeaders.toLowerCase(Locale.ROOT).contains("connection: close");
    }

    static Reply status(int status, String extraHeaders, byte[] body) {
        return (socket, out) -> respond(out, status, extraHeaders, body);
    }

    static Reply status(int status) {
        return status(status, "", new byte[0]);
    }

    /** A 200 whose body comes in chunks of {@code chunkSize} bytes, with a trailer field. */
    static Reply chunked(byte[] body, int chunkSize) {
        return (socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < body.length; i += chunkSize) {
                int n = Math.min(chunkSize, body.length - i);
                out.write((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, i, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return true;
        };
    }

    /** Sends part of a response head, then resets the connection (RST). */
    static Reply resetMidResponse() {
        return (socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoLinger(true, 0);
            socket.close();
            return false;
        };
    }

    /** Waits, then answers 200 (if the client is still there). */
    static Reply slow(long millis) {
        return (socket, out) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok(out, "");
        };
    }

    /** {@return the connections the server still has open} */
    int openConnections() {
        return open.size();
    }

    /** Requests whose connection id is {@code connection}. */
    List<Request> on(int connection) {
        List<Request> result = new ArrayList<>();
        for (Request request : requests) {
            if (request.connection() == connection) {
                result.add(request);
            }
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
