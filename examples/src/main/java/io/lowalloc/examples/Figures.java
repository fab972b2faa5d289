package io.lowalloc.examples;

import java.util.Locale;

/**
 * Turns measured figures into the text of the demo's lines: durations the way Go prints a
 * {@code time.Duration}, byte counts, and the "Improvement" ratios. Every ratio is computed from
 * the two measurements it compares; a zero denominator is said in words, never hidden by a "+1".
 */
final class Figures {

    private Figures() {
    }

    /**
     * Formats a duration like Go's {@code time.Duration} string, to about four significant digits:
     * {@code 812ns}, {@code 12.3µs}, {@code 2.512ms}, {@code 1.204s}.
     */
    static String duration(long nanos) {
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** Formats a byte count with a binary unit: {@code 512 B}, {@code 12.0 KiB}, {@code 87.3 MiB}. */
    static String bytes(long bytes) {
        long abs = Math.abs(bytes);
        if (abs < 1024L) {
            return bytes + " B";
        }
        if (abs < 1024L * 1024L) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (abs < 1024L * 1024L * 1024L) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    }

    /** Formats a signed delta of bytes, e.g. {@code +87.3 MiB} or {@code -80.1 MiB}. */
    static String bytesDelta(long delta) {
        return (delta >= 0 ? "+" : "-") + bytes(Math.abs(delta));
    }

    /**
     * Says how much faster {@code nanos} is than {@code baselineNanos}: {@code "3.12x faster"}, or
     * {@code "1.25x slower"} when it is not faster.
     */
    static String speedup(long baselineNanos, long nanos) {
        if (nanos <= 0 || baselineNanos <= 0) {
            return "too fast to compare (" + duration(baselineNanos) + " vs " + duration(nanos) + ")";
        }
        if (nanos <= baselineNanos) {
            return String.format(Locale.ROOT, "%.2fx faster", (double) baselineNanos / nanos);
        }
        return String.format(Locale.ROOT, "%.2fx slower", (double) nanos / baselineNanos);
    }

    /**
     * Says how much less {@code bytes} is than {@code baselineBytes}: {@code "15.00x less allocation"},
     * {@code "Inf less allocation (0 bytes)"} when only {@code bytes} is 0,
     * {@code "no allocation on either side (0 bytes)"} when both are, and {@code "2.00x more
     * allocation"} when {@code bytes} exceeds the baseline.
     */
    static String allocationRatio(long baselineBytes, long bytes) {
        if (bytes == 0 && baselineBytes == 0) {
            return "no allocation on either side (0 bytes)";
        }
        if (bytes == 0) {
            return "Inf less allocation (0 bytes)";
        }
        if (bytes <= baselineBytes) {
            return String.format(Locale.ROOT, "%.2fx less allocation", (double) baselineBytes / bytes);
        }
        return String.format(Locale.ROOT, "%.2fx more allocation", (double) bytes / Math.max(1, baselineBytes));
    }
}
