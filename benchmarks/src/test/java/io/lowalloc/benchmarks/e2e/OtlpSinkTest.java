package io.lowalloc.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OtlpSinkTest {

    private static SinkProcess sink;

    @BeforeAll
    static void startSink() throws IOException {
        sink = SinkProcess.start(List.of("-Xmx64m"));
    }

    @AfterAll
    static void stopSink() throws IOException {
        sink.close();
    }

    @Test
    void countsTheSpansOfEveryScopeOfEveryResource() {
        byte[] request = request(resource(scope(3), scope(0), scope(2)), resource(scope(4)));

        assertThat(OtlpSpanCounter.countSpans(request, request.length)).isEqualTo(9);
    }

    @Test
    void rejectsATruncatedMessage() {
        byte[] request = request(resource(scope(3)));

        assertThatThrownBy(() -> OtlpSpanCounter.countSpans(request, request.length - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void answersAPlainAGzipAndAChunkedPostWithAnEmptyResponseAndCountsThem() throws IOException {
        SinkStats before = SinkStats.fetch(sink.port());
        byte[] request = request(resource(scope(5)), resource(scope(2)));

        assertThat(post(request, false, false)).isEqualTo(new Answer(200, 0));
        assertThat(post(request, true, false)).isEqualTo(new Answer(200, 0));
        assertThat(post(request, true, true)).isEqualTo(new Answer(200, 0));

        SinkStats delta = SinkStats.fetch(sink.port()).minus(before);
        assertThat(delta.requests()).isEqualTo(3);
        assertThat(delta.spans()).isEqualTo(21);
        assertThat(delta.gzipRequests()).isEqualTo(2);
        assertThat(delta.decodedBytes()).isEqualTo(3L * request.length);
        assertThat(delta.badRequests()).isZero();
        assertThat(delta.cpuNanos()).isPositive();
    }

    @Test
    void answersAMalformedBodyWith400() throws IOException {
        SinkStats before = SinkStats.fetch(sink.port());

        assertThat(post(new byte[] {0x0a, 0x7f}, false, false).status()).isEqualTo(400);

        assertThat(SinkStats.fetch(sink.port()).minus(before).badRequests()).isEqualTo(1);
    }

    private record Answer(int status, int bodyBytes) {
    }

    private static Answer post(byte[] body, boolean gzip, boolean chunked) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(sink.endpoint()).openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/x-protobuf");
        byte[] sent = body;
        if (gzip) {
            connection.setRequestProperty("Content-Encoding", "gzip");
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            sent = zipped.toByteArray();
        }
        if (chunked) {
            connection.setChunkedStreamingMode(7);
        } else {
            connection.setFixedLengthStreamingMode(sent.length);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(sent);
        }
        int status = connection.getResponseCode();
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        int bytes = in == null ? 0 : in.readAllBytes().length;
        return new Answer(status, bytes);
    }

    // A minimal protobuf writer: the sink only looks at field numbers and lengths.

    private static byte[] request(byte[]... resourceSpans) {
        return message(1, resourceSpans);
    }

    private static byte[] resource(byte[]... scopeSpans) {
        // Field 1 (the resource) comes first, as encoders write it.
        byte[] resource = field(1, new byte[] {0x0a, 0x00});
        return concat(resource, message(2, scopeSpans));
    }

    private static byte[] scope(int spans) {
        byte[][] each = new byte[spans][];
        for (int i = 0; i < spans; i++) {
            // A span with a varint (kind), a fixed64 (start time) and a string (name).
            each[i] = concat(new byte[] {0x30, 0x01, 0x39, 1, 2, 3, 4, 5, 6, 7, 8}, field(5, new byte[] {'x'}));
        }
        return concat(field(1, new byte[0]), message(2, each));
    }

    private static byte[] message(int field, byte[]... children) {
        byte[] out = new byte[0];
        for (byte[] child : children) {
            out = concat(out, field(field, child));
        }
        return out;
    }

    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3 | 2);
        int length = value.length;
        while (length >= 0x80) {
            out.write(length & 0x7f | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
