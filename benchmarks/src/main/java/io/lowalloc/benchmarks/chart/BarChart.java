package io.lowalloc.benchmarks.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A grouped bar chart rendered as standalone SVG: categories along the x axis, one bar per series
 * in each category, optional error bars (JMH's 99.9 % interval) and the value printed above each bar.
 * Not thread-safe; build, then call {@link #toSvg()}.
 */
public final class BarChart {

    private static final String[] COLORS = {"#9e9e9e", "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEGEND_ROW = 18;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 56;
    private static final int BOTTOM = 96;

    private final String title;
    private final String yLabel;
    private final List<String> categories = new ArrayList<>();
    private final List<String> series = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private final List<double[]> errors = new ArrayList<>();
    private String note = "";

    private BarChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /**
     * Starts a chart.
     *
     * @param title the title line
     * @param yLabel the y axis label, with the unit
     * @return a new chart
     */
    public static BarChart create(String title, String yLabel) {
        return new BarChart(Objects.requireNonNull(title, "title"), Objects.requireNonNull(yLabel, "yLabel"));
    }

    /**
     * Sets the categories (x axis groups); call before adding series.
     *
     * @param names the category names
     * @return this chart
     */
    public BarChart categories(List<String> names) {
        categories.clear();
        categories.addAll(names);
        return this;
    }

    /**
     * Adds a series: one value (and error, NaN for none) per category; NaN values are left out.
     *
     * @param name the legend name
     * @param seriesValues one value per category
     * @param seriesErrors one error per category, or null
     * @return this chart
     * @throws IllegalArgumentException if the lengths differ from the category count
     */
    public BarChart series(String name, double[] seriesValues, double[] seriesErrors) {
        if (seriesValues.length != categories.size()
                || (seriesErrors != null && seriesErrors.length != categories.size())) {
            throw new IllegalArgumentException("series " + name + " must have " + categories.size() + " values");
        }
        series.add(name);
        values.add(seriesValues.clone());
        errors.add(seriesErrors == null ? null : seriesErrors.clone());
        return this;
    }

    /**
     * Sets a footnote (source, machine) printed under the legend.
     *
     * @param text the note
     * @return this chart
     */
    public BarChart note(String text) {
        note = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * Renders the chart.
     *
     * @return a complete SVG document
     */
    public String toSvg() {
        double max = 0;
        for (int s = 0; s < series.size(); s++) {
            for (int c = 0; c < categories.size(); c++) {
                double v = values.get(s)[c];
                double e = errors.get(s) == null ? 0 : errors.get(s)[c];
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v + (Double.isNaN(e) ? 0 : e));
                }
            }
        }
        double step = niceStep(max <= 0 ? 1 : max / 5);
        double top = Math.ceil((max <= 0 ? 1 : max) / step) * step;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int height = HEIGHT + LEGEND_ROW * (legendRows() - 1);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
                WIDTH, height, WIDTH, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        b.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        for (double t = 0; t <= top + step / 2; t += step) {
            double y = TOP + plotH - t / top * plotH;
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n", LEFT, y, LEFT + plotW, y));
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%s</text>%n", LEFT - 6, y + 4, fmt(t)));
        }
        b.append(String.format(Locale.ROOT,
                "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">%s</text>%n",
                TOP + plotH / 2, esc(yLabel)));
        double groupW = (double) plotW / Math.max(1, categories.size());
        double barW = groupW * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + c * groupW + groupW * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double v = values.get(s)[c];
                if (Double.isNaN(v)) {
                    continue;
                }
                double h = v / top * plotH;
                double x = gx + s * barW;
                double y = TOP + plotH - h;
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                        x + 1, y, barW - 2, Math.max(h, 0.5), COLORS[s % COLORS.length]));
                double e = errors.get(s) == null ? Double.NaN : errors.get(s)[c];
                double labelY = y - 4;
                if (!Double.isNaN(e) && e > 0) {
                    double cx = x + barW / 2;
                    double y1 = TOP + plotH - Math.min(v + e, top) / top * plotH;
                    double y2 = TOP + plotH - Math.max(v - e, 0) / top * plotH;
                    b.append(String.format(Locale.ROOT,
                            "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"#222\"/>%n",
                            cx, y1, y2, cx - 4, y1, cx + 4, cx - 4, y2, cx + 4));
                    labelY = Math.min(labelY, y1 - 4);
                }
                b.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" fill=\"#222\">%s</text>%n",
                        x + barW / 2, labelY, fmt(v)));
            }
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%s</text>%n",
                    gx + groupW * 0.4, TOP + plotH + 18, esc(categories.get(c))));
        }
        b.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
        double lx = LEFT;
        int ly = TOP + plotH + 44;
        for (int s = 0; s < series.size(); s++) {
            if (lx > LEFT && lx + legendWidth(s) > WIDTH - RIGHT) {
                lx = LEFT;
                ly += LEGEND_ROW;
            }
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    lx, ly - 10, COLORS[s % COLORS.length]));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", lx + 16, ly, esc(series.get(s))));
            lx += legendWidth(s);
        }
        if (!note.isEmpty()) {
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#777\">%s</text>%n", LEFT, ly + 26, esc(note)));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private double legendWidth(int s) {
        return 28 + 7 * series.get(s).length();
    }

    private int legendRows() {
        int rows = 1;
        double lx = LEFT;
        for (int s = 0; s < series.size(); s++) {
            if (lx > LEFT && lx + legendWidth(s) > WIDTH - RIGHT) {
                lx = LEFT;
                rows++;
            }
            lx += legendWidth(s);
        }
        return rows;
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
