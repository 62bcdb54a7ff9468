package org.sovaudit.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.assess.Policy;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.collect.DirectoryCollector;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Dependency;
import org.sovaudit.report.CanonicalJson;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scan over every parser fixture at once (a tree mixing all formats, as an operator's export
 * would): every value a fixture's expected-vendors.json names must be attributed to that vendor
 * group, whichever parser read it.
 */
class FixtureVendorsIT {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    @Test
    void scanOfAllFixtures_attributesEveryExpectedVendor() throws IOException {
        AuditReport report;
        try (Audit audit = Audit.builder().dataDir(dir.resolve("data")).keySettings(TestEvidence.settings())
                .build()) {
            report = audit.run(new AuditRequest("fixtures", List.of(new DirectoryCollector(FIXTURES, "",
                    CollectLimits.defaults())), Policy.defaults().withHome("KE"))).report();
        }
        Map<String, List<Dependency>> byValue = new HashMap<>();
        for (Dependency d : report.dependencies()) {
            byValue.computeIfAbsent(d.kind().id() + " " + d.value(), k -> new ArrayList<>()).add(d);
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("expected-vendors.json")).sorted().toList()) {
                for (JsonNode row : CanonicalJson.mapper().readTree(f.toFile())) {
                    checked++;
                    String key = row.get("kind").asText() + " " + row.get("value").asText();
                    String group = row.get("group").asText();
                    List<Dependency> deps = byValue.getOrDefault(key, List.of());
                    if (deps.isEmpty()) {
                        problems.add(FIXTURES.relativize(f.getParent()) + ": " + key + " was not observed");
                    } else if (deps.stream().noneMatch(d -> group.equals(d.attribution().group()))) {
                        Dependency d = deps.getFirst();
                        problems.add(FIXTURES.relativize(f.getParent()) + ": " + key + " -> '" + d.attribution().group()
                                + "' (" + d.attribution().status().name().toLowerCase(java.util.Locale.ROOT) + ", "
                                + d.attribution().basis() + "), expected '" + group + "'");
                    }
                }
            }
        }
        assertTrue(checked > 300, "only " + checked + " expected vendor rows");
        assertTrue(problems.isEmpty(), problems.size() + " of " + checked + " expected vendors not attributed:\n"
                + String.join("\n", problems));
    }
}
