package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sovaudit.assess.Policy;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * Every value a parser fixture names a vendor for ({@code expected-vendors.json}: kind, value,
 * group) is attributed to that group by the knowledge base and the model together, as an audit
 * would attribute it: with each role and context the case's parser gives the value (its
 * {@code expected-observations.json}), every one of them; a value no observation of the case holds
 * is asked with role {@code unknown} and no context. A group the knowledge base does not have is
 * reported by name, for the knowledge base to add.
 */
class FixtureVendorsTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    static final Path SAMPLE = Path.of("src", "test", "resources", "attribute", "expected-vendors-sample.json");

    static KnowledgeBase kb;
    static OnnxAttributor model;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.loadDefault();
        model = OnnxAttributor.loadDefault(1, 64);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(FIXTURES)) {
            try (Stream<Path> walk = Files.walk(FIXTURES)) {
                walk.filter(p -> p.getFileName().toString().equals("expected-vendors.json")).sorted().forEach(out::add);
            }
        }
        out.add(SAMPLE);
        return out;
    }

    /** Problems found in the given files: unknown groups, and values attributed to another group. */
    static List<String> check(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Subject, String> expected = new LinkedHashMap<>();
        Map<Subject, String> where = new LinkedHashMap<>();
        Set<String> unknownGroups = new TreeSet<>();
        for (Path file : files) {
            JsonNode root = json.readTree(file.toFile());
            assertTrue(root.isArray(), file + " must hold a list");
            Map<String, List<Subject>> observed = observed(file.resolveSibling("expected-observations.json"), json);
            for (JsonNode entry : root) {
                ObservationKind kind = ObservationKind.fromId(entry.get("kind").asText());
                String value = entry.get("value").asText();
                String group = entry.get("group").asText();
                if (kb.group(group).isEmpty()) {
                    unknownGroups.add(group + " (" + file + ")");
                }
                for (Subject s : observed.getOrDefault(kind.id() + " " + value, List.of(new Subject(kind, value, Role.UNKNOWN)))) {
                    expected.put(s, group);
                    where.put(s, file.toString());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String g : unknownGroups) {
            problems.add("group not in the knowledge base: " + g);
        }
        Map<Subject, Attribution> got = Attributions.create(kb, model, Policy.defaults().modelThreshold(), Set.of()).attribute(expected.keySet());
        for (Map.Entry<Subject, String> e : expected.entrySet()) {
            Attribution a = got.get(e.getKey());
            if (!a.attributed() || !a.group().equals(e.getValue())) {
                problems.add(where.get(e.getKey()) + ": " + e.getKey().kind().id() + " " + e.getKey().value()
                        + (e.getKey().context().isEmpty() ? "" : " (context " + e.getKey().context() + ")") + ": expected "
                        + e.getValue() + ", got " + (a.group().isEmpty() ? a.status() + " (" + a.basis() + ")" : a.group()));
            }
        }
        return problems;
    }

    /** The distinct subjects (kind, value, role, context) of a case's observations, by {@code "kind value"}. */
    static Map<String, List<Subject>> observed(Path observations, ObjectMapper json) throws IOException {
        Map<String, List<Subject>> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(observations)) {
            return out;
        }
        for (JsonNode o : json.readTree(observations.toFile())) {
            Subject s = new Subject(ObservationKind.fromId(o.get("kind").asText()), o.get("value").asText(),
                    Role.fromId(o.get("role").asText()), o.has("context") ? o.get("context").asText() : "");
            List<Subject> subjects = out.computeIfAbsent(s.kind().id() + " " + s.value(), k -> new ArrayList<>());
            if (!subjects.contains(s)) {
                subjects.add(s);
            }
        }
        return out;
    }

    @Test
    void everyVendorNamedByAFixture_isAttributedToItsGroup() throws IOException {
        List<Path> files = files();
        assertTrue(files.contains(SAMPLE));
        assertEquals(List.of(), check(files));
    }

    @Test
    void aWrongGroupOrAnUnknownGroup_isReported(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bad = dir.resolve("expected-vendors.json");
        Files.writeString(bad, "[{\"kind\": \"hostname\", \"value\": \"mirrors.aliyun.com\", \"group\": \"tencent\"},"
                + " {\"kind\": \"hostname\", \"value\": \"www.sangfor.com\", \"group\": \"sangfor\"}]", java.nio.charset.StandardCharsets.UTF_8);
        List<String> problems = check(List.of(bad));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("group not in the knowledge base: sangfor"), problems.toString());
        assertTrue(problems.get(1).contains("expected tencent, got alibaba"), problems.toString());
    }

    @Test
    void aValue_isAskedWithEachContextItsParserGives(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path expected = dir.resolve("expected-vendors.json");
        Files.writeString(expected, "[{\"kind\": \"cloud-region\", \"value\": \"af-south-1\", \"group\": \"huawei\"}]",
                java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("expected-observations.json"), "[{\"kind\": \"cloud-region\", \"value\": \"af-south-1\","
                + " \"role\": \"cloud-region\", \"line\": 3, \"context\": \"huaweicloud\"}]", java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of(), check(List.of(expected)), "Huawei Cloud's af-south-1 by its provider context");
        Files.writeString(dir.resolve("expected-observations.json"), "[{\"kind\": \"cloud-region\", \"value\": \"af-south-1\","
                + " \"role\": \"cloud-region\", \"line\": 3, \"context\": \"huaweicloud\"},"
                + " {\"kind\": \"cloud-region\", \"value\": \"af-south-1\", \"role\": \"log-sink\", \"line\": 9, \"context\": \"awslogs\"}]",
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> problems = check(List.of(expected));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("(context awslogs): expected huawei, got amazon"), problems.toString());
    }
}
