package org.sovaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sovaudit.assess.Rules;
import org.sovaudit.parse.Parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/formats.md and docs/rules.md must equal what the registries generate. After changing a
 * parser or a rule, regenerate them with
 * {@code mvn test -Dtest=GeneratedDocsTest -Dsovaudit.regenerateDocs=true}.
 */
class GeneratedDocsTest {

    private static final boolean REGENERATE = Boolean.getBoolean("sovaudit.regenerateDocs");

    @Test
    void formatsDoc_matchesTheParserRegistry() throws IOException {
        check(Path.of("docs/formats.md"), Docs.formats(Parsers.standard().all()));
    }

    @Test
    void rulesDoc_matchesTheRuleRegistry() throws IOException {
        check(Path.of("docs/rules.md"), Docs.rules(Rules.all()));
    }

    private static void check(Path file, String generated) throws IOException {
        if (REGENERATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "",
                file + " is out of date; regenerate it with -Dsovaudit.regenerateDocs=true");
    }
}
