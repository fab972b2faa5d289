package io.lowalloc.otlp;

import java.util.Locale;

/** How the exporter compresses request bodies, with the names OpenTelemetry's configuration uses. */
public enum Compression {
    /** Bodies are sent as they are ({@code none}). */
    NONE,
    /** Bodies are gzip-compressed, {@code Content-Encoding: gzip} ({@code gzip}). */
    GZIP;

    /**
     * Returns the compression of a configuration value, case-insensitive.
     *
     * @param value {@code none} or {@code gzip}
     * @return the compression
     * @throws IllegalArgumentException naming the value if it is neither
     */
    public static Compression of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "gzip" -> GZIP;
            default -> throw new IllegalArgumentException("compression must be none or gzip, got '" + value + "'");
        };
    }
}
