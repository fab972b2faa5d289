package io.lowalloc.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST at a time over a persistent connection that this class opens, keeps alive and
 * closes: the request head is built once, the body is copied (or gzip-compressed) behind it in a
 * reused array and written in one call, the response head is parsed from a reused array without
 * creating strings, and the body (by {@code Content-Length}, chunked, or up to the close) lands in
 * another reused array.
 *
 * <p>Not thread-safe: one thread calls {@link #send}; {@link #close()} may be called from any
 * thread and makes a running {@code send} fail with an {@link IOException}. A connection whose
 * response did not arrive in full, timed out, or that the server marked {@code Connection: close}
 * is closed and never reused.
 *
 * <p>Allocation: none per call once the arrays have grown to the largest request and response,
 * except what the JDK's socket streams allocate per read or write (a small constant) and a new
 * socket (with the JDK's objects for it) when the connection has to be opened.
 */
final class HttpTransport implements AutoCloseable {

    /** The largest response head accepted, in bytes. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** The largest response body kept, in bytes; a longer one fails the call. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] RETRY_AFTER = bytes("retry-after");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");
    private static final byte[] HEAD_END = bytes("\r\n\r\n");
    // Content-Length digits (at most 10 for an int) and the blank line after them.
    private static final int LENGTH_ROOM = 10 + HEAD_END.length;
    private static final int GZIP_HEADER_SIZE = 10;
    private static final int GZIP_TRAILER_SIZE = 8;

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;
    private final byte[] headPrefix; // request line and headers, up to "Content-Length: "
    private final int headroom;
    private final Deflater deflater;
    private final CRC32 crc;

    private byte[] request = new byte[0];
    private byte[] head = new byte[4096];
    private byte[] body = new byte[1024];
    private int headLength; // bytes read into head, response head and maybe body bytes after it
    private int bodyLength;
    private int status;
    private long retryAfterSeconds;
    private boolean reusable;

    private volatile Socket socket; // volatile: close() runs on other threads
    private InputStream in;
    private OutputStream out;
    private volatile boolean closed;
    private long connections;
    private boolean lastReused;

    HttpTransport(URI endpoint, Map<String, String> headers, boolean gzip, long connectTimeoutNanos,
            SSLSocketFactory tls) {
        this.host = endpoint.getHost();
        boolean https = "https".equals(endpoint.getScheme());
        this.port = endpoint.getPort() > 0 ? endpoint.getPort() : https ? 443 : 80;
        this.tls = https ? tls : null;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos)));
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        if (endpoint.getRawQuery() != null) {
            path += "?" + endpoint.getRawQuery();
        }
        boolean defaultPort = endpoint.getPort() <= 0;
        StringBuilder text = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                .append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("User-Agent: lowalloc-otlp\r\n")
                .append("Content-Type: application/x-protobuf\r\n");
        if (gzip) {
            text.append("Content-Encoding: gzip\r\n");
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        text.append("Content-Length: ");
        this.headPrefix = text.toString().getBytes(StandardCharsets.UTF_8);
        this.headroom = headPrefix.length + LENGTH_ROOM;
        this.deflater = gzip ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
        this.crc = gzip ? new CRC32() : null;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Posts {@code length} bytes of {@code payload} and reads the response. On return,
     * {@link #status()}, {@link #retryAfterSeconds()} and the body describe the response.
     *
     * @param payload the protobuf request
     * @param length its length
     * @param deadlineNanos the {@link System#nanoTime()} by which the response must have arrived
     * @return the HTTP status code
     * @throws IOException if the connection failed, was closed, or the response was malformed or
     *     late ({@link SocketTimeoutException}); the connection is then closed
     */
    int send(byte[] payload, int length, long deadlineNanos) throws IOException {
        int bodyStart = headroom;
        int bodyEnd = gzip(payload, length, bodyStart);
        int contentLength = bodyEnd - bodyStart;
        // The head is written backwards from the body, so head and body go out in one write.
        int pos = bodyStart - HEAD_END.length;
        System.arraycopy(HEAD_END, 0, request, pos, HEAD_END.length);
        int value = contentLength;
        do {
            request[--pos] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        pos -= headPrefix.length;
        System.arraycopy(headPrefix, 0, request, pos, headPrefix.length);

        boolean fresh = socket == null;
        lastReused = !fresh;
        headLength = 0;
        try {
            if (fresh) {
                connect(deadlineNanos);
            }
            timeout(deadlineNanos);
            out.write(request, pos, bodyEnd - pos);
            out.flush();
            readResponse(deadlineNanos);
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw e;
        }
        if (!reusable) {
            disconnect();
        }
        return status;
    }

    /** Copies or compresses the payload into {@code request} at {@code start}; returns its end. */
    private int gzip(byte[] payload, int length, int start) {
        if (deflater == null) {
            ensureRequest(start + length);
            System.arraycopy(payload, 0, request, start, length);
            return start + length;
        }
        // Deflate output is at most a little larger than its input; grow when it is not enough.
        ensureRequest(start + GZIP_HEADER_SIZE + length + length / 1000 + 64 + GZIP_TRAILER_SIZE);
        int pos = start;
        request[pos++] = 0x1f;
        request[pos++] = (byte) 0x8b;
        request[pos++] = 8; // deflate
        request[pos++] = 0; // no flags
        pos = writeIntLe(pos, 0); // no modification time
        request[pos++] = 0; // no extra flags
        request[pos++] = (byte) 0xff; // unknown OS
        deflater.reset();
        deflater.setInput(payload, 0, length);
        deflater.finish();
        while (!deflater.finished()) {
            if (request.length - pos - GZIP_TRAILER_SIZE <= 0) {
                ensureRequest(request.length * 2);
            }
            pos += deflater.deflate(request, pos, request.length - pos - GZIP_TRAILER_SIZE);
        }
        crc.reset();
        crc.update(payload, 0, length);
        pos = writeIntLe(pos, (int) crc.getValue());
        return writeIntLe(pos, length);
    }

    private int writeIntLe(int pos, int value) {
        request[pos] = (byte) value;
        request[pos + 1] = (byte) (value >>> 8);
        request[pos + 2] = (byte) (value >>> 16);
        request[pos + 3] = (byte) (value >>> 24);
        return pos + 4;
    }

    private void ensureRequest(int size) {
        if (request.length < size) {
            byte[] grown = new byte[Math.max(size, request.length * 2)];
            System.arraycopy(request, 0, grown, 0, request.length);
            request = grown;
        }
    }

    private void connect(long deadlineNanos) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        Socket plain = new Socket();
        try {
            long remainingMillis = remainingMillis(deadlineNanos);
            plain.connect(new InetSocketAddress(host, port), (int) Math.min(connectTimeoutMillis, remainingMillis));
            plain.setTcpNoDelay(true);
            Socket connected = plain;
            if (tls != null) {
                timeout(plain, deadlineNanos);
                SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                connected = secure;
            }
            socket = connected;
            in = connected.getInputStream();
            out = connected.getOutputStream();
            connections++;
            if (closed) { // a close() that ran while connecting saw no socket to close
                disconnect();
                throw new IOException("transport closed");
            }
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static long remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("export timeout reached");
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
    }

    private void timeout(long deadlineNanos) throws IOException {
        timeout(socket, deadlineNanos);
    }

    private static void timeout(Socket target, long deadlineNanos) throws IOException {
        target.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis(deadlineNanos)));
    }

    // ------------------------------------------------------------------ response

    private void readResponse(long deadlineNanos) throws IOException {
        headLength = 0;
        bodyLength = 0;
        retryAfterSeconds = -1;
        int headEnd;
        while ((headEnd = indexOf(head, 0, headLength, HEAD_END)) < 0) {
            if (headLength == head.length) {
                if (head.length >= MAX_HEAD_BYTES) {
                    throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
                }
                head = grow(head, headLength, head.length * 2);
            }
            fill(deadlineNanos);
        }
        int lineEnd = indexOf(head, 0, headEnd + 2, HEAD_END, 2);
        parseStatusLine(lineEnd);
        long contentLength = -1;
        boolean chunked = false;
        reusable = head[7] == '1'; // HTTP/1.1 keeps the connection by default, HTTP/1.0 does not
        int pos = lineEnd + 2;
        while (pos < headEnd + 2) {
            int end = indexOf(head, pos, headEnd + 2, HEAD_END, 2);
            int colon = indexOf(head, pos, end, (byte) ':');
            if (colon < 0) {
                throw new IOException("malformed response header line");
            }
            int valueStart = skipSpaces(colon + 1, end);
            int valueEnd = trimEnd(valueStart, end);
            if (nameIs(pos, colon, CONTENT_LENGTH)) {
                contentLength = parseDecimal(valueStart, valueEnd);
            } else if (nameIs(pos, colon, TRANSFER_ENCODING)) {
                chunked = containsIgnoreCase(valueStart, valueEnd, CHUNKED);
            } else if (nameIs(pos, colon, CONNECTION)) {
                reusable = !containsIgnoreCase(valueStart, valueEnd, CLOSE);
            } else if (nameIs(pos, colon, RETRY_AFTER)) {
                // Delta-seconds only; an HTTP-date is ignored (the backoff applies instead).
                retryAfterSeconds = isDecimal(valueStart, valueEnd) ? parseDecimal(valueStart, valueEnd) : -1;
            }
            pos = end + 2;
        }
        int cursor = headEnd + HEAD_END.length;
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            contentLength = 0;
            chunked = false;
        }
        if (chunked) {
            cursor = readChunked(cursor, deadlineNanos);
        } else if (contentLength >= 0) {
            if (contentLength > MAX_BODY_BYTES) {
                throw new IOException("response body of " + contentLength + " bytes, more than " + MAX_BODY_BYTES);
            }
            cursor = readBody(cursor, (int) contentLength, deadlineNanos);
        } else {
            readToClose(cursor, deadlineNanos);
            cursor = headLength;
            reusable = false;
        }
        if (cursor != headLength) {
            reusable = false; // bytes beyond this response: nothing was asked for them
        }
    }

    private void parseStatusLine(int lineEnd) throws IOException {
        // "HTTP/1.x NNN reason"
        if (lineEnd < 12 || head[0] != 'H' || head[4] != '/' || head[8] != ' ') {
            throw new IOException("malformed response status line");
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int digit = head[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("malformed response status code");
            }
            code = code * 10 + digit;
        }
        status = code;
    }

    /** Moves {@code length} body bytes, those already in {@code head} first, into {@code body}. */
    private int readBody(int cursor, int length, long deadlineNanos) throws IOException {
        ensureBody(length);
        int buffered = Math.min(length, headLength - cursor);
        System.arraycopy(head, cursor, body, 0, buffered);
        bodyLength = buffered;
        while (bodyLength < length) {
            int n = read(body, bodyLength, length - bodyLength, deadlineNanos);
            bodyLength += n;
        }
        return cursor + buffered;
    }

    private int readChunked(int cursor, long deadlineNanos) throws IOException {
        for (;;) {
            cursor = compact(cursor);
            int lineEnd = awaitLine(deadlineNanos);
            int sizeEnd = indexOf(head, cursor, lineEnd, (byte) ';');
            long size = parseHex(cursor, sizeEnd < 0 ? trimEnd(cursor, lineEnd) : sizeEnd);
            cursor = lineEnd + 2;
            if (size == 0) {
                // Trailer fields, then the blank line.
                for (;;) {
                    cursor = compact(cursor);
                    int end = awaitLine(deadlineNanos);
                    cursor = end + 2;
                    if (end == 0) {
                        return cursor;
                    }
                }
            }
            if (bodyLength + size > MAX_BODY_BYTES) {
                throw new IOException("chunked response body longer than " + MAX_BODY_BYTES + " bytes");
            }
            int chunk = (int) size;
            ensureBody(bodyLength + chunk);
            int buffered = Math.min(chunk, headLength - cursor);
            System.arraycopy(head, cursor, body, bodyLength, buffered);
            bodyLength += buffered;
            cursor += buffered;
            for (int rest = chunk - buffered; rest > 0;) {
                int n = read(body, bodyLength, rest, deadlineNanos);
                bodyLength += n;
                rest -= n;
            }
            cursor = compact(cursor);
            if (awaitLine(deadlineNanos) != 0) {
                throw new IOException("malformed chunk: no CRLF after the chunk data");
            }
            cursor = 2;
        }
    }

    /** Moves the unread bytes from {@code cursor} to the start of {@code head}; returns 0. */
    private int compact(int cursor) {
        headLength -= cursor;
        System.arraycopy(head, cursor, head, 0, headLength);
        return 0;
    }

    /** Reads until {@code head} holds a CRLF; returns its index. */
    private int awaitLine(long deadlineNanos) throws IOException {
        int end;
        while ((end = indexOf(head, 0, headLength, HEAD_END, 2)) < 0) {
            if (headLength == head.length) {
                if (head.length >= MAX_HEAD_BYTES) {
                    throw new IOException("chunk line longer than " + MAX_HEAD_BYTES + " bytes");
                }
                head = grow(head, headLength, head.length * 2);
            }
            fill(deadlineNanos);
        }
        return end;
    }

    private void readToClose(int cursor, long deadlineNanos) throws IOException {
        int buffered = headLength - cursor;
        ensureBody(buffered);
        System.arraycopy(head, cursor, body, 0, buffered);
        bodyLength = buffered;
        for (;;) {
            if (bodyLength == body.length) {
                if (body.length >= MAX_BODY_BYTES) {
                    throw new IOException("response body longer than " + MAX_BODY_BYTES + " bytes");
                }
                ensureBody(body.length * 2);
            }
            timeout(deadlineNanos);
            int n = in.read(body, bodyLength, body.length - bodyLength);
            if (n < 0) {
                return;
            }
            bodyLength += n;
        }
    }

    private void fill(long deadlineNanos) throws IOException {
        headLength += read(head, headLength, head.length - headLength, deadlineNanos);
    }

    private int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException {
        timeout(deadlineNanos);
        int n = in.read(into, offset, length);
        if (n < 0) {
            throw new IOException("connection closed by the server before the response was complete");
        }
        return n;
    }

    private void ensureBody(int size) {
        if (body.length < size) {
            body = grow(body, bodyLength, Math.max(size, body.length * 2));
        }
    }

    private static byte[] grow(byte[] array, int used, int size) {
        byte[] grown = new byte[size];
        System.arraycopy(array, 0, grown, 0, used);
        return grown;
    }

    // ------------------------------------------------------------------ byte helpers

    private static int indexOf(byte[] array, int from, int to, byte[] pattern) {
        return indexOf(array, from, to, pattern, pattern.length);
    }

    private static int indexOf(byte[] array, int from, int to, byte[] pattern, int patternLength) {
        outer:
        for (int i = from; i <= to - patternLength; i++) {
            for (int j = 0; j < patternLength; j++) {
                if (array[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] array, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private int skipSpaces(int from, int to) {
        while (from < to && (head[from] == ' ' || head[from] == '\t')) {
            from++;
        }
        return from;
    }

    private int trimEnd(int from, int to) {
        while (to > from && (head[to - 1] == ' ' || head[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private boolean nameIs(int from, int to, byte[] lowerName) {
        int end = trimEnd(from, to);
        if (end - from != lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if (lower(head[from + i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int from, int to, byte[] lowerWord) {
        outer:
        for (int i = from; i <= to - lowerWord.length; i++) {
            for (int j = 0; j < lowerWord.length; j++) {
                if (lower(head[i + j]) != lowerWord[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private boolean isDecimal(int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (head[i] < '0' || head[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private long parseDecimal(int from, int to) throws IOException {
        if (!isDecimal(from, to) || to - from > 12) {
            throw new IOException("malformed decimal header value");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (head[i] - '0');
        }
        return value;
    }

    private long parseHex(int from, int to) throws IOException {
        if (from == to || to - from > 8) {
            throw new IOException("malformed chunk size");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int c = head[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw new IOException("malformed chunk size");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    // ------------------------------------------------------------------ state

    /** {@return the last response's status code} */
    int status() {
        return status;
    }

    /** {@return the last response's Retry-After in seconds, or -1 if it had none (or a date)} */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@return the array holding the last response body, from index 0} */
    byte[] body() {
        return body;
    }

    /** {@return the last response body's length} */
    int bodyLength() {
        return bodyLength;
    }

    /**
     * Says whether the last {@link #send} failed the way a connection the server closed while idle
     * fails: on a reused connection, before any response byte arrived.
     *
     * @return true if a retry on a new connection is the right answer
     */
    boolean failedAsStaleConnection() {
        return lastReused && headLength == 0;
    }

    /** {@return how many connections were opened so far} */
    long connections() {
        return connections;
    }

    /** {@return true while a connection is open} */
    boolean connected() {
        return socket != null;
    }

    /** Closes the connection, if any; the next {@link #send} opens a new one. */
    void disconnect() {
        Socket current = socket;
        socket = null;
        in = null;
        out = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Closing is best effort: the connection is given up either way.
            }
        }
    }

    /** Closes the connection and refuses further sends; any thread. */
    @Override
    public void close() {
        closed = true;
        Socket current = socket;
        if (current != null) {
            try {
                current.close(); // unblocks a send in progress on another thread
            } catch (IOException e) {
                // Best effort, as in disconnect().
            }
        }
    }

    /** {@return true once {@link #close()} was called} */
    boolean isClosed() {
        return closed;
    }
}
