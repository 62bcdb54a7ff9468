package org.sovaudit.parse.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.sovaudit.model.Observation;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TestFiles;

/** What the generic extractor reads, and what it leaves alone. */
class GenericTextParserTest {

    private final GenericTextParser parser = new GenericTextParser();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"README.md", "docs/guide.rst", "src/app.py", "web/index.html", "yarn.lock", "go.sum",
            "LICENSE", "CHANGELOG", "logs/app.log", "ui/app.min.js"})
    void documentationCodeLogsAndLockFiles_areLeftAlone(String path) {
        assertFalse(parser.accepts(TestFiles.file(path, "see https://api.openai.com/v1 and 8.8.8.8\n")));
    }

    @Test
    void binaryAndValueless_areLeftAlone() {
        assertFalse(parser.accepts(TestFiles.file("blob.dat", new byte[] {'a', 0, 'b', '.', 'c', 'o', 'm'})));
        assertFalse(parser.accepts(TestFiles.file("notes.txt", "# 8.8.8.8 in a comment\nversion 1.2.3.4\n")));
        assertFalse(parser.accepts(TestFiles.file("empty.conf", "")));
        assertTrue(parser.accepts(TestFiles.file("app.conf", "upstream = api.deepseek.com:443\n")));
    }

    @Test
    void everyValueOfEveryLine_isUnknownWithItsLine() {
        var r = parser.parse(TestFiles.file("opt/app/app.conf",
                "# header\r\nprimary=https://api.deepseek.com/v1\r\n\tbackup 10.20.1.5, 2001:db8::5\r\n"));
        assertEquals(List.of("2:url:https://api.deepseek.com/v1", "3:ip-address:10.20.1.5", "3:ip-address:2001:db8::5"),
                r.observations().stream().map(o -> o.where().line() + ":" + o.kind().id() + ":" + o.value()).toList());
        assertTrue(r.observations().stream().allMatch(o -> o.role() == Role.UNKNOWN));
    }

    @Test
    void addUnexplained_redactsTheSnippet() {
        ResultBuilder out = new ResultBuilder("x.conf");
        out.addUnexplained(4, "url = https://svc:S3cr3t@nexus.example.org/repo?token=S3cr3t");
        List<Observation> obs = out.build().observations();
        assertEquals("https://nexus.example.org/repo", obs.get(0).value());
        assertFalse(obs.get(0).where().snippet().contains("S3cr3t"), obs.get(0).where().snippet());
    }

    @Test
    void oversizedFile_isNotRead() {
        byte[] big = "a.example.com\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        assertFalse(parser.accepts(TestFiles.file("big.conf", big)));
        assertFalse(parser.parse(TestFiles.file("big.conf", big)).errors().isEmpty());
    }
}
