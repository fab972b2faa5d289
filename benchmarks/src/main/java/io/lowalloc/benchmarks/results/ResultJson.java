package io.lowalloc.benchmarks.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The Gson configuration of every result file. Reading is strict JSON (no comments, no trailing
 * commas, nothing after the value), except that a double may also be one of the strings JMH writes
 * for a value it could not compute ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}).
 * Writing is used for the load test's files only: pretty-printed with two-space indent, HTML
 * characters not escaped (JVM flags contain {@code =}), finite doubles with three decimals and the
 * other ones as JMH's strings. Thread-safe.
 */
final class ResultJson {

    /** The strings JMH writes for non-finite doubles, each as {@link Double#toString(double)} spells it. */
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private static final TypeAdapter<Double> DOUBLES = new TypeAdapter<Double>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (Double.isFinite(value)) {
                // The load test has written three decimals since its first results; keep the files comparable.
                out.jsonValue(String.format(Locale.ROOT, "%.3f", value));
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                return in.nextDouble();
            }
            String text = in.nextString();
            if (!NON_FINITE.contains(text)) {
                throw new JsonSyntaxException("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\" at "
                        + in.getPreviousPath() + ", was: \"" + text + "\"");
            }
            return Double.parseDouble(text);
        }
    };

    /** Reads both formats and writes the load test's. */
    static final Gson GSON = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .registerTypeAdapter(double.class, DOUBLES)
            .registerTypeAdapter(Double.class, DOUBLES.nullSafe())
            .create();

    private ResultJson() {
    }

    /**
     * Reads a whole UTF-8 file as one value of {@code type}.
     *
     * @throws IOException if the file cannot be read, or (naming the file) is empty or not valid JSON of that shape
     */
    static <T> T read(Path file, Class<T> type) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        try {
            return fromJson(text, type);
        } catch (JsonParseException e) {
            throw new IOException("invalid JSON in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses one JSON value of {@code type}.
     *
     * @throws JsonParseException if the text is empty or not valid JSON of that shape
     */
    static <T> T fromJson(String json, Class<T> type) {
        T value = GSON.fromJson(json, type);
        if (value == null) {
            // Gson returns null for an empty document; a result file is never empty.
            throw new JsonSyntaxException("no JSON value");
        }
        return value;
    }
}
