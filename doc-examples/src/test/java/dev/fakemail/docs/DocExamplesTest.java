package dev.fakemail.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation honest: every ```java block in README.md and docs/*.md must stand, line for line
 * and in order, in one of this module's test sources, which compile and run it against a real server. A test
 * may add lines between the example's (set-up, assertions); "..." lines of an example are left out. Change an
 * example and its test fails here until the test holds the new text.
 */
class DocExamplesTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path ROOT = MODULE.getParent();

    record Example(Path doc, int line, List<String> lines) {
        @Override
        public String toString() {
            return ROOT.relativize(doc) + ":" + line;
        }
    }

    record Source(Path file, List<String> lines) {
    }

    @Test
    void everyJavaExampleInTheDocsIsHeldByATest() {
        List<Example> examples = examples();
        List<Source> sources = testSources();
        assertThat(examples).as("java examples found in README.md and docs/").hasSizeGreaterThanOrEqualTo(15);

        List<String> missing = new ArrayList<>();
        for (Example example : examples) {
            if (sources.stream().noneMatch(source -> holds(source.lines(), example.lines()))) {
                missing.add(example + ": no test in doc-examples holds this example; closest: " + closest(example, sources));
            }
        }
        assertThat(missing).as("documentation examples without a test").isEmpty();
    }

    @Test
    void theCheckNoticesAChangedExample() {
        List<String> test = List.of("a();", "int x = 1;", "b(x);", "c();");
        assertThat(holds(test, List.of("a();", "b(x);"))).isTrue();
        assertThat(holds(test, List.of("b(x);", "a();"))).as("order matters").isFalse();
        assertThat(holds(test, List.of("a();", "b(y);"))).as("a changed line").isFalse();
    }

    /** True when every line of the example occurs in the source, in the example's order. */
    static boolean holds(List<String> source, List<String> example) {
        return matchedPrefix(source, example) == example.size();
    }

    private static String closest(Example example, List<Source> sources) {
        Source best = null;
        int bestMatched = -1;
        for (Source source : sources) {
            int matched = matchedPrefix(source.lines(), example.lines());
            if (matched > bestMatched) {
                bestMatched = matched;
                best = source;
            }
        }
        if (best == null) {
            return "no test sources";
        }
        String firstMissing = bestMatched < example.lines().size() ? example.lines().get(bestMatched) : "";
        return MODULE.relativize(best.file()) + " holds " + bestMatched + " of " + example.lines().size()
                + " lines; the first it lacks (in order): " + firstMissing;
    }

    /** How many lines of the example, from its first, occur in the source in the example's order. */
    private static int matchedPrefix(List<String> source, List<String> example) {
        int at = 0;
        int matched = 0;
        for (String line : example) {
            while (at < source.size() && !source.get(at).equals(line)) {
                at++;
            }
            if (at == source.size()) {
                return matched;
            }
            at++;
            matched++;
        }
        return matched;
    }

    static List<Example> examples() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = read(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                int start = i + 1;
                List<String> block = new ArrayList<>();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    block.add(lines.get(i));
                }
                examples.add(new Example(doc, start, significant(block)));
            }
        }
        return examples;
    }

    private static List<Source> testSources() {
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/test/java"))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("DocExamplesTest.java"))
                    .map(file -> new Source(file, significant(read(file))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines without surrounding blanks; empty lines and the docs' "..." placeholders left out. */
    private static List<String> significant(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.equals("...")).toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
