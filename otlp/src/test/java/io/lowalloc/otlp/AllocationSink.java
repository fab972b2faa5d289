package io.lowalloc.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;

/**
 * A lean loopback OTLP/HTTP sink for allocation tests: reads each request's head and
 * {@code Content-Length} body into fixed arrays and answers a prebuilt {@code 200} with an empty
 * body, counting requests. Its threads are known ({@link #threadIds()}) so a test can measure them
 * apart.
 */
final class AllocationSink implements AutoCloseable {

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();

    AllocationSink() throws IOException {
        this(ServerSocketFactory.getDefault());
    }

    AllocationSink(ServerSocketFactory factory) throws IOException {
        server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "alloc-sink-acceptor");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long requests() {
        return requests.get();
    }

    long[] threadIds() {
        // Connections are accepted before the measured window, so this list is complete by then.
        return threads.stream().mapToLong(Thread::getId).toArray();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread handler = new Thread(() -> serve(socket), "alloc-sink-connection");
                handler.setDaemon(true);
                threads.add(handler);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        byte[] buffer = new byte[1 << 16];
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int filled = 0;
            for (;;) {
                int headEnd;
                while ((headEnd = headEnd(buffer, filled)) < 0) {
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        return;
                    }
                    filled += n;
                }
                int bodyLength = contentLength(buffer, headEnd);
                int available = filled - headEnd;
                int consumed = Math.min(available, bodyLength);
                for (int rest = bodyLength - consumed; rest > 0;) {
                    int n = in.read(buffer, 0, Math.min(rest, buffer.length));
                    if (n < 0) {
                        return;
                    }
                    rest -= n;
                }
                int leftover = available - consumed;
                System.arraycopy(buffer, headEnd + consumed, buffer, 0, leftover);
                filled = leftover;
                out.write(RESPONSE);
                out.flush();
                requests.incrementAndGet();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Index just past the blank line ending the head, or -1. */
    private static int headEnd(byte[] buffer, int filled) {
        for (int i = 3; i < filled; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int contentLength(byte[] buffer, int headEnd) {
        outer:
        for (int i = 0; i + CONTENT_LENGTH.length < headEnd; i++) {
            for (int j = 0; j < CONTENT_LENGTH.length; j++) {
                int c = buffer[i + j];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != CONTENT_LENGTH[j]) {
                    continue outer;
                }
            }
            int value = 0;
            for (int k = i + CONTENT_LENGTH.length; k < headEnd; k++) {
                byte b = buffer[k];
                if (b >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                } else if (b != ' ') {
                    break;
                }
            }
            return value;
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
