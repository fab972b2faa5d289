package io.lowalloc.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop-the-world pause durations read from a JDK unified GC log written with
 * {@code -Xlog:gc:file=PATH:uptime}, at the log's microsecond resolution — a cross-check of
 * {@code GcMonitor}, whose durations are whole milliseconds. Lines look like
 * {@code [5.123s] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 25M->3M(256M) 1.234ms}.
 */
public final class GcLogPauses {

    private static final Pattern PAUSE =
            Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\].*GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");

    private final List<Double> pausesMillis;

    private GcLogPauses(List<Double> pausesMillis) {
        this.pausesMillis = pausesMillis;
    }

    /**
     * Reads the pauses that started within {@code [fromSeconds, toSeconds]} of JVM uptime.
     *
     * @param log the GC log
     * @param fromSeconds start of the window, JVM uptime in seconds
     * @param toSeconds end of the window, JVM uptime in seconds
     * @return the pauses found
     * @throws IOException if the log cannot be read
     */
    public static GcLogPauses read(Path log, double fromSeconds, double toSeconds) throws IOException {
        List<Double> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = PAUSE.matcher(line.trim());
            if (m.matches()) {
                double at = Double.parseDouble(m.group(1));
                if (at >= fromSeconds && at <= toSeconds) {
                    pauses.add(Double.parseDouble(m.group(2)));
                }
            }
        }
        return new GcLogPauses(pauses);
    }

    /**
     * Returns the number of pauses.
     *
     * @return the count
     */
    public int count() {
        return pausesMillis.size();
    }

    /**
     * Returns the mean pause.
     *
     * @return milliseconds; 0 if there were none
     */
    public double averageMillis() {
        double sum = 0;
        for (double p : pausesMillis) {
            sum += p;
        }
        return pausesMillis.isEmpty() ? 0 : sum / pausesMillis.size();
    }

    /**
     * Returns the 99th percentile pause (nearest rank).
     *
     * @return milliseconds; 0 if there were none
     */
    public double p99Millis() {
        if (pausesMillis.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(pausesMillis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(0.99 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * Returns the longest pause.
     *
     * @return milliseconds; 0 if there were none
     */
    public double maxMillis() {
        double max = 0;
        for (double p : pausesMillis) {
            max = Math.max(max, p);
        }
        return max;
    }

    /**
     * Returns the sum of all pauses.
     *
     * @return milliseconds
     */
    public double totalMillis() {
        return averageMillis() * pausesMillis.size();
    }
}
