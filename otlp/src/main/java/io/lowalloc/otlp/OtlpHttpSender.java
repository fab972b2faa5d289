package io.lowalloc.otlp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one encoded request with the OTLP/HTTP retry rules over an {@link HttpTransport}:
 * 2xx is delivered (a {@code partial_success} reports rejected spans), 429/502/503/504 and failed
 * connections are retried per the {@link RetryPolicy} and {@code Retry-After}, any other status
 * fails at once; everything within the export timeout. A request that failed on a kept-alive
 * connection before any response byte (the server closed it while idle) is resent at once on a
 * new connection, without counting as an attempt. Failures and partial successes are logged,
 * rate-limited, with the status and the server's message.
 *
 * <p>Not thread-safe: one thread sends; {@link #close()} may be called from any thread and ends
 * a send in progress (including a backoff wait) with a failure.
 *
 * <p>Allocation: a delivered request allocates only what the transport does; a failure allocates
 * its cause (and, when logged, its log line).
 */
final class OtlpHttpSender implements AutoCloseable {

    /** Result of {@link #send}: the request failed; {@link #failureCause()} says why. */
    static final long FAILED = -1L;

    static final Logger LOGGER = Logger.getLogger(NativeOtlpHttpExporter.class.getName());

    private static final double JITTER = 0.2;

    private final HttpTransport transport;
    private final RetryPolicy retry;
    private final long timeoutNanos;
    private final ThrottledLog failureLog = new ThrottledLog(LOGGER, Level.WARNING);
    private final ThrottledLog partialLog = new ThrottledLog(LOGGER, Level.WARNING);
    private volatile boolean closed;
    private volatile Thread sending;
    private Exception failureCause;
    private long retries;

    OtlpHttpSender(HttpTransport transport, RetryPolicy retry, long timeoutNanos) {
        this.transport = transport;
        this.retry = retry;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Sends one request, retrying as the policy allows until {@code deadlineNanos}.
     *
     * @param payload the encoded {@code ExportTraceServiceRequest}
     * @param length its length in bytes
     * @param spans the spans it holds, for log lines
     * @param deadlineNanos the {@link System#nanoTime()} by which the result must be known
     * @return the spans the server rejected (0: all accepted), or {@link #FAILED}
     */
    long send(byte[] payload, int length, int spans, long deadlineNanos) {
        sending = Thread.currentThread();
        try {
            return attempt(payload, length, spans, deadlineNanos);
        } finally {
            sending = null;
        }
    }

    private long attempt(byte[] payload, int length, int spans, long deadlineNanos) {
        failureCause = null;
        long backoffNanos = retry.initialBackoff().toNanos();
        long maxBackoffNanos = retry.maxBackoff().toNanos();
        boolean staleRetried = false;
        IOException lastError = null; // the cause of a give-up after a failed connection
        for (int attempt = 1;; attempt++) {
            long waitNanos;
            if (closed) {
                return fail(spans, "the exporter was shut down", null);
            }
            try {
                int status = transport.send(payload, length, deadlineNanos);
                lastError = null;
                if (status >= 200 && status < 300) {
                    return delivered(spans);
                }
                if (!retryable(status)) {
                    return fail(spans, statusText(status), null);
                }
                if (attempt >= retry.maxAttempts()) {
                    return fail(spans, statusText(status) + " after " + attempt + " attempts", null);
                }
                long retryAfter = transport.retryAfterSeconds();
                waitNanos = retryAfter >= 0 ? TimeUnit.SECONDS.toNanos(retryAfter) : jittered(backoffNanos);
            } catch (SocketTimeoutException e) {
                return fail(spans, "no response within the export timeout of "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", e);
            } catch (IOException e) {
                if (closed) {
                    return fail(spans, "the exporter was shut down", e);
                }
                if (!staleRetried && transport.failedAsStaleConnection()) {
                    staleRetried = true;
                    attempt--;
                    continue;
                }
                if (attempt >= retry.maxAttempts()) {
                    return fail(spans, "connection failed after " + attempt + " attempts", e);
                }
                lastError = e;
                waitNanos = jittered(backoffNanos);
            }
            backoffNanos = Math.min(maxBackoffNanos, (long) (backoffNanos * retry.backoffMultiplier()));
            if (System.nanoTime() + waitNanos - deadlineNanos >= 0) {
                return fail(spans, "the next retry (in " + TimeUnit.NANOSECONDS.toMillis(waitNanos)
                        + " ms) would end past the export timeout, after " + attempt + " attempts", lastError);
            }
            retries++;
            pause(waitNanos);
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    private long jittered(long backoffNanos) {
        double factor = 1.0 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return (long) (backoffNanos * factor);
    }

    private void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !closed; left = end - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private long delivered(int spans) {
        long rejected = ResponseDecoder.rejectedSpans(transport.body(), transport.bodyLength());
        if (rejected > 0) {
            String message = ResponseDecoder.partialSuccessMessage(transport.body(), transport.bodyLength());
            failureCause = new IOException("the server rejected " + rejected + " of " + spans + " spans: "
                    + message);
            if (partialLog.permits()) {
                partialLog.log("OTLP export: " + failureCause.getMessage(), null);
            }
            return Math.min(rejected, spans);
        }
        return 0;
    }

    private String statusText(int status) {
        String message = ResponseDecoder.statusMessage(transport.body(), transport.bodyLength());
        return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
    }

    private long fail(int spans, String reason, Exception cause) {
        failureCause = new IOException("OTLP export of " + spans + " spans failed: " + reason, cause);
        if (failureLog.permits()) {
            failureLog.log(failureCause.getMessage(), cause);
        }
        return FAILED;
    }

    /** {@return why the last {@link #send} failed or what it rejected; null after a full success} */
    Exception failureCause() {
        return failureCause;
    }

    /** {@return the retries made so far (waits between attempts)} */
    long retries() {
        return retries;
    }

    /** {@return the transport, for tests} */
    HttpTransport transport() {
        return transport;
    }

    /** Ends any send in progress with a failure and closes the connection; any thread, idempotent. */
    @Override
    public void close() {
        closed = true;
        transport.close();
        Thread current = sending;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }
}
