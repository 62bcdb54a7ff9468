package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.FileError;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;

/**
 * The fixtures plant credentials (every planted secret contains {@code S3cr3t}, Huawei cipher text
 * is wrapped in {@code %^%#}): none may reach an observation's value, snippet or context, nor an
 * error reason, and no fixture line may keep one in its snippet.
 */
class RedactionTest {

    private static final String MARK = "s3cr3t";
    private static final Pattern CIPHER = Pattern.compile("%\\^%#|%@%#|\\$1[a-z]\\$");

    @Test
    void fixtures_plantEnoughSecretsForThisTestToMean_something() {
        long withSecrets = TestFiles.fixtureCases().stream()
                .filter(c -> c.input().text().toLowerCase(Locale.ROOT).contains(MARK))
                .count();
        assertTrue(withSecrets >= 6, "only " + withSecrets + " fixtures carry planted secrets");
    }

    @Test
    void parsedFixtures_carryNoCredential() {
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            SourceFile input = fixture.input();
            Parser parser = Parsers.standard().forFile(input).orElseThrow();
            ParseResult result = parser.parse(input);
            for (Observation o : result.observations()) {
                assertClean(fixture + " value", o.value());
                assertClean(fixture + " snippet", o.where().snippet());
                assertClean(fixture + " context", o.context());
            }
            for (FileError e : result.errors()) {
                assertClean(fixture + " error", e.reason());
            }
        }
    }

    @Test
    void everyFixtureLine_hasItsSecretsRedactedInSnippets() {
        int checked = 0;
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            List<String> lines = TextLines.split(fixture.input().text());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.toLowerCase(Locale.ROOT).contains(MARK) || CIPHER.matcher(line).find()) {
                    assertClean(fixture + ":" + (i + 1), Snippets.snippet(line));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 15, "only " + checked + " secret-bearing lines checked");
    }

    private static void assertClean(String where, String text) {
        assertFalse(text.toLowerCase(Locale.ROOT).contains(MARK), where + " leaks a secret: " + text);
        assertFalse(CIPHER.matcher(text).find(), where + " leaks cipher text: " + text);
    }
}
