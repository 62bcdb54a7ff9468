package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.sovaudit.model.FileError;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;

/**
 * The golden test of every parser: each directory {@code src/test/resources/fixtures/<parser-id>/<case>/}
 * holds one input file (at its realistic path inside the case directory) and
 * {@code expected-observations.json}, a list of {@code {kind, value, role, line, context}}, plus
 * {@code expected-errors.json} ({@code {line, reason}}) when the input is expected to yield file
 * errors. The standard registry must choose the parser named by the directory, and what it reads
 * must equal the goldens exactly.
 *
 * <p>To rewrite the goldens after an intended change, run
 * {@code mvn -B -ntp test -Dtest=ParserFixturesTest -Dsovaudit.regenerateGoldens=true}, then review
 * the diff before committing: the goldens are the specification.
 */
class ParserFixturesTest {

    static final String REGENERATE = "sovaudit.regenerateGoldens";
    static final String OBSERVATIONS = "expected-observations.json";
    static final String ERRORS = "expected-errors.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    static List<TestFiles.FixtureCase> cases() {
        return TestFiles.fixtureCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixture_matchesGoldens(TestFiles.FixtureCase fixture) throws IOException {
        SourceFile input = fixture.input();
        Parser parser = Parsers.standard().forFile(input)
                .orElseGet(() -> fail("no parser accepts " + input.path()));
        assertEquals(fixture.parserId(), parser.id(), "parser chosen for " + input.path());

        ParseResult result = parser.parse(input);
        String observations = PRETTY.writeValueAsString(observationRows(result.observations())) + "\n";
        String errors = PRETTY.writeValueAsString(errorRows(result.errors())) + "\n";

        Path observationsFile = fixture.dir().resolve(OBSERVATIONS);
        Path errorsFile = fixture.dir().resolve(ERRORS);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(observationsFile, observations, StandardCharsets.UTF_8);
            if (result.errors().isEmpty()) {
                Files.deleteIfExists(errorsFile);
            } else {
                Files.writeString(errorsFile, errors, StandardCharsets.UTF_8);
            }
            return;
        }
        assertTrue(Files.exists(observationsFile), "missing golden " + observationsFile
                + "; run with -D" + REGENERATE + "=true and review it");
        assertEquals(Files.readString(observationsFile, StandardCharsets.UTF_8), observations, fixture + " observations");
        if (Files.exists(errorsFile)) {
            assertEquals(Files.readString(errorsFile, StandardCharsets.UTF_8), errors, fixture + " errors");
        } else {
            assertEquals(List.of(), result.errors(), fixture + " errors");
        }
    }

    @Test
    void everyParser_hasAtLeastThreeFixtureCases() {
        Map<String, Long> counts = cases().stream()
                .collect(Collectors.groupingBy(TestFiles.FixtureCase::parserId, TreeMap::new, Collectors.counting()));
        for (Parser parser : Parsers.standard().all()) {
            assertTrue(counts.getOrDefault(parser.id(), 0L) >= 3,
                    parser.id() + " has " + counts.getOrDefault(parser.id(), 0L) + " fixture cases, needs at least 3");
        }
        List<String> unknown = new ArrayList<>(counts.keySet());
        unknown.removeAll(Parsers.standard().all().stream().map(Parser::id).toList());
        assertEquals(List.of(), unknown, "fixture directories that name no parser");
    }

    static List<Map<String, Object>> observationRows(List<Observation> observations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Observation o : observations) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", o.kind().id());
            row.put("value", o.value());
            row.put("role", o.role().id());
            row.put("line", o.where().line());
            row.put("context", o.context());
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, Object>> errorRows(List<FileError> errors) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FileError e : errors) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", e.line());
            row.put("reason", e.reason());
            rows.add(row);
        }
        return rows;
    }
}
