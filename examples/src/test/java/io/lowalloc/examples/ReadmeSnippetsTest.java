package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code snippet of the top-level README is the body of a test: each block between
 * {@code // readme:NAME:begin} and {@code // readme:NAME:end} in any module's test sources must
 * appear in README.md line for line (leading and trailing blanks ignored), so the README shows
 * code that compiles and passes. A README Java block that no test marks is reported too.
 */
class ReadmeSnippetsTest {

    private static final Pattern BEGIN = Pattern.compile("//\\s*readme:([\\w.-]+):begin");

    private static Path root() {
        // Surefire runs with the module directory as working directory.
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))
                || dir != null && !Files.isDirectory(dir.resolve("core"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above %s", Paths.get("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static List<String> strip(List<String> lines) {
        return lines.stream().map(String::strip).collect(Collectors.toList());
    }

    private static Map<String, List<String>> markedSnippets(Path root) throws IOException {
        Map<String, List<String>> snippets = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .collect(Collectors.toList());
        }
        for (Path source : sources) {
            if (source.endsWith("ReadmeSnippetsTest.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = BEGIN.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                String name = m.group(1);
                String end = "readme:" + name + ":end";
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).contains(end)) {
                    body.add(lines.get(j));
                    j++;
                }
                assertThat(j).as("%s: readme:%s:begin has no end marker", source, name).isLessThan(lines.size());
                assertThat(snippets.put(root.relativize(source) + "#" + name, strip(body))).isNull();
                i = j;
            }
        }
        return snippets;
    }

    private static boolean containsConsecutively(List<String> haystack, List<String> needle) {
        outer:
        for (int i = 0; i + needle.size() <= haystack.size(); i++) {
            for (int k = 0; k < needle.size(); k++) {
                if (!haystack.get(i + k).equals(needle.get(k))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void everyMarkedSnippetIsInTheReadmeLineForLine() throws IOException {
        Path root = root();
        List<String> readme = strip(Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8));
        Map<String, List<String>> snippets = markedSnippets(root);
        assertThat(snippets).as("marked snippets in the test sources").isNotEmpty();
        List<String> missing = new ArrayList<>();
        snippets.forEach((name, body) -> {
            if (!containsConsecutively(readme, body)) {
                missing.add(name);
            }
        });
        assertThat(missing).as("snippets not in README.md line for line").isEmpty();
    }

    @Test
    void everyJavaBlockOfTheReadmeIsMarkedInATest() throws IOException {
        Path root = root();
        List<String> readme = strip(Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8));
        Map<String, List<String>> snippets = markedSnippets(root);
        List<String> unmarked = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).equals("```java")) {
                continue;
            }
            int j = i + 1;
            List<String> block = new ArrayList<>();
            while (j < readme.size() && !readme.get(j).equals("```")) {
                block.add(readme.get(j));
                j++;
            }
            List<String> code = block.stream().filter(l -> !l.isEmpty()).collect(Collectors.toList());
            boolean covered = snippets.values().stream().anyMatch(s -> containsConsecutively(
                    s.stream().filter(l -> !l.isEmpty()).collect(Collectors.toList()), code));
            if (!covered) {
                unmarked.add("README.md line " + (i + 1) + ": " + (code.isEmpty() ? "" : code.get(0)));
            }
            i = j;
        }
        assertThat(unmarked).as("README Java blocks that no test marks with readme:NAME:begin/end").isEmpty();
    }

    @Test
    void theCheckFailsOnASnippetTheReadmeLacks() {
        List<String> readme = List.of("a", "b", "c");
        assertThat(containsConsecutively(readme, List.of("b", "c"))).isTrue();
        assertThat(containsConsecutively(readme, List.of("a", "c"))).isFalse();
        assertThat(containsConsecutively(readme, List.of("c", "d"))).isFalse();
    }

    static {
        // Fail loudly rather than silently pass when run from an unexpected directory.
        if (!Files.isDirectory(Paths.get("").toAbsolutePath())) {
            throw new UncheckedIOException(new IOException("no working directory"));
        }
    }
}
